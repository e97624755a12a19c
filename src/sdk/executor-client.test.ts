import test from 'ava';
import type { ServerResponse } from 'node:http';
import { FakeClock } from '../lib/clock.ts';
import { ValidationError } from '../lib/errors.ts';
import { ExecutorClient } from './executor-client.ts';
import { readExecutorEnvironment } from './executor-environment.ts';
import { recordOf, startStream, startTestServer, writeInPieces } from './test-server.ts';

const envFor = (port: number, extra: Record<string, string> = {}) => ({
  MESOS_AGENT_ENDPOINT: `127.0.0.1:${port}`,
  MESOS_FRAMEWORK_ID: 'm-0000',
  MESOS_EXECUTOR_ID: 'e1',
  MESOS_DIRECTORY: '/tmp/sandbox',
  ...extra,
});

const subscribed = {
  type: 'SUBSCRIBED',
  subscribed: {
    executor_info: { executor_id: { value: 'e1' } },
    framework_info: { user: 'root', name: 'f' },
    agent_info: { hostname: 'h' },
  },
};
const launch = { type: 'LAUNCH', launch: { task: { name: 't', task_id: { value: 't1' }, agent_id: { value: 'm-S0' } } } };

test('names every missing or malformed MESOS_* variable', (t) => {
  const error = t.throws(() => readExecutorEnvironment({ MESOS_FRAMEWORK_ID: 'f', MESOS_RECOVERY_TIMEOUT: 'soon' }), { instanceOf: ValidationError });
  t.deepEqual(error?.problems.map((p) => p.path), ['MESOS_AGENT_ENDPOINT', 'MESOS_EXECUTOR_ID', 'MESOS_RECOVERY_TIMEOUT']);
});

test('reads checkpointing and durations the agent passes', (t) => {
  const env = readExecutorEnvironment(envFor(5051, { MESOS_CHECKPOINT: '1', MESOS_RECOVERY_TIMEOUT: '15mins', MESOS_SUBSCRIPTION_BACKOFF_MAX: '2secs' }));
  t.true(env.checkpoint);
  t.is(env.recoveryTimeoutMs, 900_000);
  t.is(env.subscriptionBackoffMaxMs, 2000);
  t.is(env.sandbox, '/tmp/sandbox');
});

test('subscribes and sends updates with a fresh 16-byte uuid, SOURCE_EXECUTOR and its ids', async (t) => {
  const server = await startTestServer((req, res) => {
    if (req.body?.type !== 'SUBSCRIBE') {
      res.writeHead(202).end();
      return;
    }
    startStream(res);
    void writeInPieces(res, recordOf(subscribed) + recordOf(launch), [5, 1, 9]);
  });
  t.teardown(() => server.close());
  const client = new ExecutorClient({ env: envFor(server.port), clock: new FakeClock() });

  const events = client.events();
  t.is((await events.next()).value?.type, 'SUBSCRIBED');
  t.is((await events.next()).value?.type, 'LAUNCH');
  const uuid = await client.update({ task_id: 't1', state: 'TASK_RUNNING' });

  const update = server.requests.find((r) => r.body?.type === 'UPDATE')?.body;
  t.deepEqual(update?.executor_id, { value: 'e1' });
  t.deepEqual(update?.framework_id, { value: 'm-0000' });
  const status = (update?.update as { status: Record<string, unknown> }).status;
  t.is(status.source, 'SOURCE_EXECUTOR');
  t.is(status.uuid, uuid);
  t.is(Buffer.from(uuid, 'base64').length, 16);
  t.is(status.timestamp, 1_700_000_000, 'timestamp in seconds, from the injected clock');
  t.deepEqual(client.pendingUpdates().map((s) => s.uuid), [uuid]);

  await events.return(undefined);
});

test('resubscription carries unacknowledged tasks and updates', async (t) => {
  const streams: ServerResponse[] = [];
  const server = await startTestServer((req, res) => {
    if (req.body?.type !== 'SUBSCRIBE') {
      res.writeHead(202).end();
      return;
    }
    streams.push(res);
    startStream(res);
    res.write(recordOf(subscribed));
    if (streams.length === 1) res.write(recordOf(launch));
  });
  t.teardown(() => server.close());
  const clock = new FakeClock();
  const client = new ExecutorClient({ env: envFor(server.port, { MESOS_CHECKPOINT: '1' }), clock, random: () => 0 });
  const events = client.events();
  await events.next();
  await events.next();
  const firstUuid = await client.update({ task_id: 't1', state: 'TASK_RUNNING' });
  const secondUuid = await client.update({ task_id: 't2', state: 'TASK_RUNNING' });

  // The agent acknowledges only the second update, then goes away (an agent restart).
  streams[0]?.end(recordOf({ type: 'ACKNOWLEDGED', acknowledged: { task_id: { value: 't2' }, uuid: secondUuid } }));
  t.is((await events.next()).value?.type, 'ACKNOWLEDGED');
  const next = events.next();
  for (let i = 0; i < 500 && streams.length < 2; i++) {
    clock.advance(100);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  t.is((await next).value?.type, 'SUBSCRIBED');
  await events.return(undefined);

  const resubscribe = server.requests.filter((r) => r.body?.type === 'SUBSCRIBE')[1]?.body?.subscribe as {
    unacknowledged_tasks: { task_id: { value: string } }[];
    unacknowledged_updates: { status: { uuid: string } }[];
  };
  t.deepEqual(resubscribe.unacknowledged_tasks.map((task) => task.task_id.value), ['t1']);
  t.deepEqual(resubscribe.unacknowledged_updates.map((u) => u.status.uuid), [firstUuid]);
});

test('without checkpointing a lost agent ends the iteration', async (t) => {
  const server = await startTestServer((_req, res) => {
    startStream(res);
    res.end(recordOf(subscribed));
  });
  t.teardown(() => server.close());
  const client = new ExecutorClient({ env: envFor(server.port), clock: new FakeClock() });
  const types: string[] = [];
  for await (const event of client.events()) types.push(event.type ?? 'UNKNOWN');
  t.deepEqual(types, ['SUBSCRIBED']);
  t.is(server.requests.length, 1);
});

test('an event that is not Mesos JSON is an error naming the field, not a silent reconnect', async (t) => {
  const server = await startTestServer((_req, res) => {
    startStream(res);
    res.write(recordOf({ type: 'LAUNCH', launch: { task: { name: 't' } } }));
  });
  t.teardown(() => server.close());
  const client = new ExecutorClient({ env: envFor(server.port, { MESOS_CHECKPOINT: '1' }), clock: new FakeClock() });
  const error = await t.throwsAsync(async () => {
    for await (const _event of client.events()) { /* none expected */ }
  }, { instanceOf: ValidationError });
  t.regex(error?.message ?? '', /launch\.task\.task_id/);
});
