/**
 * Child processes of a bench: `node bin/mesos.js <verb> ...` started, waited for until it prints
 * its listening line, and always stopped. Every child is tracked so that a bench that throws, hits
 * its time cap or gets Ctrl-C still leaves no process behind (SIGTERM, then SIGKILL).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const STOP_GRACE_MS = 5_000;

export interface MesosProcess {
  readonly pid: number;
  /** The URL from the process' `listening at <url>` line. */
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Extra arguments for node itself, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  readonly startTimeoutMs?: number;
  /**
   * Checkout whose `bin/mesos.js` to run (default: this one). Lets a bench measure a fixed commit
   * (e.g. a `git archive` of HEAD) while others edit the working tree.
   */
  readonly mesosRoot?: string;
}

const running = new Set<ChildProcess>();

/** Starts `mesos <verb> <args>` and resolves once it announces the URL it listens at. */
export function startMesos(verb: string, args: readonly string[], options: StartOptions = {}): Promise<MesosProcess> {
  installCleanup();
  const mesosBin = join(options.mesosRoot || REPO_ROOT, 'bin', 'mesos.js');
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), mesosBin, verb, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => {
    running.delete(child);
    resolve();
  }));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-2000);
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let announced = false;
    const fail = (why: string): void => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`mesos ${verb}: ${why}; stderr: ${stderrTail.trim().slice(-500)}`));
    };
    const timer = setTimeout(() => fail('no "listening at" line in time'), options.startTimeoutMs ?? 60_000);
    const exitedEarly = (code: number | null, signal: NodeJS.Signals | null): void => fail(`exited during start-up (${String(code ?? signal)})`);
    child.once('exit', exitedEarly);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (announced) return;
      stdout += chunk.toString('utf8');
      const match = /listening at (http:\/\/\S+)/.exec(stdout);
      if (!match?.[1] || child.pid === undefined) return;
      announced = true;
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      // Keep draining both pipes so a chatty child never blocks on a full pipe.
      child.stdout?.resume();
      resolve({ pid: child.pid, url: match[1].replace(/,$/, ''), child, stop });
    });
  });
}

let cleanupInstalled = false;

function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.once('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllNow();
      process.exit(130);
    });
  }
}

function killAllNow(): void {
  for (const child of running) child.kill('SIGKILL');
}

/** Resident set size of a process in MiB, from /proc/<pid>/status (VmRSS). */
export async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

/** CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat. */
export async function cpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ; 100 on every Linux build this runs on (getconf CLK_TCK). */
const CLOCK_TICKS_PER_SECOND = 100;
