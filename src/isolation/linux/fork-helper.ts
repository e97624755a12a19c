/**
 * Forks container processes from a long-lived /bin/sh instead of from the agent. Node's spawn
 * blocks the event loop until the child has exec'd, and forking a large Node process is costly;
 * a small shell forks in a fraction of a millisecond and never blocks the agent. Each request is
 * one line of shell the helper evals: a waiter subshell starts the command and reports its pid,
 * the command reports once it has put itself into its cgroups (before it execs anything of the
 * task), and the waiter reports the exit status. Lines back: `S <token> <pid>`, `P <token>`,
 * `E <token> <status>`.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface ForkRequest {
  /** The command's argv; argv[0] is looked up in PATH by `env`. */
  readonly argv: readonly string[];
  readonly cwd: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly stdoutPath: string;
  readonly stderrPath: string;
  /** cgroup.procs files the process writes its own pid into before it execs the command. */
  readonly cgroupProcs: readonly string[];
  /** Run as this uid/gid (via setpriv) when set. */
  readonly ids?: { readonly uid: number; readonly gid: number };
}

export interface Forked {
  readonly pid: number;
  /** The wait status as the shell reports it: the exit code, or 128 + the signal number. */
  readonly exited: Promise<number>;
}

/** Status a request reports when the process could not enter its cgroups or its sandbox. */
export const SETUP_FAILED_STATUS = 125;

/** Single-quotes a word for sh; newlines go through $NL so that a request stays one line. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`).replace(/\n/g, `'"$NL"'`)}'`;
}

// Runs in the forked child: place itself, tell the agent, drop the report channel, exec.
const PLACE_SCRIPT = [
  'token=$1; shift',
  'while [ "$1" != -- ]; do echo $$ > "$1" || exit ' + SETUP_FAILED_STATUS + '; shift; done; shift',
  'echo "P $token" >&3; exec 3>&-',
  'exec "$@"',
].join('; ');

const LOOP = `NL=$(printf '\\n_'); NL=\${NL%_}; while IFS= read -r line; do eval "$line"; done`;

export function requestLine(token: string, request: ForkRequest): string {
  const q = shellQuote;
  const env = ['/usr/bin/env', '-i', '--', ...Object.entries(request.environment).map(([k, v]) => `${k}=${v}`)];
  const user = request.ids ? ['/usr/bin/setpriv', `--reuid=${request.ids.uid}`, `--regid=${request.ids.gid}`, '--clear-groups', '--'] : [];
  const words = ['/bin/sh', '-c', PLACE_SCRIPT, 'mesos-ts-place', token, ...request.cgroupProcs, '--', ...user, ...env, ...request.argv];
  const command = words.map(q).join(' ');
  return `( cd ${q(request.cwd)} || { echo "E ${token} ${SETUP_FAILED_STATUS}"; exit; }; `
    + `${command} 3>&1 </dev/null >>${q(request.stdoutPath)} 2>>${q(request.stderrPath)} & `
    + `p=$!; echo "S ${token} $p"; wait $p; echo "E ${token} $?" ) &\n`;
}

interface Pending {
  pid?: number;
  placed: (pid: number) => void;
  failed: (error: Error) => void;
  exited: (status: number) => void;
}

export class ForkHelper {
  private shell: ChildProcess | undefined;
  private readonly pending = new Map<string, Pending>();
  private nextToken = 0;
  private buffered = '';

  private start(): ChildProcess {
    // Its own session, so signals aimed at the agent's terminal reach neither it nor the tasks.
    const shell = spawn('/bin/sh', ['-c', LOOP], { env: {}, stdio: ['pipe', 'pipe', 'ignore'], detached: true });
    shell.stdout?.setEncoding('utf8');
    shell.stdout?.on('data', (chunk: string) => this.onOutput(chunk));
    shell.once('exit', () => {
      if (this.shell === shell) this.shell = undefined;
    });
    // Waiters of running processes keep the pipe open after the helper itself has gone; only when
    // the last writer is gone can no status arrive any more.
    shell.stdout?.once('end', () => {
      for (const [token, p] of this.pending) {
        p.failed(new Error('the fork helper went away'));
        p.exited(-1);
        this.pending.delete(token);
      }
    });
    shell.stdin?.on('error', () => undefined);
    this.shell = shell;
    return shell;
  }

  private onOutput(chunk: string): void {
    this.buffered += chunk;
    let newline: number;
    while ((newline = this.buffered.indexOf('\n')) >= 0) {
      const [kind, token, value] = this.buffered.slice(0, newline).split(' ');
      this.buffered = this.buffered.slice(newline + 1);
      const p = token === undefined ? undefined : this.pending.get(token);
      if (!p || token === undefined) continue;
      if (kind === 'S') p.pid = Number(value);
      else if (kind === 'P') p.placed(p.pid ?? -1);
      else if (kind === 'E') {
        const status = Number(value);
        p.failed(new Error(status === SETUP_FAILED_STATUS
          ? 'the process could not enter its sandbox or its cgroups'
          : `the process ended (status ${status}) before it was placed`));
        p.exited(status);
        this.pending.delete(token);
        this.updateRef();
      }
    }
  }

  /** The helper holds the agent open only while a forked process is still running. */
  private updateRef(): void {
    const stdout = this.shell?.stdout as (NodeJS.ReadableStream & { ref?: () => void; unref?: () => void }) | undefined;
    if (this.pending.size > 0) {
      this.shell?.ref();
      stdout?.ref?.();
    } else {
      this.shell?.unref();
      stdout?.unref?.();
    }
  }

  /** Resolves once the process is in its cgroups (nothing of the task has run yet). */
  fork(request: ForkRequest): Promise<Forked> {
    const shell = this.shell ?? this.start();
    const token = `t${this.nextToken++}`;
    return new Promise((resolve, reject) => {
      let settle: (status: number) => void = () => undefined;
      const exited = new Promise<number>((r) => { settle = r; });
      this.pending.set(token, {
        placed: (pid) => resolve({ pid, exited }),
        failed: reject,
        exited: settle,
      });
      this.updateRef();
      shell.stdin?.write(requestLine(token, request));
    });
  }

  /** Lets the helper go; processes it started keep running (their waiters report to nobody). */
  close(): void {
    this.shell?.stdin?.end();
    this.shell?.unref();
    (this.shell?.stdout as { unref?: () => void } | undefined)?.unref?.();
    this.shell = undefined;
  }
}
