/**
 * The agent's v1 executor API as an executor sees it: status codes for bad requests, the
 * SUBSCRIBED/LAUNCH stream, UPDATE validation and acknowledgement, MESSAGE forwarding, and the
 * MESOS_* environment an executor is started with. The test plays the executor itself.
 */
import test from 'ava';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentConfigWith } from '../../src/agent/config.ts';
import { startAgent, type AgentHandle } from '../../src/agent/main.ts';
import { readJsonRecords } from '../../src/agent/recordio.ts';
import { newUuidBytesBase64 } from '../../src/lib/ids.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { commandTask, FakeMaster, framework, runTask } from './agent-fake-master.ts';

const ids = { framework_id: { value: 'fw-1' }, executor_id: { value: 'custom-1' } };

async function setup(): Promise<{ master: FakeMaster; agent: AgentHandle; sandbox: () => Promise<string>; done: () => Promise<void> }> {
  const master = new FakeMaster();
  const address = await master.start();
  const workDir = await mkdtemp(join(tmpdir(), 'agent-exec-api-'));
  const agent = await startAgent(agentConfigWith({ master: address, work_dir: workDir, port: 0, resources: 'cpus:2;mem:2048' }), {
    logger: silentLogger(), env: { PATH: process.env['PATH'], INHERITED_FROM_AGENT: 'yes' },
  });
  await master.until(() => agent.connected(), 'subscription');
  // A custom executor that never subscribes by itself: the test speaks for it.
  const task = commandTask('task-1', 'unused');
  delete task['command'];
  task['executor'] = { executor_id: { value: 'custom-1' }, command: { value: 'env > env.txt; exec sleep 60', environment: { variables: [{ name: 'FROM_EXECUTOR_INFO', value: 'hi' }] } } };
  master.send(runTask(task));
  const sandbox = async (): Promise<string> => {
    for (let i = 0; i < 200; i++) {
      const state = await (await fetch(`${agent.url}/state`)).json() as { frameworks: { executors: { id: string; directory: string }[] }[] };
      const dir = state.frameworks[0]?.executors.find((e) => e.id === 'custom-1')?.directory;
      if (dir) return dir;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('executor never appeared in /state');
  };
  return {
    master, agent, sandbox,
    async done() {
      await agent.stop();
      await master.stop();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

function post(agent: AgentHandle, body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }): Promise<Response> {
  // Bytes, not a string: fetch would add its own text/plain Content-Type to a string body.
  const bytes = new TextEncoder().encode(typeof body === 'string' ? body : JSON.stringify(body));
  return fetch(`${agent.url}/api/v1/executor`, { method: 'POST', headers, body: bytes });
}

function update(status: Record<string, unknown>): Record<string, unknown> {
  return { ...ids, type: 'UPDATE', update: { status: { task_id: { value: 'task-1' }, state: 'TASK_RUNNING', source: 'SOURCE_EXECUTOR', uuid: newUuidBytesBase64(), ...status } } };
}

test('malformed requests get Mesos status codes', async (t) => {
  const s = await setup();
  const get = await fetch(`${s.agent.url}/api/v1/executor`);
  t.is(get.status, 405);
  t.is(get.headers.get('allow'), 'POST');
  t.is((await post(s.agent, { ...ids, type: 'HEARTBEAT' }, {})).status, 400, 'no Content-Type');
  t.is((await post(s.agent, { ...ids, type: 'HEARTBEAT' }, { 'Content-Type': 'text/plain' })).status, 415);
  t.is((await post(s.agent, { ...ids, type: 'HEARTBEAT' }, { 'Content-Type': 'application/json; charset=utf-8' })).status, 415, 'compared exactly');
  t.is((await post(s.agent, { ...ids, type: 'HEARTBEAT' }, { 'Content-Type': 'application/json', Accept: 'text/html' })).status, 406);
  t.is((await post(s.agent, '{not json')).status, 400);
  const missing = await post(s.agent, { type: 'HEARTBEAT' });
  t.is(missing.status, 400);
  t.regex(await missing.text(), /framework_id/);
  t.is((await post(s.agent, { ...ids, type: 'HEARTBEAT' })).status, 403, 'not subscribed yet');
  t.is((await post(s.agent, update({}))).status, 403, 'UPDATE before SUBSCRIBE');
  t.is((await post(s.agent, { framework_id: { value: 'fw-1' }, executor_id: { value: 'nobody' }, type: 'SUBSCRIBE', subscribe: {} })).status, 400);
  t.is((await post(s.agent, { framework_id: { value: 'fw-x' }, executor_id: { value: 'custom-1' }, type: 'SUBSCRIBE', subscribe: {} })).status, 400);
  await s.done();
});

test('an executor subscribes, gets its task, and its updates are validated, checkpointed and acknowledged', async (t) => {
  const s = await setup();
  await s.sandbox();
  const response = await post(s.agent, { ...ids, type: 'SUBSCRIBE', subscribe: {} });
  t.is(response.status, 200, response.status === 200 ? '' : await response.text());
  t.is(response.headers.get('content-type'), 'application/json');
  const events = readJsonRecords(response.body as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const next = async (): Promise<Record<string, unknown>> => (await events.next()).value as Record<string, unknown>;

  const subscribed = await next();
  t.is(subscribed['type'], 'SUBSCRIBED');
  const body = subscribed['subscribed'] as Record<string, { [k: string]: unknown }>;
  t.deepEqual(body['executor_info']?.['executor_id'], { value: 'custom-1' });
  t.deepEqual(body['framework_info']?.['id'], framework.id);
  t.is(body['agent_info']?.['hostname'] !== undefined, true);
  t.truthy(body['container_id']?.['value']);
  const launch = await next();
  t.is(launch['type'], 'LAUNCH');
  t.deepEqual((launch['launch'] as { task: { task_id: unknown } }).task.task_id, { value: 'task-1' });

  const bad: [Record<string, unknown>, RegExp][] = [
    [{ uuid: undefined }, /uuid/],
    [{ uuid: 'not-16-bytes' }, /uuid/],
    [{ source: 'SOURCE_AGENT' }, /SOURCE_EXECUTOR/],
    [{ state: 'TASK_STAGING' }, /TASK_STAGING/],
  ];
  for (const [status, message] of bad) {
    const answer = await post(s.agent, update(status));
    t.is(answer.status, 400, JSON.stringify(status));
    t.regex(await answer.text(), message);
  }
  t.is((await post(s.agent, update({ task_id: { value: 'someone-else' } }))).status, 400, 'not this executor\'s task');

  const uuid = newUuidBytesBase64();
  t.is((await post(s.agent, update({ uuid }))).status, 202);
  const ack = await next();
  t.deepEqual(ack, { type: 'ACKNOWLEDGED', acknowledged: { task_id: { value: 'task-1' }, uuid } });
  const forwarded = await s.master.until(() => s.master.statusUpdates().find((u) => u.uuid === uuid), 'the update at the master');
  t.is(forwarded.state, 'TASK_RUNNING');

  t.is((await post(s.agent, { ...ids, type: 'MESSAGE', message: { data: Buffer.from('hello').toString('base64') } })).status, 202);
  const message = await s.master.until(() => s.master.calls.find((c) => c.type === 'FRAMEWORK_MESSAGE'), 'FRAMEWORK_MESSAGE');
  t.is((message.body['framework_message'] as { data: string }).data, Buffer.from('hello').toString('base64'));
  t.is((await post(s.agent, { ...ids, type: 'MESSAGE', message: {} })).status, 400, 'MESSAGE without data');
  t.is((await post(s.agent, { ...ids, type: 'HEARTBEAT' })).status, 202);

  s.master.send({ type: 'KILL_TASK', kill_task: { framework_id: framework.id, task_id: { value: 'task-1' }, kill_policy: { grace_period: { nanoseconds: 2e9 } } } });
  const kill = await next();
  t.deepEqual(kill, { type: 'KILL', kill: { task_id: { value: 'task-1' }, kill_policy: { grace_period: { nanoseconds: 2e9 } } } });

  s.master.send({ type: 'FRAMEWORK_MESSAGE', framework_message: { framework_id: framework.id, executor_id: { value: 'custom-1' }, data: 'aGk=' } });
  t.deepEqual(await next(), { type: 'MESSAGE', message: { data: 'aGk=' } });
  await s.done();
});

test('the executor is started with the MESOS_* environment, the agent env and its own variables', async (t) => {
  const s = await setup();
  const sandbox = await s.sandbox();
  let text = '';
  for (let i = 0; i < 200 && !text.includes('MESOS_SANDBOX'); i++) {
    text = await readFile(join(sandbox, 'env.txt'), 'utf8').catch(() => '');
    await new Promise((r) => setTimeout(r, 20));
  }
  const env = Object.fromEntries(text.trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  t.is(env['MESOS_AGENT_ENDPOINT'], s.agent.url.replace('http://', ''));
  t.is(env['MESOS_FRAMEWORK_ID'], 'fw-1');
  t.is(env['MESOS_EXECUTOR_ID'], 'custom-1');
  t.is(env['MESOS_SANDBOX'], sandbox);
  t.is(env['MESOS_DIRECTORY'], sandbox);
  t.is(env['MESOS_CHECKPOINT'], '0');
  t.is(env['MESOS_SLAVE_ID'], 'fake-master-S0');
  t.is(env['MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD'], '5secs');
  t.is(env['MESOS_HTTP_COMMAND_EXECUTOR'], '1');
  t.is(env['INHERITED_FROM_AGENT'], 'yes');
  t.is(env['FROM_EXECUTOR_INFO'], 'hi');
  await s.done();
});

test('an executor that never subscribes is destroyed after the registration timeout and its task fails', async (t) => {
  const master = new FakeMaster();
  const address = await master.start();
  const workDir = await mkdtemp(join(tmpdir(), 'agent-exec-reg-'));
  const agent = await startAgent(agentConfigWith({ master: address, work_dir: workDir, port: 0, executor_registration_timeout: 300 }), {
    logger: silentLogger(), env: { PATH: process.env['PATH'] }, hostFacts: { cores: 2, memBytes: 4 * 1024 ** 3, diskBytes: undefined },
  });
  await master.until(() => agent.connected(), 'subscription');
  const task = commandTask('task-2', 'unused');
  delete task['command'];
  task['executor'] = { executor_id: { value: 'silent' }, command: { value: 'exec sleep 60' } };
  master.send(runTask(task));
  const failed = await master.until(() => master.statusUpdates().find((u) => u.taskId === 'task-2'), 'the task update');
  t.is(failed.state, 'TASK_FAILED');
  t.is(failed.reason, 'REASON_EXECUTOR_REGISTRATION_TIMEOUT');
  await master.until(() => master.calls.some((c) => c.type === 'EXECUTOR_EXITED'), 'EXECUTOR_EXITED');
  await agent.stop();
  await master.stop();
  await rm(workDir, { recursive: true, force: true });
});
