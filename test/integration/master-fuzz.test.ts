/**
 * Random and half-valid calls against a live master: none may get a 500 or stop it serving.
 */
import test from 'ava';
import fc from 'fast-check';
import { AGENT, FakeAgent, postJson, rawRequest, SCHEDULER, startTestMaster, TestScheduler } from './master-kit.ts';

// TEARDOWN is left out so the framework stays and the fuzz keeps reaching the deeper handlers.
const CALL_TYPES = ['SUBSCRIBE', 'ACCEPT', 'DECLINE', 'REVIVE', 'KILL', 'SHUTDOWN', 'ACKNOWLEDGE', 'RECONCILE', 'MESSAGE', 'REQUEST', 'SUPPRESS', 'UPDATE_FRAMEWORK', 'UNKNOWN', 'BOGUS'];

test('fuzzed scheduler and agent calls never get a 500 and the master keeps serving', async (t) => {
  const master = await startTestMaster();
  t.teardown(() => master.stop());
  const scheduler = await TestScheduler.subscribe(master.url);
  const agent = await FakeAgent.subscribe(master.url);
  const [offer] = await scheduler.offers();
  const id = fc.oneof(fc.record({ value: fc.string({ maxLength: 8 }) }), fc.constant({ value: agent.agentId }));
  const resource = fc.record({ name: fc.constantFrom('cpus', 'mem', 'ports', 'gpus', ''), type: fc.constantFrom('SCALAR', 'RANGES', 'SET'), scalar: fc.record({ value: fc.double() }) });
  const task = fc.record({ name: fc.string({ maxLength: 4 }), task_id: id, agent_id: fc.constant(offer?.['agent_id'] ?? { value: 'x' }), resources: fc.array(resource, { maxLength: 3 }), command: fc.option(fc.record({ value: fc.string() }), { nil: undefined }) });
  const sometimesJunk = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: fc.anything() });
  const body = fc.record({
    type: fc.constantFrom(...CALL_TYPES),
    framework_id: sometimesJunk(fc.constant({ value: scheduler.frameworkId })),
    accept: sometimesJunk(fc.record({
      offer_ids: fc.constant([offer?.['id']]),
      operations: fc.array(fc.record({ type: fc.constantFrom('LAUNCH', 'LAUNCH_GROUP', 'RESERVE'), launch: fc.record({ task_infos: fc.array(task, { maxLength: 3 }) }), launch_group: fc.record({ executor: fc.record({ executor_id: id }), task_group: fc.record({ tasks: fc.array(task, { maxLength: 2 }) }) }) }), { maxLength: 2 }),
    })),
    kill: sometimesJunk(fc.record({ task_id: id, agent_id: fc.option(id, { nil: undefined }) })),
    reconcile: sometimesJunk(fc.record({ tasks: fc.array(fc.record({ task_id: id, agent_id: fc.option(id, { nil: undefined }) }), { maxLength: 3 }) })),
    acknowledge: sometimesJunk(fc.record({ agent_id: id, task_id: id, uuid: fc.constantFrom('AAAAAAAAAAAAAAAAAAAAAA==', 'AAAA', '') })),
    update_framework: sometimesJunk(fc.record({ framework_info: fc.record({ user: fc.constantFrom('test', 'root'), name: fc.string(), id: fc.constant({ value: scheduler.frameworkId }) }) })),
  }, { requiredKeys: ['type'] });
  const statuses = new Set<number>();
  await fc.assert(
    fc.asyncProperty(body, async (call) => {
      const res = await postJson(master.url, SCHEDULER, call, { 'Mesos-Stream-Id': scheduler.stream.streamId });
      statuses.add(res.status);
      return res.status !== 500;
    }),
    { numRuns: 300, seed: 7 },
  );
  await fc.assert(
    fc.asyncProperty(fc.record({ type: fc.constantFrom('STATUS_UPDATE', 'EXECUTOR_EXITED', 'FRAMEWORK_MESSAGE', 'PONG', 'UPDATE_RESOURCES', 'SUBSCRIBE'), agent_id: fc.constant({ value: agent.agentId }), status_update: fc.anything(), update_resources: fc.anything(), subscribe: fc.anything() }), async (call) => {
      const res = await postJson(master.url, AGENT, call, { 'Mesos-Stream-Id': agent.stream.streamId });
      statuses.add(res.status);
      return res.status !== 500;
    }),
    { numRuns: 200, seed: 11 },
  );
  t.log(`statuses seen: ${[...statuses].sort().join(', ')}`);
  t.is((await rawRequest(master.url, '/master/health', { method: 'GET' })).status, 200);
  t.is((await rawRequest(master.url, '/master/state', { method: 'GET' })).status, 200);
  t.is((await scheduler.call('REVIVE')).status, 202);
  const another = await TestScheduler.subscribe(master.url);
  t.truthy(another.frameworkId);
  another.stream.close();
});
