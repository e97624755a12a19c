import test from 'ava';
import { decode, encode, encodeJson, parseJson } from '../codec/index.ts';
import { SchedulerCall, SchedulerEvent, TaskInfo } from './index.ts';

// The reference's JSON examples (docs/scheduler-http-api.md shapes), decoded and written back.

const subscribe = {
  type: 'SUBSCRIBE',
  subscribe: {
    framework_info: { user: 'foo', name: 'X', roles: ['r1'], capabilities: [{ type: 'MULTI_ROLE' }], failover_timeout: 604800, checkpoint: true },
  },
};

const taskInfo = {
  name: 't1',
  task_id: { value: 't1' },
  agent_id: { value: 'm1-S0' },
  resources: [
    { name: 'cpus', type: 'SCALAR', scalar: { value: 0.5 } },
    { name: 'mem', type: 'SCALAR', scalar: { value: 128 } },
    { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 31000, end: 31001 }] } },
  ],
  command: { value: 'sleep 10' },
};

const accept = {
  framework_id: { value: 'm1-0000' },
  type: 'ACCEPT',
  accept: {
    offer_ids: [{ value: 'm1-O12' }],
    operations: [{ type: 'LAUNCH', launch: { task_infos: [taskInfo] } }],
    filters: { refuse_seconds: 5 },
  },
};

const subscribed = {
  type: 'SUBSCRIBED',
  subscribed: {
    framework_id: { value: 'm1-0000' },
    heartbeat_interval_seconds: 15.0,
    master_info: {
      id: '4e3a6c2c-2f5d-4a8b-9d9e-0b1c2d3e4f50',
      ip: 16777343,
      port: 5050,
      pid: 'master@10.0.0.1:5050',
      hostname: 'm1',
      version: '1.11.0',
      address: { hostname: 'm1', ip: '10.0.0.1', port: 5050 },
      capabilities: [{ type: 'AGENT_UPDATE' }, { type: 'AGENT_DRAINING' }, { type: 'QUOTA_V2' }],
    },
  },
};

const update = {
  type: 'UPDATE',
  update: {
    status: {
      task_id: { value: 't1' },
      state: 'TASK_RUNNING',
      source: 'SOURCE_EXECUTOR',
      agent_id: { value: 'm1-S0' },
      executor_id: { value: 't1' },
      timestamp: 1.7e9,
      uuid: 'AAECAwQFBgcICQoLDA0ODw==',
      container_status: { container_id: { value: 'c1', parent: { value: 'c0' } }, executor_pid: 4242 },
    },
  },
};

test('SUBSCRIBE round-trips unchanged (no further defaults apply to FrameworkInfo)', (t) => {
  const r = decode(SchedulerCall, subscribe);
  t.true(r.ok);
  if (!r.ok) return;
  t.is(r.value.subscribe?.framework_info.capabilities?.[0]?.type, 'MULTI_ROLE');
  t.deepEqual(encode(SchedulerCall, r.value), subscribe);
});

test('SUBSCRIBE without failover_timeout/checkpoint gets Mesos defaults on output, but role stays out', (t) => {
  const r = parseJson(SchedulerCall, '{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"u","name":"n"}}}');
  t.true(r.ok);
  if (!r.ok) return;
  t.is(encodeJson(SchedulerCall, r.value), '{"type":"SUBSCRIBE","subscribe":{"framework_info":{"user":"u","name":"n","failover_timeout":0,"checkpoint":false}}}');
});

test('ACCEPT round-trips, with CommandInfo.shell defaulted on output', (t) => {
  const r = decode(SchedulerCall, accept);
  t.true(r.ok);
  if (!r.ok) return;
  t.is(r.value.accept?.operations?.[0]?.launch?.task_infos?.[0]?.resources?.[2]?.ranges?.range?.[0]?.end, 31001);
  const expected = structuredClone(accept);
  (expected.accept.operations[0]!.launch.task_infos[0]!.command as Record<string, unknown>).shell = true;
  t.deepEqual(encode(SchedulerCall, r.value), expected);
  t.deepEqual(decode(SchedulerCall, encode(SchedulerCall, r.value)), { ok: true, value: { ...r.value, accept: { ...r.value.accept, operations: [{ type: 'LAUNCH', launch: { task_infos: [{ ...taskInfo, command: { value: 'sleep 10', shell: true } }] } }] } } });
});

test('SUBSCRIBED round-trips unchanged', (t) => {
  const r = decode(SchedulerEvent, subscribed);
  t.true(r.ok);
  if (!r.ok) return;
  t.is(r.value.subscribed?.master_info?.address?.ip, '10.0.0.1');
  t.deepEqual(encode(SchedulerEvent, r.value), subscribed);
});

test('UPDATE round-trips unchanged, including the nested ContainerID', (t) => {
  const r = decode(SchedulerEvent, update);
  t.true(r.ok);
  if (!r.ok) return;
  t.is(r.value.update?.status.container_status?.container_id?.parent?.value, 'c0');
  t.deepEqual(encode(SchedulerEvent, r.value), update);
});

test('an invalid ACCEPT reports every problem with its full path', (t) => {
  const bad = structuredClone(accept) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  bad.accept.operations[0].launch.task_infos[0].resources[1].scalar.value = 'lots';
  bad.accept.operations[0].launch.task_infos[0].task_id = {};
  bad.accept.offer_ids[0] = { value: 12 };
  bad.accept.filters.refuse_seconds = true;
  const r = decode(SchedulerCall, bad);
  t.false(r.ok);
  if (r.ok) return;
  t.deepEqual(r.problems.map((p) => p.path), [
    'accept.offer_ids[0].value',
    'accept.operations[0].launch.task_infos[0].task_id.value',
    'accept.operations[0].launch.task_infos[0].resources[1].scalar.value',
    'accept.filters.refuse_seconds',
  ]);
});

test('task limits accept Infinity and write it back as a string', (t) => {
  const r = decode(TaskInfo, { ...taskInfo, limits: { cpus: { value: 'Infinity' }, mem: { value: 512 } } });
  t.true(r.ok);
  if (!r.ok) return;
  t.is(r.value.limits?.cpus?.value, Infinity);
  t.deepEqual((encode(TaskInfo, r.value) as { limits: unknown }).limits, { cpus: { value: 'Infinity' }, mem: { value: 512 } });
});
