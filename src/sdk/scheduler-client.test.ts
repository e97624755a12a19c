import test from 'ava';
import type { ServerResponse } from 'node:http';
import { FakeClock } from '../lib/clock.ts';
import { StandaloneMasterDetector } from '../lib/zookeeper/detector.ts';
import { fixedMasterInfo } from '../lib/zookeeper/detector-for.ts';
import { MesosApiError } from './api-error.ts';
import { SchedulerClient } from './scheduler-client.ts';
import type { SchedulerEvent } from './wire.ts';
import { recordOf, startStream, startTestServer, writeInPieces } from './test-server.ts';
import type { RecordedRequest } from './test-server.ts';

const frameworkInfo = { user: 'root', name: 'sdk-test' };
const subscribed = (id: string, heartbeat = 15) => ({
  type: 'SUBSCRIBED',
  subscribed: { framework_id: { value: id }, heartbeat_interval_seconds: heartbeat },
});
const offers = {
  type: 'OFFERS',
  offers: { offers: [{ id: { value: 'm-O1' }, framework_id: { value: 'm-0000' }, agent_id: { value: 'm-S0' }, hostname: 'h', resources: [] }] },
};

/** Lets I/O callbacks run, moving the fake clock by `stepMs` each turn, until `done()` holds. */
async function until(done: () => boolean, clock?: FakeClock, stepMs = 0): Promise<void> {
  for (let i = 0; i < 2000 && !done(); i++) {
    clock?.advance(stepMs);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  if (!done()) throw new Error('condition never held');
}

const subscribes = (requests: RecordedRequest[]) => requests.filter((r) => r.body?.type === 'SUBSCRIBE');

test('reads RecordIO events split at arbitrary chunk boundaries and keeps the stream id', async (t) => {
  const server = await startTestServer((req, res) => {
    startStream(res, 'stream-1');
    const text = recordOf(subscribed('m-0000')) + recordOf({ type: 'HEARTBEAT' }) + recordOf(offers);
    void writeInPieces(res, text, [1, 3, 7, 2, 50]);
  });
  t.teardown(() => server.close());
  const client = new SchedulerClient({ master: `127.0.0.1:${server.port}`, frameworkInfo, clock: new FakeClock() });

  const seen: SchedulerEvent[] = [];
  for await (const event of client.events()) {
    seen.push(event);
    if (seen.length === 3) break;
  }

  t.deepEqual(seen.map((e) => e.type), ['SUBSCRIBED', 'HEARTBEAT', 'OFFERS']);
  t.is(seen[2]?.offers?.offers?.[0]?.id.value, 'm-O1');
  t.is(client.frameworkId, 'm-0000');
  const sent = server.requests[0];
  t.is(sent?.url, '/api/v1/scheduler');
  t.is(sent?.headers['content-type'], 'application/json');
  t.deepEqual(sent?.body, { type: 'SUBSCRIBE', subscribe: { framework_info: frameworkInfo } });
});

test('follows a 307 to the leader and sends later calls there with framework id and stream id', async (t) => {
  const leader = await startTestServer((req, res) => {
    if (req.body?.type === 'SUBSCRIBE') {
      startStream(res, 'leader-stream');
      res.write(recordOf(subscribed('m-0007')));
      return;
    }
    res.writeHead(202).end();
  });
  const follower = await startTestServer((_req, res) => {
    res.writeHead(307, { Location: `//127.0.0.1:${leader.port}/master/api/v1/scheduler` }).end();
  });
  t.teardown(async () => { await leader.close(); await follower.close(); });
  const client = new SchedulerClient({ master: follower.origin, frameworkInfo, clock: new FakeClock() });

  const events = client.events();
  const first = await events.next();
  t.is(first.value?.type, 'SUBSCRIBED');
  await client.decline(['m-O3'], { refuse_seconds: 60 });
  await events.return(undefined);

  t.is(client.masterUrl, leader.origin);
  const decline = leader.requests.find((r) => r.body?.type === 'DECLINE');
  t.is(decline?.url, '/api/v1/scheduler', 'keeps its own path, takes only host:port from Location');
  t.is(decline?.headers['mesos-stream-id'], 'leader-stream');
  t.deepEqual(decline?.body, {
    framework_id: { value: 'm-0007' },
    type: 'DECLINE',
    decline: { offer_ids: [{ value: 'm-O3' }], filters: { refuse_seconds: 60 } },
  });
});

test('re-subscribes with its framework id after the stream breaks', async (t) => {
  const server = await startTestServer((req, res) => {
    startStream(res, `stream-${server.requests.length}`);
    res.write(recordOf(subscribed('m-0001')));
    // The first stream dies right after SUBSCRIBED; the second stays open.
    if (subscribes(server.requests).length === 1) res.end();
  });
  t.teardown(() => server.close());
  const clock = new FakeClock();
  const disconnections: string[] = [];
  const client = new SchedulerClient({ master: server.origin, frameworkInfo, clock, random: () => 0.5, onDisconnected: (why) => disconnections.push(why) });

  const events = client.events();
  t.is((await events.next()).value?.type, 'SUBSCRIBED');
  const second = events.next();
  await until(() => subscribes(server.requests).length === 2, clock, 250);
  t.is((await second).value?.type, 'SUBSCRIBED');
  t.is(client.streamId, 'stream-2');
  await events.return(undefined);
  t.deepEqual(disconnections, ['the master closed the stream']);

  const resubscribe = subscribes(server.requests)[1]?.body;
  t.deepEqual(resubscribe, {
    framework_id: { value: 'm-0001' },
    type: 'SUBSCRIBE',
    subscribe: { framework_info: { ...frameworkInfo, id: { value: 'm-0001' } } },
  });
});

test('treats five missed heartbeats as a disconnection and re-subscribes', async (t) => {
  const server = await startTestServer((_req, res) => {
    startStream(res, 's');
    res.write(recordOf(subscribed('m-0002', 10)));
  });
  t.teardown(() => server.close());
  const clock = new FakeClock();
  const disconnections: string[] = [];
  const client = new SchedulerClient({ master: server.origin, frameworkInfo, clock, random: () => 0, onDisconnected: (why) => disconnections.push(why) });

  const events = client.events();
  await events.next();
  const next = events.next();
  clock.advance(49_000);
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.is(subscribes(server.requests).length, 1, 'four and a bit silent intervals are tolerated');

  clock.advance(1_000);
  await until(() => subscribes(server.requests).length === 2, clock, 0);
  t.is((await next).value?.type, 'SUBSCRIBED');
  await events.return(undefined);
  t.deepEqual(disconnections, ['missed heartbeats from the master']);
});

test('an ERROR event is delivered and then ends the iteration', async (t) => {
  const server = await startTestServer((_req, res) => {
    startStream(res, 's');
    res.write(recordOf(subscribed('m-0003')) + recordOf({ type: 'ERROR', error: { message: 'Framework failed over' } }));
  });
  t.teardown(() => server.close());
  const client = new SchedulerClient({ master: server.origin, frameworkInfo, clock: new FakeClock() });

  const types: string[] = [];
  for await (const event of client.events()) types.push(event.type ?? 'UNKNOWN');

  t.deepEqual(types, ['SUBSCRIBED', 'ERROR']);
  t.is(subscribes(server.requests).length, 1);
});

test('a refused SUBSCRIBE throws with the status and Mesos message', async (t) => {
  const server = await startTestServer((_req, res) => {
    res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Failed to validate scheduler::Call: Expecting \'framework_info\' to be present');
  });
  t.teardown(() => server.close());
  const client = new SchedulerClient({ master: server.origin, frameworkInfo, clock: new FakeClock() });

  const error = await t.throwsAsync(async () => {
    for await (const _event of client.events()) { /* none expected */ }
  }, { instanceOf: MesosApiError });

  t.is(error?.status, 400);
  t.regex(error?.mesosMessage ?? '', /framework_info/);
});

test('acknowledge sends only for updates that carry a uuid', async (t) => {
  const server = await startTestServer((req, res) => {
    if (req.body?.type === 'SUBSCRIBE') {
      startStream(res, 's');
      res.write(recordOf(subscribed('m-0004')));
      return;
    }
    res.writeHead(202).end();
  });
  t.teardown(() => server.close());
  const client = new SchedulerClient({ master: server.origin, frameworkInfo, clock: new FakeClock() });
  const events = client.events();
  await events.next();

  const base = { task_id: { value: 't1' }, state: 'TASK_RUNNING', agent_id: { value: 'm-S1' } } as const;
  t.false(await client.acknowledge(base));
  t.true(await client.acknowledge({ ...base, uuid: 'AAAAAAAAAAAAAAAAAAAAAA==' }));
  await events.return(undefined);

  const acks = server.requests.filter((r) => r.body?.type === 'ACKNOWLEDGE');
  t.is(acks.length, 1);
  t.deepEqual(acks[0]?.body?.acknowledge, { agent_id: { value: 'm-S1' }, task_id: { value: 't1' }, uuid: 'AAAAAAAAAAAAAAAAAAAAAA==' });
});

test('a call refused by the master rejects with its status and message', async (t) => {
  const server = await startTestServer((req, res) => {
    if (req.body?.type === 'SUBSCRIBE') {
      startStream(res, 's');
      res.write(recordOf(subscribed('m-0005')));
      return;
    }
    res.writeHead(403).end('Framework is not subscribed');
  });
  t.teardown(() => server.close());
  const client = new SchedulerClient({ master: server.origin, frameworkInfo, clock: new FakeClock() });
  const events = client.events();
  await events.next();

  const error = await t.throwsAsync(client.revive(['web']), { instanceOf: MesosApiError });
  await events.return(undefined);

  t.is(error?.status, 403);
  t.is(error?.message, 'REVIVE failed with HTTP 403: Framework is not subscribed');
  t.deepEqual(server.requests.at(-1)?.body, { framework_id: { value: 'm-0005' }, type: 'REVIVE', revive: { roles: ['web'] } });
});

test('calls before SUBSCRIBED fail locally, naming the problem', async (t) => {
  const client = new SchedulerClient({ master: '127.0.0.1:1', frameworkInfo });
  const error = await t.throwsAsync(client.kill('t1'));
  t.regex(error?.message ?? '', /KILL: not subscribed/);
});

test('a master without a leader (503) is retried until one answers', async (t) => {
  const server = await startTestServer((_req, res) => {
    if (server.requests.length === 1) {
      res.writeHead(503).end('No leader elected');
      return;
    }
    startStream(res, 's');
    res.write(recordOf(subscribed('m-0006')));
  });
  t.teardown(() => server.close());
  const clock = new FakeClock();
  const client = new SchedulerClient({ master: server.origin, frameworkInfo, clock, random: () => 1 });

  const events = client.events();
  const first = events.next();
  await until(() => clock.pending() > 0); // the backoff timer
  clock.advance(999);
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.is(server.requests.length, 1, 'waits out the backoff (1 s on the first retry) before trying again');
  clock.advance(1);
  t.is((await first).value?.type, 'SUBSCRIBED');
  await events.return(undefined);
  t.is(server.requests.length, 2);
});

test('a stream that never says SUBSCRIBED is abandoned after five default heartbeats', async (t) => {
  const server = await startTestServer((_req, res) => {
    startStream(res, 's');
    if (subscribes(server.requests).length > 1) res.write(recordOf(subscribed('m-0008')));
  });
  t.teardown(() => server.close());
  const clock = new FakeClock();
  const client = new SchedulerClient({ master: server.origin, frameworkInfo, clock, random: () => 0 });

  const first = client.events().next();
  await until(() => clock.pending() > 0); // the watchdog, armed once the stream opened
  clock.advance(74_999);
  await new Promise((resolve) => setTimeout(resolve, 20));
  t.is(subscribes(server.requests).length, 1);
  clock.advance(1);
  await until(() => subscribes(server.requests).length === 2, clock, 0);
  t.is((await first).value?.type, 'SUBSCRIBED');
  client.close();
});

test('close() while the subscription is still connecting ends the iteration', async (t) => {
  let release: (() => void) | undefined;
  const server = await startTestServer((_req, res) => {
    release = () => {
      startStream(res, 's');
      res.write(recordOf(subscribed('m-0009')));
    };
  });
  t.teardown(() => server.close());
  const client = new SchedulerClient({ master: server.origin, frameworkInfo, clock: new FakeClock() });
  const next = client.events().next();
  await until(() => release !== undefined);
  client.close();
  release?.();
  t.true((await next).done);
});

test('with zk:// it subscribes where the detector points and moves, with its framework id, when the leader changes', async (t) => {
  // Neither master ever closes its stream: a demoted master that keeps a stream open must not pin the client.
  const serveSubscribe = (id: string) => (req: RecordedRequest, res: ServerResponse) => {
    startStream(res, `${id}-stream`);
    res.write(recordOf(subscribed(id)));
  };
  const masterA = await startTestServer(serveSubscribe('a-0001'));
  const masterB = await startTestServer(serveSubscribe('a-0001'));
  t.teardown(async () => { await masterA.close(); await masterB.close(); });
  const detector = new StandaloneMasterDetector(fixedMasterInfo(masterA.origin));
  let detectorClosed = false;
  const closeDetector = detector.close.bind(detector);
  detector.close = () => { detectorClosed = true; return closeDetector(); };
  const clock = new FakeClock();
  const client = new SchedulerClient({ master: 'zk://zk1:2181/mesos', frameworkInfo, clock, detectorFor: () => detector });

  const events = client.events();
  t.is((await events.next()).value?.type, 'SUBSCRIBED');
  t.is(client.masterUrl, masterA.origin);
  detector.appoint(fixedMasterInfo(masterB.origin));
  t.is((await events.next()).value?.type, 'SUBSCRIBED', 'no backoff wait: the clock never moved');
  t.is(client.masterUrl, masterB.origin);
  t.deepEqual(subscribes(masterB.requests)[0]?.body, {
    type: 'SUBSCRIBE', framework_id: { value: 'a-0001' }, subscribe: { framework_info: { ...frameworkInfo, id: { value: 'a-0001' } } },
  });
  t.is(subscribes(masterA.requests).length, 1);
  client.close();
  t.true((await events.next()).done);
  t.true(detectorClosed);
});
