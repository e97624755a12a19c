import test from 'ava';
import { FakeClock } from '../../lib/clock.ts';
import type { StatusUpdateWire } from '../wire.ts';
import { StatusUpdateManager } from './manager.ts';
import type { CheckpointRecord, UpdateStreamLocation } from './ports.ts';

const location: UpdateStreamLocation = { frameworkId: 'f1', executorId: 't1', containerId: 'c1', taskId: 't1' };

function update(state: string, uuid: string, taskId = 't1'): StatusUpdateWire {
  return { framework_id: { value: 'f1' }, status: { task_id: { value: taskId }, state, uuid, source: 'SOURCE_EXECUTOR' } };
}

function setup() {
  const clock = new FakeClock(0);
  const records: CheckpointRecord[] = [];
  const sent: { at: number; state: string; uuid: string | undefined }[] = [];
  const ended: UpdateStreamLocation[] = [];
  const manager = new StatusUpdateManager({
    clock,
    store: { append: async (_loc, record) => { records.push(record); } },
    sender: { send: (u) => sent.push({ at: clock.now(), state: u.status.state, uuid: u.status.uuid }) },
    onStreamEnded: (loc) => ended.push(loc),
  });
  manager.resume();
  return { clock, records, sent, ended, manager };
}

test('an update is checkpointed before the call resolves and sent at once', async (t) => {
  const { manager, records, sent } = setup();
  t.is(await manager.update(location, update('TASK_RUNNING', 'u1')), 'accepted');
  t.is(records.length, 1);
  t.deepEqual(records[0], { type: 'UPDATE', update: update('TASK_RUNNING', 'u1') });
  t.deepEqual(sent.map((s) => s.uuid), ['u1']);
});

test('the update in flight is retried 10 s doubling, capped at 10 min, until acknowledged', async (t) => {
  const { manager, clock, sent } = setup();
  await manager.update(location, update('TASK_RUNNING', 'u1'));
  clock.advance(10_000 + 20_000 + 40_000 + 80_000 + 160_000 + 320_000 + 600_000 + 600_000);
  t.deepEqual(sent.map((s) => s.at), [0, 10_000, 30_000, 70_000, 150_000, 310_000, 630_000, 1_230_000, 1_830_000]);
  t.is(await manager.acknowledge('f1', 't1', 'u1'), 'acknowledged');
  clock.advance(3_600_000);
  t.is(sent.length, 9, 'no retries after the ack');
});

test('one update per task in flight: the next goes out only after the ack of the first', async (t) => {
  const { manager, sent, clock } = setup();
  await manager.update(location, update('TASK_STARTING', 'u1'));
  await manager.update(location, update('TASK_RUNNING', 'u2'));
  await manager.update({ ...location, taskId: 't2', executorId: 't2' }, update('TASK_RUNNING', 'v1', 't2'));
  t.deepEqual(sent.map((s) => s.uuid), ['u1', 'v1'], 'other tasks are not held back');
  clock.advance(10_000);
  t.deepEqual(sent.map((s) => s.uuid), ['u1', 'v1', 'u1', 'v1'], 'the retry is the head, not the queued update');
  await manager.acknowledge('f1', 't1', 'u1');
  t.is(sent.at(-1)?.uuid, 'u2');
  t.deepEqual(manager.pendingFor('f1', 't1').map((u) => u.status.uuid), ['u2']);
});

test('duplicate and unexpected acks are ignored and write nothing', async (t) => {
  const { manager, records } = setup();
  await manager.update(location, update('TASK_STARTING', 'u1'));
  await manager.update(location, update('TASK_RUNNING', 'u2'));
  t.is(await manager.acknowledge('f1', 't1', 'u2'), 'ignored', 'u2 is not in flight yet');
  t.is(await manager.acknowledge('f1', 't1', 'u1'), 'acknowledged');
  t.is(await manager.acknowledge('f1', 't1', 'u1'), 'ignored', 'a second ack of u1');
  t.is(await manager.acknowledge('f1', 'nope', 'u1'), 'ignored', 'unknown task');
  t.deepEqual(records.map((r) => r.type), ['UPDATE', 'UPDATE', 'ACK']);
});

test('an update the executor re-sends with the same uuid is a duplicate, not queued twice', async (t) => {
  const { manager, sent } = setup();
  await manager.update(location, update('TASK_RUNNING', 'u1'));
  t.is(await manager.update(location, update('TASK_RUNNING', 'u1')), 'duplicate');
  t.is(sent.length, 1);
  t.is(manager.unacknowledged().length, 1);
});

test('the acked terminal update ends the stream', async (t) => {
  const { manager, ended } = setup();
  await manager.update(location, update('TASK_FINISHED', 'u9'));
  t.deepEqual(ended, []);
  await manager.acknowledge('f1', 't1', 'u9');
  t.deepEqual(ended, [location]);
  t.deepEqual(manager.unacknowledged(), []);
});

test('while paused updates queue without sending; resume sends heads with the backoff reset', async (t) => {
  const { manager, sent, clock } = setup();
  manager.pause();
  await manager.update(location, update('TASK_RUNNING', 'u1'));
  clock.advance(60_000);
  t.deepEqual(sent, []);
  manager.resume();
  clock.advance(10_000);
  t.deepEqual(sent.map((s) => s.at), [60_000, 70_000]);
});

test('recover replays the checkpoint: acked updates are gone, the rest wait for resume', async (t) => {
  const { manager, sent } = setup();
  manager.pause();
  manager.recover(location, [
    { type: 'UPDATE', update: update('TASK_STARTING', 'u1') },
    { type: 'ACK', uuid: 'u1' },
    { type: 'UPDATE', update: update('TASK_RUNNING', 'u2') },
  ]);
  t.deepEqual(manager.unacknowledged().map((u) => u.status.uuid), ['u2']);
  t.deepEqual(sent, []);
  manager.resume();
  t.deepEqual(sent.map((s) => s.uuid), ['u2']);
});

test('an update without uuid is refused', async (t) => {
  const { manager } = setup();
  await t.throwsAsync(manager.update(location, { framework_id: { value: 'f1' }, status: { task_id: { value: 't1' }, state: 'TASK_RUNNING' } }));
});

test('a failed checkpoint write rejects the update and leaves nothing queued', async (t) => {
  const clock = new FakeClock(0);
  const sent: string[] = [];
  const manager = new StatusUpdateManager({
    clock,
    store: { append: async () => { throw new Error('disk full'); } },
    sender: { send: (u) => sent.push(u.status.state) },
  });
  manager.resume();
  await t.throwsAsync(manager.update(location, update('TASK_RUNNING', 'u1')), { message: 'disk full' });
  t.deepEqual(sent, []);
  t.deepEqual(manager.unacknowledged(), []);
});
