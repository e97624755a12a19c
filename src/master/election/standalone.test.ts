import test from 'ava';
import { StandaloneMasterDetector } from '../../lib/zookeeper/detector.ts';
import { masterInfoFor } from '../master-info.ts';
import { StandaloneMasterContender } from './standalone.ts';

test('a standalone master is elected at once and appointed on its detector', async (t) => {
  const detector = new StandaloneMasterDetector();
  const seen: (string | null)[] = [];
  detector.subscribe((leader) => seen.push(leader?.id ?? null));
  const candidacy = await new StandaloneMasterContender(detector).contend(masterInfoFor('m-1', '127.0.0.1', 5050, 'localhost'));
  await candidacy.elected;
  t.true(candidacy.isLeader);
  t.is(detector.detect()?.address?.port, 5050);

  await candidacy.withdraw();
  t.false(candidacy.isLeader);
  t.is(detector.detect(), null);
  t.deepEqual(seen, ['m-1', null]);
});

test('withdrawing is not losing: lost never settles', async (t) => {
  const candidacy = await new StandaloneMasterContender().contend(masterInfoFor('m-2', '127.0.0.1', 5050, 'localhost'));
  await candidacy.withdraw();
  const outcome = await Promise.race([candidacy.lost.then(() => 'lost'), Promise.resolve('pending')]);
  t.is(outcome, 'pending');
});
