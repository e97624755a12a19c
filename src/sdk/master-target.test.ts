import test from 'ava';
import { FakeClock } from '../lib/clock.ts';
import { ValidationError } from '../lib/errors.ts';
import { StandaloneMasterDetector } from '../lib/zookeeper/detector.ts';
import { fixedMasterInfo } from '../lib/zookeeper/detector-for.ts';
import { ConnectionError } from './api-error.ts';
import { masterTargetFor, resolveMasterAddress } from './master-target.ts';

const ZK = 'zk://zk1:2181,zk2:2181/mesos';

test('host:port resolves to an origin and zk:// URLs are kept as given', (t) => {
  t.is(resolveMasterAddress('10.0.0.1:5050'), 'http://10.0.0.1:5050');
  t.is(resolveMasterAddress(` ${ZK} `), ZK);
});

test('file:// is read once and may hold either form', (t) => {
  const files: Record<string, string> = { '/etc/mesos/zk': `${ZK}\n`, '/etc/mesos/addr': 'm1:5050' };
  const read = (path: string): string => {
    const text = files[path];
    if (text === undefined) throw new Error('ENOENT');
    return text;
  };
  t.is(resolveMasterAddress('file:///etc/mesos/zk', 'master', read), ZK);
  t.is(resolveMasterAddress('file:///etc/mesos/addr', 'master', read), 'http://m1:5050');
  const missing = t.throws(() => resolveMasterAddress('file:///nope', 'master', read), { instanceOf: ValidationError });
  t.is(missing?.problems[0]?.path, 'master');
  t.regex(missing?.problems[0]?.message ?? '', /cannot read \/nope: ENOENT/);
});

test('malformed zk:// URLs are rejected naming the field, before any connection', (t) => {
  let built = 0;
  for (const bad of ['zk://nopath', 'zk:///mesos', 'zk://host:notaport/mesos']) {
    const error = t.throws(() => masterTargetFor(bad, { field: 'master', detectorFor: () => { built++; return new StandaloneMasterDetector(); } }), { instanceOf: ValidationError });
    t.is(error?.problems[0]?.path, 'master', bad);
  }
  t.is(built, 0);
});

test('a fixed target follows redirects and never reports leader changes', async (t) => {
  const target = masterTargetFor('m1:5050');
  t.is(await target.origin(), 'http://m1:5050');
  target.answeredBy('http://m2:5050');
  t.is(await target.origin(), 'http://m2:5050');
  await target.close();
});

test('a zk:// target asks the detector, waits for a leader and reports changes', async (t) => {
  const clock = new FakeClock();
  const detector = new StandaloneMasterDetector();
  const target = masterTargetFor(ZK, { clock, detectorFor: () => detector });
  const changes: (string | null)[] = [];
  target.onLeaderChange((origin) => changes.push(origin));

  const waiting = target.origin();
  detector.appoint(fixedMasterInfo('m1:5051'));
  t.is(await waiting, 'http://m1:5051');
  target.answeredBy('http://elsewhere:1');
  t.is(await target.origin(), 'http://m1:5051', 'the election, not a redirect, decides');
  detector.appoint(null);
  detector.appoint(fixedMasterInfo('m2:5052'));
  t.deepEqual(changes, ['http://m1:5051', null, 'http://m2:5052']);
  await target.close();
});

test('with no leader a zk:// request fails as a connection error after the wait, credentials hidden', async (t) => {
  const clock = new FakeClock();
  const target = masterTargetFor('zk://user:secret@zk1:2181/mesos', { clock, leaderWaitMs: 5000, detectorFor: () => new StandaloneMasterDetector() });
  const waiting = target.origin();
  clock.advance(4999);
  clock.advance(1);
  const error = await t.throwsAsync(waiting, { instanceOf: ConnectionError });
  t.regex(error?.message ?? '', /no leading master found in ZooKeeper within 5000 ms/);
  t.notRegex(error?.message ?? '', /secret/);
  await target.close();
});

test('closing a zk:// target ends pending waits and closes the detector', async (t) => {
  let closed = false;
  const detector = new StandaloneMasterDetector();
  const closeDetector = detector.close.bind(detector);
  detector.close = () => { closed = true; return closeDetector(); };
  const target = masterTargetFor(ZK, { clock: new FakeClock(), detectorFor: () => detector });
  const waiting = target.origin();
  await target.close();
  await t.throwsAsync(waiting, { instanceOf: ConnectionError, message: /closed/ });
  t.true(closed);
  await t.throwsAsync(target.origin(), { instanceOf: ConnectionError });
});
