import test from 'ava';
import { decode, encode, fieldTable } from '../codec/index.ts';
import { OperatorCall, OperatorEvent, OperatorResponse, OperatorResponseType } from './index.ts';

const agent = {
  agent_info: { hostname: 'node-1', port: 5051, id: { value: 'm1-S0' }, resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 4 } }] },
  active: true,
  version: '1.11.0',
  pid: 'slave(1)@10.0.0.2:5051',
  registered_time: { nanoseconds: 1_700_000_000_000_000 },
  total_resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 4 } }],
  capabilities: [{ type: 'MULTI_ROLE' }, { type: 'AGENT_DRAINING' }],
};

const getState = {
  get_tasks: {
    tasks: [{ name: 't', task_id: { value: 't' }, framework_id: { value: 'm1-0000' }, agent_id: { value: 'm1-S0' }, state: 'TASK_RUNNING' }],
  },
  get_frameworks: {
    frameworks: [{ framework_info: { user: 'u', name: 'f', id: { value: 'm1-0000' }, failover_timeout: 0, checkpoint: false }, active: true, connected: true }],
  },
  get_agents: { agents: [agent] },
};

test('a GET_STATE response round-trips', (t) => {
  const response = { type: 'GET_STATE', get_state: getState };
  const r = decode(OperatorResponse, response);
  t.true(r.ok);
  if (!r.ok) return;
  t.is(r.value.get_state?.get_agents?.agents?.[0]?.capabilities?.[1]?.type, 'AGENT_DRAINING');
  t.deepEqual(encode(OperatorResponse, r.value), response);
});

test('the operator SUBSCRIBED event carries the whole state', (t) => {
  const event = { type: 'SUBSCRIBED', subscribed: { get_state: getState, heartbeat_interval_seconds: 15 } };
  const r = decode(OperatorEvent, event);
  t.true(r.ok);
  if (r.ok) t.deepEqual(encode(OperatorEvent, r.value), event);
});

test('operator calls name what is missing; response numbers differ from call numbers', (t) => {
  const r = decode(OperatorCall, { type: 'DRAIN_AGENT', drain_agent: { mark_gone: 'yes' } });
  t.false(r.ok);
  if (!r.ok) t.deepEqual(r.problems.map((p) => p.path), ['drain_agent.mark_gone', 'drain_agent.agent_id']);
  t.is(OperatorResponseType.numbers.GET_STATE, 8);
  t.is(fieldTable(OperatorResponse).find((f) => f.name === 'get_state')?.number, 9);
});
