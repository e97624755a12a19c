/**
 * A real agent against a fake master: real commands in real sandboxes, status updates through
 * the real HTTP link, kills reaching real process groups.
 */
import test, { type ExecutionContext } from 'ava';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentConfigWith } from '../../src/agent/config.ts';
import { startAgent, type AgentHandle } from '../../src/agent/main.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { acceleratedClock, commandTask, FakeMaster, runTask } from './agent-fake-master.ts';

interface Setup {
  master: FakeMaster;
  agent: AgentHandle;
  workDir: string;
  done(): Promise<void>;
}

async function setup(options: { autoAck?: boolean; command_executor?: 'embedded' | 'process'; pingIntervalSeconds?: number; clockFactor?: number } = {}, t?: ExecutionContext): Promise<Setup> {
  const master = new FakeMaster({ autoAck: options.autoAck ?? true, pingIntervalSeconds: options.pingIntervalSeconds ?? 15 });
  const address = await master.start();
  const workDir = await mkdtemp(join(tmpdir(), 'agent-it-'));
  const config = agentConfigWith({
    master: address, work_dir: workDir, port: 0, ip: '127.0.0.1', resources: 'cpus:4;mem:4096;disk:10000',
    command_executor: options.command_executor ?? 'embedded', registration_backoff_factor: 50,
  });
  const agent = await startAgent(config, { logger: silentLogger(), env: { PATH: process.env['PATH'] }, clock: acceleratedClock(options.clockFactor ?? 1) });
  await master.until(() => agent.connected(), 'the agent to subscribe');
  let stopped = false;
  const done = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    await agent.stop();
    await master.stop();
    await rm(workDir, { recursive: true, force: true });
  };
  t?.teardown(done); // A failed assertion must not leave the agent and its tasks running.
  return { master, agent, workDir, done };
}

function statesOf(master: FakeMaster, taskId: string): string[] {
  return master.statusUpdates().filter((u) => u.taskId === taskId).map((u) => u.state);
}

async function terminal(master: FakeMaster, taskId: string): Promise<string> {
  return master.until(() => statesOf(master, taskId).find((s) => /FINISHED|FAILED|KILLED|ERROR|LOST/.test(s)), `a terminal update of ${taskId}`);
}

async function readPidFile(path: string): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const text = await readFile(path, 'utf8').catch(() => '');
    if (text.trim() !== '') return text.trim();
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no pid in ${path}`);
}

async function stateSandbox(s: Setup, taskId: string): Promise<string> {
  const state = await (await fetch(`${s.agent.url}/state`)).json() as {
    frameworks: { executors: { id: string; directory: string }[]; completed_executors: { id: string; directory: string }[] }[];
  };
  const all = state.frameworks.flatMap((f) => [...f.executors, ...f.completed_executors]);
  const executor = all.find((e) => e.id === taskId);
  if (!executor) throw new Error(`no executor ${taskId} in /state`);
  return executor.directory;
}

test('the agent subscribes with its info and resources', async (t) => {
  const s = await setup({}, t);
  const subscribe = s.master.subscribes[0] as { agent_info: { hostname: string; port: number }; resources: { name: string }[] };
  t.is(subscribe.agent_info.port, s.agent.port);
  t.deepEqual(subscribe.resources.map((r) => r.name).sort(), ['cpus', 'disk', 'mem', 'ports']);
  t.is(s.agent.agentId(), 'fake-master-S0');
  await s.done();
});

test('a command task echoes into its sandbox and ends FINISHED after STARTING and RUNNING', async (t) => {
  const s = await setup({}, t);
  s.master.send(runTask(commandTask('echo-1', 'echo hello from $MESOS_EXECUTOR_ID')));
  t.is(await terminal(s.master, 'echo-1'), 'TASK_FINISHED');
  t.deepEqual(statesOf(s.master, 'echo-1'), ['TASK_STARTING', 'TASK_RUNNING', 'TASK_FINISHED']);
  const sandbox = await stateSandbox(s, 'echo-1');
  t.true(sandbox.startsWith(join(s.workDir, 'slaves', 'fake-master-S0', 'frameworks', 'fw-1', 'executors', 'echo-1', 'runs')));
  t.is(await readFile(join(sandbox, 'stdout'), 'utf8'), 'hello from echo-1\n');
  await s.master.until(() => s.master.calls.some((c) => c.type === 'EXECUTOR_EXITED'), 'EXECUTOR_EXITED');
  await s.done();
});

test('a non-zero exit code ends TASK_FAILED with the exit status in the message', async (t) => {
  const s = await setup({}, t);
  s.master.send(runTask(commandTask('fail-1', 'exit 3')));
  t.is(await terminal(s.master, 'fail-1'), 'TASK_FAILED');
  t.is(s.master.statusUpdates().find((u) => u.state === 'TASK_FAILED')?.message, 'Command exited with status 3');
  await s.done();
});

test('KILL_TASK ends TASK_KILLED and the whole process group is gone', async (t) => {
  const s = await setup({}, t);
  s.master.send(runTask(commandTask('kill-1', 'sleep 60 & echo $! > child.pid; wait', { kill_policy: { grace_period: { nanoseconds: 1e9 } } })));
  await s.master.until(() => statesOf(s.master, 'kill-1').includes('TASK_RUNNING'), 'RUNNING');
  const sandbox = await stateSandbox(s, 'kill-1');
  const childPid = Number(await readPidFile(join(sandbox, 'child.pid')));
  s.master.send({ type: 'KILL_TASK', kill_task: { framework_id: { value: 'fw-1' }, task_id: { value: 'kill-1' } } });
  t.is(await terminal(s.master, 'kill-1'), 'TASK_KILLED');
  const alive = async (): Promise<boolean> => {
    const stat = await readFile(`/proc/${childPid}/stat`, 'utf8').catch(() => '');
    return stat !== '' && !/^\d+ \(.*\) [ZX]/.test(stat);
  };
  for (let i = 0; i < 100 && (await alive()); i++) await new Promise((r) => setTimeout(r, 20));
  t.false(await alive(), 'the forked child died with its group');
  await s.done();
});

test('an unacknowledged update is retried until acknowledged, and the next waits for it', async (t) => {
  const s = await setup({ autoAck: false, clockFactor: 100 }, t); // 10 s retry -> 100 ms.
  s.master.send(runTask(commandTask('retry-1', 'true')));
  await s.master.until(() => statesOf(s.master, 'retry-1').length >= 3, 'three sends');
  t.deepEqual(statesOf(s.master, 'retry-1').slice(0, 3), ['TASK_STARTING', 'TASK_STARTING', 'TASK_STARTING'], 'only the head is in flight, re-sent');
  const first = s.master.statusUpdates()[0];
  s.master.acknowledge('fw-1', 'retry-1', first?.uuid ?? '');
  await s.master.until(() => statesOf(s.master, 'retry-1').includes('TASK_RUNNING'), 'RUNNING after the ack');
  const running = s.master.statusUpdates().find((u) => u.state === 'TASK_RUNNING');
  s.master.acknowledge('fw-1', 'retry-1', running?.uuid ?? '');
  const finished = await s.master.until(() => s.master.statusUpdates().find((u) => u.state === 'TASK_FINISHED'), 'FINISHED');
  s.master.acknowledge('fw-1', 'retry-1', finished.uuid);
  const count = s.master.statusUpdates().length;
  await new Promise((r) => setTimeout(r, 400)); // Four retry periods at this clock speed.
  t.is(s.master.statusUpdates().length, count, 'no retries once everything is acknowledged');
  const updatesFile = await readFile(join(s.workDir, 'meta', 'slaves', 'fake-master-S0', 'frameworks', 'fw-1', 'executors', 'retry-1', 'runs',
    (await stateSandbox(s, 'retry-1')).split('/').at(-1) ?? '', 'tasks', 'retry-1', 'task.updates'), 'utf8');
  // Updates are checkpointed as the executor sends them; acks as they come back, in order.
  const records = updatesFile.trim().split('\n').map((l) => JSON.parse(l) as { type: string; uuid?: string; update?: { status: { uuid: string } } });
  t.is(records.filter((r) => r.type === 'UPDATE').length, 3);
  t.deepEqual(records.filter((r) => r.type === 'ACK').map((r) => r.uuid), [first?.uuid, running?.uuid, finished.uuid]);
  await s.done();
});

test('after the stream breaks the agent re-subscribes with its id, tasks and unacknowledged updates', async (t) => {
  const s = await setup({ autoAck: false }, t);
  s.master.send(runTask(commandTask('long-1', 'sleep 60')));
  await s.master.until(() => statesOf(s.master, 'long-1').includes('TASK_STARTING'), 'STARTING');
  s.master.dropStream();
  await s.master.until(() => s.master.subscribes.length >= 2, 're-subscription');
  const again = s.master.subscribes[1] as { agent_id?: { value: string }; tasks?: { task_id: { value: string } }[]; unacknowledged_updates?: unknown[]; frameworks?: unknown[] };
  t.is(again.agent_id?.value, 'fake-master-S0');
  t.deepEqual(again.tasks?.map((x) => x.task_id.value), ['long-1']);
  t.true((again.unacknowledged_updates?.length ?? 0) >= 1);
  t.is(again.frameworks?.length, 1);
  await s.done();
});

test('a master that stops pinging is taken as gone and the agent re-subscribes', async (t) => {
  const s = await setup({ pingIntervalSeconds: 0.05 }, t);
  await s.master.until(() => s.master.subscribes.length >= 2, 're-subscription after ping timeouts');
  t.is((s.master.subscribes[1] as { agent_id?: { value: string } }).agent_id?.value, 'fake-master-S0');
  await s.done();
});

test('PING is answered with PONG', async (t) => {
  const s = await setup({}, t);
  s.master.send({ type: 'PING' });
  const pong = await s.master.until(() => s.master.calls.find((c) => c.type === 'PONG'), 'PONG');
  t.deepEqual(pong.body['agent_id'], { value: 'fake-master-S0' });
  t.truthy(pong.streamId);
  await s.done();
});

test('a task with neither command nor executor is TASK_ERROR', async (t) => {
  const s = await setup({}, t);
  const task = commandTask('bad-1', 'true');
  delete task['command'];
  s.master.send(runTask(task));
  t.is(await terminal(s.master, 'bad-1'), 'TASK_ERROR');
  t.is(s.master.statusUpdates()[0]?.reason, 'REASON_TASK_INVALID');
  await s.done();
});

test('process mode: a real command executor process runs the task over the executor API', async (t) => {
  const s = await setup({ command_executor: 'process' }, t);
  s.master.send(runTask(commandTask('proc-1', 'echo via-executor; exit 0')));
  t.is(await terminal(s.master, 'proc-1'), 'TASK_FINISHED');
  t.deepEqual(statesOf(s.master, 'proc-1'), ['TASK_STARTING', 'TASK_RUNNING', 'TASK_FINISHED']);
  t.is(s.master.statusUpdates()[0]?.source, 'SOURCE_EXECUTOR');
  t.is(await readFile(join(await stateSandbox(s, 'proc-1'), 'stdout'), 'utf8'), 'via-executor\n');
  await s.done();
});

test('task group: when one task fails the others are killed', async (t) => {
  const s = await setup({}, t);
  s.master.send({
    type: 'RUN_TASK_GROUP',
    run_task_group: {
      framework_info: { id: { value: 'fw-1' }, user: 'root', name: 'f' },
      executor: { executor_id: { value: 'pod-1' }, type: 'DEFAULT', resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 0.1 } }] },
      task_group: { tasks: [commandTask('pod-a', 'sleep 60'), commandTask('pod-b', 'sleep 0.2; exit 1')] },
    },
  });
  t.is(await terminal(s.master, 'pod-b'), 'TASK_FAILED');
  t.is(await terminal(s.master, 'pod-a'), 'TASK_KILLED');
  await s.done();
});

test('/files/read, /files/browse and /files/download serve sandboxes in Mesos shapes, and nothing outside the work_dir', async (t) => {
  const s = await setup({}, t);
  // The task also leaves a symlink pointing out of its sandbox: it must not become a way out.
  s.master.send(runTask(commandTask('files-1', 'printf 0123456789; ln -s /etc/passwd escape')));
  await terminal(s.master, 'files-1');
  const sandbox = await stateSandbox(s, 'files-1');
  const get = (path: string): Promise<Response> => fetch(`${s.agent.url}${path}`);
  t.deepEqual(await (await get(`/files/read?path=${encodeURIComponent(`${sandbox}/stdout`)}&offset=2&length=3`)).json(), { offset: 2, data: '234' });
  t.deepEqual(await (await get(`/files/read?path=${encodeURIComponent(`${sandbox}/stdout`)}&offset=-1`)).json(), { offset: 10, data: '' });
  const listing = await (await get(`/files/browse?path=${encodeURIComponent(sandbox)}`)).json() as { path: string; size: number; mode: string }[];
  const stdout = listing.find((f) => f.path === `${sandbox}/stdout`);
  t.is(stdout?.size, 10);
  t.regex(stdout?.mode ?? '', /^-rw/);
  t.is((await get('/files/read')).status, 400, 'no path');
  t.is((await get(`/files/read?path=${encodeURIComponent(sandbox)}`)).status, 400, 'a directory');
  t.is((await get('/files/read?path=%2Fetc%2Fpasswd')).status, 404, 'a path outside the work dir is looked up inside it');
  t.is((await get(`/files/read?path=${encodeURIComponent(`${sandbox}/${'../'.repeat(20)}etc/passwd`)}`)).status, 403, 'climbing out');
  t.is((await get(`/files/read?path=${encodeURIComponent(`${sandbox}/nope`)}`)).status, 404);
  t.is((await get(`/files/read?path=${encodeURIComponent(`${sandbox}/escape`)}`)).status, 403, 'a symlink out of the sandbox');
  t.is((await get(`/files/download?path=${encodeURIComponent(`${sandbox}/escape`)}`)).status, 403, 'a symlink out of the sandbox');
  const download = await get(`/files/download?path=${encodeURIComponent(`${sandbox}/stdout`)}`);
  t.is(download.status, 200);
  t.is(download.headers.get('content-type'), 'application/octet-stream');
  t.is(download.headers.get('content-disposition'), 'attachment; filename="stdout"');
  t.is(await download.text(), '0123456789');
  t.is((await get(`/files/download?path=${encodeURIComponent(sandbox)}`)).status, 400, 'a directory');
  t.is((await get('/health')).status, 200);
  t.is(((await (await get('/version')).json()) as { version: string }).version, '1.11.0');
  await s.done();
});

test('process mode: KILL_TASK reaches the command executor, which kills the task group and reports KILLED', async (t) => {
  const s = await setup({ command_executor: 'process' }, t);
  s.master.send(runTask(commandTask('pkill-1', 'sleep 60 & echo $! > child.pid; wait', { kill_policy: { grace_period: { nanoseconds: 5e8 } } })));
  await s.master.until(() => statesOf(s.master, 'pkill-1').includes('TASK_RUNNING'), 'RUNNING');
  const childPid = Number(await readPidFile(join(await stateSandbox(s, 'pkill-1'), 'child.pid')));
  s.master.send({ type: 'KILL_TASK', kill_task: { framework_id: { value: 'fw-1' }, task_id: { value: 'pkill-1' } } });
  t.is(await terminal(s.master, 'pkill-1'), 'TASK_KILLED');
  t.is(s.master.statusUpdates().find((u) => u.state === 'TASK_KILLED')?.source, 'SOURCE_EXECUTOR');
  await s.master.until(() => s.master.calls.some((c) => c.type === 'EXECUTOR_EXITED'), 'the executor to exit');
  t.false(await aliveAfterAWhile(childPid));
  await s.done();
});

test('SHUTDOWN_FRAMEWORK ends its executors and their process groups', async (t) => {
  const s = await setup({}, t);
  s.master.send(runTask(commandTask('fw-down-1', 'sleep 60 & echo $! > child.pid; wait')));
  await s.master.until(() => statesOf(s.master, 'fw-down-1').includes('TASK_RUNNING'), 'RUNNING');
  const childPid = Number(await readPidFile(join(await stateSandbox(s, 'fw-down-1'), 'child.pid')));
  s.master.send({ type: 'SHUTDOWN_FRAMEWORK', shutdown_framework: { framework_id: { value: 'fw-1' } } });
  await s.master.until(() => s.master.calls.some((c) => c.type === 'EXECUTOR_EXITED'), 'EXECUTOR_EXITED');
  t.false(await aliveAfterAWhile(childPid));
  const state = await (await fetch(`${s.agent.url}/state`)).json() as { frameworks: unknown[]; completed_frameworks: { id: string }[] };
  t.deepEqual(state.frameworks, []);
  t.deepEqual(state.completed_frameworks.map((f) => f.id), ['fw-1']);
  await s.done();
});

/** False once the pid is gone (or a zombie); polls briefly because reaping is asynchronous. */
async function aliveAfterAWhile(pid: number): Promise<boolean> {
  const alive = async (): Promise<boolean> => {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    return stat !== '' && !/^\d+ \(.*\) [ZX]/.test(stat);
  };
  for (let i = 0; i < 150 && (await alive()); i++) await new Promise((r) => setTimeout(r, 20));
  return alive();
}
