import test from 'ava';
import { parseExecutorCall, parseMasterEvent } from './parse.ts';

const ids = { framework_id: { value: 'f' }, executor_id: { value: 'e' } };
const uuid = Buffer.alloc(16, 7).toString('base64');

test('RUN_TASK is parsed with its framework and task', (t) => {
  const parsed = parseMasterEvent({
    type: 'RUN_TASK',
    run_task: { framework_info: { id: { value: 'f' }, user: 'u', name: 'n' }, task: { name: 't', task_id: { value: 't1' }, agent_id: { value: 'a' }, command: { value: 'true' } } },
  });
  t.true(parsed.ok);
  if (parsed.ok && parsed.value.type === 'RUN_TASK') t.is(parsed.value.task.task_id.value, 't1');
});

test('a malformed event lists every problem with its path', (t) => {
  const parsed = parseMasterEvent({ type: 'RUN_TASK', run_task: { framework_info: {}, task: { task_id: 7 } } });
  t.false(parsed.ok);
  if (!parsed.ok) {
    t.deepEqual(parsed.problems.map((p) => p.path).sort(), ['run_task.framework_info.id', 'run_task.task.name', 'run_task.task.task_id']);
  }
  t.false(parseMasterEvent('not an object').ok);
  t.false(parseMasterEvent({ type: 'KILL_TASK', kill_task: { framework_id: { value: '' } } }).ok);
  t.false(parseMasterEvent({ type: 'RUN_TASK_GROUP', run_task_group: { framework_info: { id: { value: 'f' } }, executor: { executor_id: { value: 'e' } }, task_group: { tasks: [] } } }).ok);
});

test('unknown event types pass through as UNKNOWN rather than failing the stream', (t) => {
  const parsed = parseMasterEvent({ type: 'SOMETHING_NEW' });
  t.deepEqual(parsed, { ok: true, value: { type: 'UNKNOWN', name: 'SOMETHING_NEW' } });
});

test('SUBSCRIBED carries the agent id and a usable ping interval', (t) => {
  t.deepEqual(parseMasterEvent({ type: 'SUBSCRIBED', subscribed: { agent_id: { value: 'S1' }, ping_interval_seconds: 15 } }),
    { ok: true, value: { type: 'SUBSCRIBED', agentId: 'S1', pingIntervalSeconds: 15 } });
  const parsed = parseMasterEvent({ type: 'SUBSCRIBED', subscribed: { agent_id: { value: 'S1' }, ping_interval_seconds: -1 } });
  t.true(parsed.ok && parsed.value.type === 'SUBSCRIBED' && parsed.value.pingIntervalSeconds === undefined);
});

test('executor UPDATE needs a 16-byte uuid, SOURCE_EXECUTOR and a state other than STAGING', (t) => {
  const status = { task_id: { value: 't' }, state: 'TASK_RUNNING', source: 'SOURCE_EXECUTOR', uuid };
  t.true(parseExecutorCall({ ...ids, type: 'UPDATE', update: { status } }).ok);
  const bad = parseExecutorCall({ ...ids, type: 'UPDATE', update: { status: { ...status, uuid: 'short', source: 'SOURCE_MASTER', state: 'TASK_STAGING' } } });
  t.false(bad.ok);
  if (!bad.ok) t.deepEqual(bad.problems.map((p) => p.path).sort(), ['update.status.source', 'update.status.state', 'update.status.uuid']);
});

test('executor calls need ids and a known type; MESSAGE needs data', (t) => {
  const missing = parseExecutorCall({ type: 'HEARTBEAT' });
  t.false(missing.ok);
  if (!missing.ok) t.deepEqual(missing.problems.map((p) => p.path), ['framework_id', 'executor_id']);
  t.false(parseExecutorCall({ ...ids, type: 'DANCE' }).ok);
  t.false(parseExecutorCall({ ...ids, type: 'MESSAGE', message: {} }).ok);
  t.deepEqual(parseExecutorCall({ ...ids, type: 'MESSAGE', message: { data: 'aGk=' } }), { ok: true, value: { type: 'MESSAGE', frameworkId: 'f', executorId: 'e', data: 'aGk=' } });
});
