/**
 * Leader election and detection against a real ZooKeeper server, in Mesos' layout, so Mesos
 * tools can find our leader and our detector can follow a Mesos master.
 */
import test from 'ava';
import { randomUUID } from 'node:crypto';
import { FakeClock, systemClock } from '../../src/lib/clock.ts';
import { waitForLeader } from '../../src/lib/zookeeper/detector.ts';
import { connectZk, CreateMode, type ZkConnectOptions, type ZkSession } from '../../src/lib/zookeeper/session.ts';
import { ZooKeeperMasterDetector } from '../../src/lib/zookeeper/zk-detector.ts';
import { ZooKeeperMasterContender } from '../../src/master/election/zookeeper-contender.ts';
import { masterInfoFor } from '../../src/master/master-info.ts';
import { expireSession, startZooKeeper, type ZooKeeperCluster } from '../../src/testing/zookeeper.ts';

let zk: ZooKeeperCluster;
const sessions: ZkSession[] = [];
const detectors: ZooKeeperMasterDetector[] = [];

test.before(async () => {
  zk = await startZooKeeper({ nodes: 1 });
});

test.after.always(async () => {
  await Promise.all(detectors.map((d) => d.close()));
  await Promise.all(sessions.map((s) => s.close()));
  await zk?.stop();
});

async function session(timeoutMs = 4000): Promise<ZkSession> {
  const s = await connectZk({ connectString: zk.connectString, sessionTimeoutMs: timeoutMs });
  sessions.push(s);
  return s;
}

function detector(path: string): ZooKeeperMasterDetector {
  const d = new ZooKeeperMasterDetector({ url: zk.url(path), sessionTimeoutMs: 4000, retryDelayMs: 200 });
  detectors.push(d);
  return d;
}

const uniquePath = (): string => `/mesos-${randomUUID().slice(0, 8)}`;
const master = (n: number) => masterInfoFor(`master-${n}`, `10.0.0.${n}`, 5050 + n, `m${n}`);

/** Settles within `ms` or fails the test with `what`, so a missed event fails instead of hanging. */
async function within<T>(promise: Promise<T>, what: string, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

test('the first contender leads, later ones wait, and the node holds compact MasterInfo JSON', async (t) => {
  const path = uniquePath();
  const first = await new ZooKeeperMasterContender({ session: await session(), path }).contend(master(1));
  const second = await new ZooKeeperMasterContender({ session: await session(), path }).contend(master(2));
  await within(first.elected, 'first elected');
  t.true(first.isLeader);
  t.false(second.isLeader);

  const reader = await session();
  const children = (await reader.getChildren(path)).sort();
  t.is(children.length, 2);
  for (const name of children) t.regex(name, /^json\.info_\d{10}$/);
  const data = (await reader.get(`${path}/${children[0]}`)).data.toString('utf8');
  t.deepEqual(JSON.parse(data), master(1));
  t.false(/\s/.test(data), 'compact JSON');

  const d = detector(path);
  const leader = await within(waitForLeader(d, systemClock, 10_000), 'detected leader');
  t.is(leader?.id, 'master-1');
  t.deepEqual(leader?.address, { hostname: 'm1', ip: '10.0.0.1', port: 5051 });
});

test("deleting the leader's node hands leadership to the next lowest and the old leader learns it lost", async (t) => {
  const path = uniquePath();
  const contenders = await Promise.all([1, 2, 3].map(async () => new ZooKeeperMasterContender({ session: await session(), path })));
  const first = await contenders[0]!.contend(master(1));
  const second = await contenders[1]!.contend(master(2));
  const third = await contenders[2]!.contend(master(3));
  await within(first.elected, 'first elected');
  const d = detector(path);
  await d.synced();
  t.is(d.detect()?.id, 'master-1');

  const admin = await session();
  const [leaderNode] = (await admin.getChildren(path)).sort();
  await admin.delete(`${path}/${leaderNode}`);

  t.regex(await within(first.lost, 'first lost'), /deleted/);
  await within(second.elected, 'second elected');
  t.false(third.isLeader);
  const next = await within(waitForLeader(d, systemClock, 10_000, (l) => l.id !== 'master-1'), 'detector follows');
  t.is(next?.id, 'master-2');

  // A withdrawn candidacy is a clean exit, not a loss, and passes leadership on.
  await second.withdraw();
  await within(third.elected, 'third elected');
  t.is((await within(waitForLeader(d, systemClock, 10_000, (l) => l.id === 'master-3'), 'detector follows'))?.id, 'master-3');
});

test('an expired session makes the leader report lost, and its node disappears for the others', async (t) => {
  const path = uniquePath();
  const leaderSession = await session();
  const leader = await new ZooKeeperMasterContender({ session: leaderSession, path }).contend(master(1));
  const follower = await new ZooKeeperMasterContender({ session: await session(), path }).contend(master(2));
  await within(leader.elected, 'leader elected');

  await expireSession(zk.connectString, leaderSession);
  t.regex(await within(leader.lost, 'leader lost'), /session/i);
  t.true(leaderSession.lost);
  await within(follower.elected, 'follower elected after expiry');
});

test('a session disconnected longer than its timeout is reported lost (clock injected)', async (t) => {
  const own = await startZooKeeper({ nodes: 1 });
  try {
    const clock = new FakeClock();
    const s = await connectZk({ connectString: own.connectString, sessionTimeoutMs: 10_000, clock });
    const candidacy = await new ZooKeeperMasterContender({ session: s, path: '/mesos', clock }).contend(master(1));
    await within(candidacy.elected, 'elected');
    let lostReason: string | undefined;
    s.onLost((reason) => (lostReason = reason));

    await own.stopNode(1);
    // The client notices the dropped connection on its own; wait for the timer it arms.
    await within(
      (async () => {
        while (clock.pending() === 0) await new Promise((r) => setTimeout(r, 20));
      })(),
      'disconnect noticed',
    );
    clock.advance(9_000);
    t.is(lostReason, undefined, 'still within the session timeout');
    clock.advance(1_000);
    t.regex(lostReason ?? '', /disconnected/);
    t.regex(await within(candidacy.lost, 'candidacy lost'), /session lost/);
  } finally {
    await own.stop();
  }
});

test('a Mesos-shaped json.info_ node written by hand is detected; log_replicas and other children are ignored', async (t) => {
  const path = uniquePath();
  const admin = await session();
  await admin.ensurePath(path);
  await admin.create(`${path}/log_replicas`, '', CreateMode.PERSISTENT);
  await admin.create(`${path}/registry`, '', CreateMode.PERSISTENT);
  const mesosJson =
    '{"address":{"hostname":"m1","ip":"10.0.0.1","port":5050},"capabilities":[{"type":"AGENT_UPDATE"},{"type":"AGENT_DRAINING"},{"type":"QUOTA_V2"}],' +
    '"hostname":"m1","id":"2f3e9c1b-0000-4000-8000-000000000001","ip":16777226,"pid":"master@10.0.0.1:5050","port":5050,"version":"1.11.0"}';
  await admin.create(`${path}/json.info_`, mesosJson, CreateMode.EPHEMERAL_SEQUENTIAL);

  const d = detector(path);
  const leader = await within(waitForLeader(d, systemClock, 10_000), 'leader');
  t.is(leader?.id, '2f3e9c1b-0000-4000-8000-000000000001');
  t.is(leader?.ip, 16777226);
  t.is(leader?.address?.hostname, 'm1');
  t.deepEqual(leader?.capabilities?.map((c) => c.type), ['AGENT_UPDATE', 'AGENT_DRAINING', 'QUOTA_V2']);

  // Our contender joins behind the Mesos master and does not lead.
  const ours = await new ZooKeeperMasterContender({ session: await session(), path }).contend(master(2));
  t.false(ours.isLeader);
  t.is(d.detect()?.id, '2f3e9c1b-0000-4000-8000-000000000001');
});

test('the detector waits for a missing election path and reports no leader until one appears', async (t) => {
  const path = uniquePath();
  const d = detector(path);
  await within(d.synced(), 'first read');
  t.is(d.detect(), null);
  const changes: (string | null)[] = [];
  d.subscribe((l) => changes.push(l?.id ?? null));

  const candidacy = await new ZooKeeperMasterContender({ session: await session(), path: `${path}` }).contend(master(7));
  await within(candidacy.elected, 'elected');
  const leader = await within(waitForLeader(d, systemClock, 10_000), 'leader appears');
  t.is(leader?.id, 'master-7');
  await candidacy.withdraw();
  await within(
    (async () => {
      while (d.detect() !== null) await new Promise((r) => setTimeout(r, 20));
    })(),
    'leader gone',
  );
  t.deepEqual(changes, ['master-7', null]);
});

test('a leading node with invalid MasterInfo means no known leader rather than a crash', async (t) => {
  const path = uniquePath();
  const admin = await session();
  await admin.ensurePath(path);
  await admin.create(`${path}/json.info_`, '{"hostname":"x"}', CreateMode.EPHEMERAL_SEQUENTIAL);
  const d = detector(path);
  await within(d.synced(), 'first read');
  t.is(d.detect(), null);
});

test('a detector whose session expires forgets the leader, reconnects on its own and finds it again', async (t) => {
  const path = uniquePath();
  const candidacy = await new ZooKeeperMasterContender({ session: await session(), path }).contend(master(4));
  await within(candidacy.elected, 'elected');
  const detectorSessions: ZkSession[] = [];
  const d = new ZooKeeperMasterDetector({
    url: zk.url(path),
    sessionTimeoutMs: 4000,
    retryDelayMs: 100,
    connect: async (options: ZkConnectOptions) => {
      const s = await connectZk(options);
      detectorSessions.push(s);
      return s;
    },
  });
  detectors.push(d);
  await within(d.synced(), 'first read');
  t.is(d.detect()?.id, 'master-4');
  const changes: (string | null)[] = [];
  d.subscribe((l) => changes.push(l?.id ?? null));

  await expireSession(zk.connectString, detectorSessions[0]!);
  await within(waitForLeader(d, systemClock, 10_000, () => changes.includes(null)), 'leader found again');
  t.deepEqual(changes, [null, 'master-4']);
  t.is(detectorSessions.length, 2);
  t.true(detectorSessions[0]!.lost);
});

test('user:pass@ credentials in the URL authenticate the session; election and detection work as before', async (t) => {
  const path = uniquePath();
  const authed = await connectZk({ connectString: zk.connectString, sessionTimeoutMs: 4000, credentials: { user: 'mesos', password: 's3cret' } });
  sessions.push(authed);
  const candidacy = await new ZooKeeperMasterContender({ session: authed, path }).contend(master(5));
  await within(candidacy.elected, 'elected');
  const d = new ZooKeeperMasterDetector({ url: zk.url(path).replace('zk://', 'zk://mesos:s3cret@'), sessionTimeoutMs: 4000 });
  detectors.push(d);
  t.is((await within(waitForLeader(d, systemClock, 10_000), 'leader'))?.id, 'master-5');
});
