import test from 'ava';
import * as calls from './scheduler-calls.ts';

const offer = { id: { value: 'm-O1' }, framework_id: { value: 'm-0000' }, agent_id: { value: 'm-S2' }, hostname: 'h' };

test('LAUNCH fills each task\'s agent from the offer unless it names one', (t) => {
  const op = calls.launchOperation(offer, [
    { name: 'a', task_id: { value: 'a' } },
    { name: 'b', task_id: { value: 'b' }, agent_id: { value: 'other' } },
  ]);
  t.deepEqual(op.launch?.task_infos?.map((task) => task.agent_id.value), ['m-S2', 'other']);
  t.is(op.type, 'LAUNCH');
});

test('REVIVE and SUPPRESS use Mesos\' plural roles, and no body means every role', (t) => {
  t.deepEqual(calls.reviveCall(['a', 'b']), { type: 'REVIVE', revive: { roles: ['a', 'b'] } });
  t.deepEqual(calls.suppressCall(), { type: 'SUPPRESS' });
});

test('RECONCILE with no tasks asks for implicit reconciliation', (t) => {
  t.deepEqual(calls.reconcileCall([]), { type: 'RECONCILE', reconcile: { tasks: [] } });
  t.deepEqual(calls.reconcileCall([{ task_id: 't1', agent_id: { value: 's1' } }]).reconcile?.tasks, [{ task_id: { value: 't1' }, agent_id: { value: 's1' } }]);
});

test('MESSAGE data travels as base64 bytes', (t) => {
  const call = calls.messageCall('s1', 'e1', 'héllo');
  t.is(Buffer.from(call.message?.data ?? '', 'base64').toString('utf8'), 'héllo');
  t.deepEqual(call.message?.executor_id, { value: 'e1' });
});

test('SHUTDOWN, KILL and UPDATE_FRAMEWORK carry their ids', (t) => {
  t.deepEqual(calls.shutdownCall('e1', 's1'), { type: 'SHUTDOWN', shutdown: { executor_id: { value: 'e1' }, agent_id: { value: 's1' } } });
  t.deepEqual(calls.killCall('t1'), { type: 'KILL', kill: { task_id: { value: 't1' } } });
  const update = calls.updateFrameworkCall({ user: 'u', name: 'n', roles: ['r'] }, 'm-0003', ['r']);
  t.deepEqual(update.update_framework, { framework_info: { user: 'u', name: 'n', roles: ['r'], id: { value: 'm-0003' } }, suppressed_roles: ['r'] });
});

test('every call but SUBSCRIBE gets framework_id at the top level', (t) => {
  t.deepEqual(calls.withFrameworkId(calls.teardownCall(), 'm-0001'), { framework_id: { value: 'm-0001' }, type: 'TEARDOWN' });
  t.is(calls.subscribeCall({ user: 'u', name: 'n' }, undefined).framework_id, undefined);
});

test('updates without a uuid or agent are never acknowledged', (t) => {
  t.is(calls.acknowledgeCall({ task_id: { value: 't' }, state: 'TASK_LOST', uuid: 'AAAAAAAAAAAAAAAAAAAAAA==' }), undefined);
  t.is(calls.acknowledgeCall({ task_id: { value: 't' }, state: 'TASK_LOST', agent_id: { value: 's' } }), undefined);
});
