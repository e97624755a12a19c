/**
 * `mesos local` and `mesos execute` as users run them: real processes over real sockets. One
 * local cluster serves every test (they run serially); the last test stops it with SIGTERM and
 * checks that nothing it started is still alive.
 */
import test from 'ava';
import { execFile, spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { descendantsOf, isRunning } from '../../src/cli/process-reaper.ts';

const MESOS = fileURLToPath(new URL('../../bin/mesos.js', import.meta.url));

interface Cluster {
  readonly process: ChildProcessWithoutNullStreams;
  readonly master: string;
  readonly workDir: string;
  readonly exited: Promise<number | null>;
  output(): string;
}

let cluster: Cluster | undefined;

async function startLocal(): Promise<Cluster> {
  const workDir = await mkdtemp(join(tmpdir(), 'cli-execute-'));
  const child = spawn(process.execPath, [MESOS, 'local', '--agents', '2', '--port', '0', '--work_dir', workDir, '--log_level=warn'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const master = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /master at http:\/\/([\d.]+:\d+)/.exec(stdout);
      if (match?.[1] && /2\/2 agents registered/.test(stdout)) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`mesos local exited with ${code}:\n${stdout}\n${stderr}`)));
  });
  return { process: child, master, workDir, exited, output: () => `${stdout}\n${stderr}` };
}

interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function mesos(args: readonly string[], timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MESOS, ...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

test.before(async () => {
  cluster = await startLocal();
});

test.after.always(async () => {
  if (cluster && cluster.process.exitCode === null) cluster.process.kill('SIGKILL');
  if (cluster) await rm(cluster.workDir, { recursive: true, force: true });
});

test('mesos execute runs a command to TASK_FINISHED and exits 0', async (t) => {
  const result = await mesos(['execute', '--master', cluster?.master ?? '', '--name', 'hi', '--command', 'echo hello']);
  t.is(result.code, 0, `${result.stdout}\n${result.stderr}`);
  t.regex(result.stdout, /Received status update TASK_RUNNING for task 'hi-/);
  t.regex(result.stdout, /Received status update TASK_FINISHED for task 'hi-/);
});

test('a failing command ends TASK_FAILED and exits 1', async (t) => {
  const result = await mesos(['execute', '--master', cluster?.master ?? '', '--name', 'boom', '--command', 'exit 3']);
  t.is(result.code, 1, `${result.stdout}\n${result.stderr}`);
  t.regex(result.stdout, /Received status update TASK_FAILED for task 'boom-/);
});

test('the listing verbs see the agents and the finished tasks', async (t) => {
  const agents = await mesos(['agents', '--master', cluster?.master ?? '', '--json']);
  t.is(agents.code, 0, agents.stderr);
  t.is((JSON.parse(agents.stdout) as { slaves: unknown[] }).slaves.length, 2);

  const tasks = await mesos(['tasks', '--master', cluster?.master ?? '']);
  t.is(tasks.code, 0, tasks.stderr);
  t.regex(tasks.stdout, /hi-\S+\s+hi\s+TASK_FINISHED/);
  t.regex(tasks.stdout, /boom-\S+\s+boom\s+TASK_FAILED/);
});

test('a bad flag exits 2 naming it', async (t) => {
  const result = await mesos(['execute', '--master', cluster?.master ?? '', '--name', 'x', '--command', 'true', '--cpus', 'many']);
  t.is(result.code, 2);
  t.regex(result.stderr, /^mesos execute: --cpus: /);
});

/** Every live process running `sleep <seconds>` directly or through a shell, except `exclude`. */
async function sleepers(seconds: number, exclude: number | undefined): Promise<number[]> {
  const found: number[] = [];
  for (const name of (await readdir('/proc')).filter((n) => /^\d+$/.test(n))) {
    try {
      const cmdline = await readFile(`/proc/${name}/cmdline`, 'utf8');
      const runsIt = cmdline.includes(`sleep\0${seconds}`) || cmdline.includes(`sleep ${seconds}`);
      if (runsIt && Number(name) !== exclude && isRunning(Number(name))) found.push(Number(name));
    } catch {
      // Gone already.
    }
  }
  return found;
}

test('SIGTERM stops mesos local and leaves no process behind, running tasks included', async (t) => {
  const running = cluster;
  if (!running) throw new Error('no cluster');
  // A duration no other test or process is likely to sleep for, so the task can be found in /proc.
  const seconds = 1000 + (process.pid % 5000);
  const execute = spawn(process.execPath, [MESOS, 'execute', '--master', running.master, '--name', 'sleeper', '--command', `sleep ${seconds}`]);
  let executeOut = '';
  await new Promise<void>((resolve, reject) => {
    execute.stdout.on('data', (chunk: Buffer) => {
      executeOut += chunk.toString();
      if (executeOut.includes('TASK_RUNNING')) resolve();
    });
    execute.on('exit', (code) => reject(new Error(`execute exited early (${code}): ${executeOut}`)));
  });
  t.teardown(() => { if (execute.exitCode === null) execute.kill('SIGKILL'); });
  const started = descendantsOf(running.process.pid ?? -1).map((p) => p.pid);
  t.true((await sleepers(seconds, execute.pid)).length > 0, 'the task is running before the stop');
  t.true(started.length > 0, 'mesos local has child processes (executors) before the stop');

  running.process.kill('SIGTERM');
  const code = await running.exited;

  t.is(code, 0, running.output());
  t.deepEqual(started.filter(isRunning), [], 'every descendant of mesos local is gone');
  t.deepEqual(await sleepers(seconds, execute.pid), [], 'the task\'s shell and sleep are gone');
});
