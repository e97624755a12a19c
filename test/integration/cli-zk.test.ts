/**
 * `mesos frameworks|agents|tasks --master=zk://...` as users run them: the real command in its own
 * process, against masters it only finds through ZooKeeper. The command must also exit by itself,
 * which it only does if it closes its ZooKeeper session.
 */
import test from 'ava';
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { SchedulerClient } from '../../src/sdk/index.ts';
import type { SchedulerEvent } from '../../src/sdk/index.ts';
import { startZooKeeper } from '../../src/testing/zookeeper.ts';
import { getJson, startElectingMasters, startTestMaster, waitUntil } from './master-kit.ts';

const MESOS = fileURLToPath(new URL('../../bin/mesos.js', import.meta.url));

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function mesos(args: readonly string[], timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [MESOS, ...args], { timeout: timeoutMs, env: { ...process.env, MESOS_MASTER: '' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

test('listing verbs given zk:// print what the current leader knows, before and after a failover', async (t) => {
  const { url, first, second } = await startElectingMasters(t);

  const scheduler = new SchedulerClient({
    master: url,
    frameworkInfo: { user: 'root', name: 'listed-over-zk', failover_timeout: 600 },
    reconnectBackoff: { initialMs: 50, maxMs: 500, factor: 2, jitter: 0 },
  });
  t.teardown(() => scheduler.close());
  let subscriptions = 0;
  const reading = (async () => {
    for await (const event of scheduler.events() as AsyncGenerator<SchedulerEvent>) if (event.type === 'SUBSCRIBED') subscriptions++;
  })();
  await waitUntil(() => subscriptions === 1, 15_000);
  const frameworkId = scheduler.frameworkId ?? '';

  const table = await mesos(['frameworks', `--master=${url}`]);
  t.is(table.code, 0, table.stderr);
  t.regex(table.stdout, /^ID\s+NAME\s+ACTIVE/m);
  const rows = table.stdout.trim().split('\n').slice(1);
  t.is(rows.length, 1, table.stdout);
  t.true(rows[0]?.startsWith(`${frameworkId} `), table.stdout);
  t.regex(rows[0] ?? '', /listed-over-zk\s+yes/);

  const asJson = await mesos(['frameworks', `--master=${url}`, '--json']);
  t.is(asJson.code, 0, asJson.stderr);
  t.deepEqual((JSON.parse(asJson.stdout) as { frameworks: { id: string }[] }).frameworks.map((f) => f.id), [frameworkId]);

  await first.stop();
  await second.elected;
  await waitUntil(() => subscriptions === 2, 20_000);
  const afterFailover = await mesos(['frameworks', `--master=${url}`, '--json']);
  t.is(afterFailover.code, 0, afterFailover.stderr);
  t.deepEqual((JSON.parse(afterFailover.stdout) as { frameworks: { id: string }[] }).frameworks.map((f) => f.id), [frameworkId]);
  const agents = await mesos(['agents', `--master=${url}`, '--json']);
  t.is(agents.code, 0, agents.stderr);
  t.deepEqual((JSON.parse(agents.stdout) as { slaves: unknown[] }).slaves, []);
  const tasks = await mesos(['tasks', `--master=${url}`, '--json']);
  t.is(tasks.code, 0, tasks.stderr);
  t.deepEqual((JSON.parse(tasks.stdout) as { tasks: unknown[] }).tasks, []);

  scheduler.close();
  await reading;
});

test('malformed zk:// masters are one usage line naming --master, exit 2', async (t) => {
  for (const [verb, master] of [['frameworks', 'zk://localhost:2181'], ['tasks', 'zk://localhost:port/mesos'], ['execute', 'zk:///mesos']] as const) {
    const extra = verb === 'execute' ? ['--name=x', '--command=true'] : [];
    const run = await mesos([verb, `--master=${master}`, ...extra]);
    t.is(run.code, 2, `${verb} ${master}: ${run.stderr}`);
    const lines = run.stderr.trim().split('\n');
    t.is(lines.length, 1, run.stderr);
    t.true(lines[0]?.startsWith(`mesos ${verb}: --master: `), run.stderr);
    t.is(run.stdout, '');
  }
});

test('mesos execute given zk:// waits for a master to be elected, subscribes to it, and exits when stopped', async (t) => {
  const zk = await startZooKeeper({ nodes: 1 });
  t.teardown(() => zk.stop());
  const url = zk.url(`/mesos-${randomUUID()}`);
  const child = spawn(process.execPath, [MESOS, 'execute', `--master=${url}`, '--name=zk-exec', '--command=true'], {
    stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MESOS_MASTER: '' },
  });
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL'); });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  // Nobody leads yet: the command must stay up waiting instead of exiting with nothing pending.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  t.is(child.exitCode, null, stderr);
  const master = await startTestMaster({ zk: url, zk_session_timeout: 4000 });
  t.teardown(() => master.stop());
  await master.elected;
  await waitUntil(() => /Subscribed with ID /.test(stdout), 20_000);
  const frameworkId = /Subscribed with ID (\S+)/.exec(stdout)?.[1] ?? '';
  t.true(frameworkId.startsWith(master.masterId), stdout);

  child.kill('SIGTERM');
  t.is(await exited, 1, stderr);
  t.regex(stderr, /Stopped by SIGTERM; tearing down the framework/);
  const state = await getJson(master.url, '/master/frameworks');
  t.deepEqual((state['frameworks'] as { id: string }[]).map((f) => f.id), [], 'torn down through the leader found in ZooKeeper');
});
