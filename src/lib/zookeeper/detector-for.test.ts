import test from 'ava';
import { ValidationError } from '../errors.ts';
import { StandaloneMasterDetector } from './detector.ts';
import { fixedMasterInfo, leaderOrigin, masterDetectorFor } from './detector-for.ts';
import { ZooKeeperMasterDetector } from './zk-detector.ts';

test('host:port and http URLs become a fixed leader at that address', async (t) => {
  for (const [flag, origin] of [
    ['m1:5050', 'http://m1:5050'],
    ['http://10.0.0.2:6060/', 'http://10.0.0.2:6060'],
    ['m3', 'http://m3:5050'],
    ['[::1]:5050', 'http://[::1]:5050'],
  ] as const) {
    const detector = masterDetectorFor(flag);
    t.true(detector instanceof StandaloneMasterDetector, flag);
    const leader = detector.detect();
    t.truthy(leader, flag);
    if (leader) t.is(leaderOrigin(leader), origin, flag);
    await detector.close();
  }
});

test('zk URLs follow the election (parsed up front, so a typo fails at once)', async (t) => {
  const detector = masterDetectorFor('zk://127.0.0.1:1/mesos', { sessionTimeoutMs: 1000 });
  t.true(detector instanceof ZooKeeperMasterDetector);
  t.is(detector.detect(), null);
  await detector.close();
  t.throws(() => masterDetectorFor('zk://h:99999/mesos'), { instanceOf: ValidationError, message: /'master'.*99999/ });
});

test('other schemes are refused naming the flag', (t) => {
  t.throws(() => fixedMasterInfo('ftp://m1:21', 'agent.master'), { instanceOf: ValidationError, message: /'agent\.master'/ });
});
