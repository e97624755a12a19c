import test from 'ava';
import { Resources } from '../../lib/resources/index.ts';
import { coreFixture, frameworkInfo, RecordingSink } from './test-doubles.ts';
import { idProblem, validateOffers, validateTask } from './validation.ts';

const offered = Resources.fromWire([
  { name: 'cpus', type: 'SCALAR', scalar: { value: 2 } },
  { name: 'mem', type: 'SCALAR', scalar: { value: 512 } },
]).allocate('*');

function fixture() {
  const f = coreFixture();
  const result = f.core.subscribe(frameworkInfo(), [], new RecordingSink());
  if (!result.ok) throw new Error(result.message);
  const framework = f.core.registry.frameworks.get(result.frameworkId);
  if (!framework) throw new Error('no framework');
  return { f, framework };
}

function check(task: unknown, idsInCall: string[] = []) {
  const { framework } = fixture();
  return validateTask({ task, path: 'task_infos[0]', framework, agentId: 'A', role: '*', available: offered, idsInCall: new Set(idsInCall), knownExecutors: new Set() });
}

const good = { name: 't', task_id: { value: 't1' }, agent_id: { value: 'A' }, command: { value: 'true' }, resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 1 } }] };

test('a valid task consumes its resources allocated to the role', (t) => {
  const result = check(good);
  t.deepEqual(result.problems, []);
  t.is(result.consumes?.scalar('cpus'), 1);
  t.deepEqual(result.consumes?.toWire()[0]?.allocation_info, { role: '*' });
});

test('every problem of a bad task is reported, each naming its field', (t) => {
  const result = check({
    task_id: { value: 'a/b' },
    agent_id: { value: 'B' },
    resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: -1 } }, { name: 'mem', type: 'SCALAR' }],
  });
  const paths = result.problems.map((p) => p.path);
  t.deepEqual(paths.slice(0, 4), ['task_infos[0].task_id', 'task_infos[0].name', 'task_infos[0].agent_id', 'task_infos[0]']);
  t.true(paths.includes('task_infos[0].resources[0].scalar.value'), paths.join(','));
  t.true(paths.some((p) => p.startsWith('task_infos[0].resources[1]')), paths.join(','));
  t.regex(result.problems[3]?.message ?? '', /at least one \(but not both\) of CommandInfo or ExecutorInfo/);
  t.is(result.consumes, undefined);
});

test('resources beyond the offer, duplicates, both command and executor, empty resources', (t) => {
  t.regex(check({ ...good, resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 3 } }] }).problems[0]?.message ?? '', /more resources/);
  t.regex(check({ ...good, resources: [{ name: 'gpus', type: 'SCALAR', scalar: { value: 1 } }] }).problems[0]?.message ?? '', /more resources/);
  t.regex(check(good, ['t1']).problems[0]?.message ?? '', /duplicate ID: 't1'/);
  t.regex(check({ ...good, executor: { executor_id: { value: 'e' } } }).problems[0]?.message ?? '', /not both/);
  t.regex(check({ ...good, resources: [] }).problems[0]?.message ?? '', /use no resources/);
  t.deepEqual(check('nonsense').problems, [{ path: 'task_infos[0]', message: 'must be a TaskInfo object' }]);
});

test('an executor with a foreign framework id is refused', (t) => {
  const result = check({ ...good, command: undefined, executor: { executor_id: { value: 'e' }, framework_id: { value: 'other' }, command: { value: 'x' } } });
  t.is(result.problems[0]?.path, 'task_infos[0].executor.framework_id');
});

test('ids follow Mesos rules', (t) => {
  t.is(idProblem('ok-1.2'), undefined);
  t.truthy(idProblem(''));
  t.truthy(idProblem('..'));
  t.truthy(idProblem('a b'));
  t.truthy(idProblem('a\u0001'));
  t.truthy(idProblem(undefined));
});

test('offer validation: unknown, repeated, foreign and mixed-agent offers', async (t) => {
  const { f, framework } = fixture();
  const other = f.core.subscribe(frameworkInfo(), [], new RecordingSink());
  if (!other.ok) return t.fail();
  for (const hostname of ['a1', 'a2']) {
    await f.core.subscribeAgent({ info: { hostname }, resources: offered.unallocate().toWire(), version: '1', tasks: [], ip: '10.0.0.9' }, new RecordingSink());
  }
  const [a1, a2] = [...f.core.registry.agents.keys()];
  f.core.offer([
    { frameworkId: framework.id, agentId: a1 ?? '', role: '*', resources: offered.toWire() },
    { frameworkId: framework.id, agentId: a2 ?? '', role: '*', resources: offered.toWire() },
    { frameworkId: other.frameworkId, agentId: a1 ?? '', role: '*', resources: offered.toWire() },
  ]);
  const [mine1, mine2, theirs] = [...f.core.registry.offers.keys()];
  t.deepEqual(validateOffers(f.core.registry, framework, [{ value: mine1 }]).problems, []);
  const bad = validateOffers(f.core.registry, framework, [{ value: mine1 }, { value: mine1 }, { value: 'gone' }, { value: theirs }, { value: mine2 }]);
  t.deepEqual(bad.problems.map((p) => p.path), ['offer_ids[1]', 'offer_ids[2]', 'offer_ids[3]', 'offer_ids']);
  t.regex(bad.problems[3]?.message ?? '', /same agent/);
  t.deepEqual(validateOffers(f.core.registry, framework, []).problems.map((p) => p.path), ['offer_ids']);
});
