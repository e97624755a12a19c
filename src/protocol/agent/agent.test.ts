import test from 'ava';
import { decode, encode, fieldTable } from '../codec/index.ts';
import {
  AGENT_CALL_BODY,
  AGENT_EVENT_BODY,
  EXECUTOR_CALL_BODY,
  EXECUTOR_EVENT_BODY,
  OPERATOR_CALL_BODY,
  OPERATOR_EVENT_BODY,
  OPERATOR_RESPONSE_BODY,
  SCHEDULER_CALL_BODY,
  SCHEDULER_EVENT_BODY,
  bodyProblems,
} from '../bodies.ts';
import {
  ExecutorCall,
  ExecutorCallType,
  ExecutorEvent,
  ExecutorEventType,
  OperatorCall,
  OperatorCallType,
  OperatorEvent,
  OperatorEventType,
  OperatorResponse,
  OperatorResponseType,
  SchedulerCall,
  SchedulerCallType,
  SchedulerEvent,
  SchedulerEventType,
} from '../v1/index.ts';
import { AgentCall, AgentCallType, AgentEvent, AgentEventType } from './index.ts';

const resources = [{ name: 'cpus', type: 'SCALAR', scalar: { value: 4 } }];

const resubscribe = {
  agent_id: { value: 'm1-S3' },
  type: 'SUBSCRIBE',
  subscribe: {
    agent_info: { hostname: 'node-1', port: 5051, resources, id: { value: 'm1-S3' } },
    resources,
    agent_id: { value: 'm1-S3' },
    version: '0.1.0',
    tasks: [{ name: 't', task_id: { value: 't' }, framework_id: { value: 'm1-0000' }, agent_id: { value: 'm1-S3' }, state: 'TASK_RUNNING' }],
    executors: [{ executor_id: { value: 't' }, framework_id: { value: 'm1-0000' } }],
    frameworks: [{ user: 'u', name: 'f', id: { value: 'm1-0000' }, failover_timeout: 0, checkpoint: true }],
    unacknowledged_updates: [{ task_id: { value: 't' }, state: 'TASK_RUNNING', uuid: 'AAECAwQFBgcICQoLDA0ODw==' }],
  },
};

test('a re-registering SUBSCRIBE round-trips', (t) => {
  const r = decode(AgentCall, resubscribe);
  t.true(r.ok);
  if (!r.ok) return;
  t.is(r.value.subscribe?.tasks?.[0]?.state, 'TASK_RUNNING');
  t.deepEqual(encode(AgentCall, r.value), resubscribe);
  t.deepEqual(bodyProblems(r.value, AGENT_CALL_BODY), []);
});

test('SUBSCRIBE needs agent_info and version; problems name them', (t) => {
  const r = decode(AgentCall, { type: 'SUBSCRIBE', subscribe: { resources } });
  t.false(r.ok);
  if (r.ok) return;
  t.deepEqual(r.problems.map((p) => p.path), ['subscribe.agent_info', 'subscribe.version']);
});

test('RUN_TASK event round-trips, with Mesos defaults on output', (t) => {
  const event = {
    type: 'RUN_TASK',
    run_task: {
      framework_info: { user: 'u', name: 'f', id: { value: 'm1-0000' } },
      task: { name: 't', task_id: { value: 't' }, agent_id: { value: 'm1-S3' }, command: { value: 'true' } },
    },
  };
  const r = decode(AgentEvent, event);
  t.true(r.ok);
  if (!r.ok) return;
  t.deepEqual(encode(AgentEvent, r.value), {
    type: 'RUN_TASK',
    run_task: {
      framework_info: { user: 'u', name: 'f', id: { value: 'm1-0000' }, failover_timeout: 0, checkpoint: false },
      task: { name: 't', task_id: { value: 't' }, agent_id: { value: 'm1-S3' }, command: { value: 'true', shell: true } },
    },
  });
});

test('a type whose body is missing is a problem naming the body field; PING and PONG need none', (t) => {
  t.deepEqual(bodyProblems({ type: 'STATUS_UPDATE' }, AGENT_CALL_BODY), [{ path: 'status_update', message: 'required when type is STATUS_UPDATE' }]);
  t.deepEqual(bodyProblems({ type: 'KILL_TASK' }, AGENT_EVENT_BODY), [{ path: 'kill_task', message: 'required when type is KILL_TASK' }]);
  t.deepEqual(bodyProblems({}, AGENT_CALL_BODY), [{ path: 'type', message: 'required field is missing' }]);
  t.deepEqual(bodyProblems({ type: 'PONG' }, AGENT_CALL_BODY), []);
  t.deepEqual(bodyProblems({ type: 'PING' }, AGENT_EVENT_BODY), []);
});

test('every call and event type with a body has a body field of that name', (t) => {
  const callFields = new Set(fieldTable(AgentCall).map((f) => f.name));
  for (const type of AgentCallType.names) {
    const body = AGENT_CALL_BODY[type];
    if (body !== undefined) t.true(callFields.has(body), type);
  }
  const eventFields = new Set(fieldTable(AgentEvent).map((f) => f.name));
  for (const type of AgentEventType.names) {
    const body = AGENT_EVENT_BODY[type];
    if (body !== undefined) t.true(eventFields.has(body), type);
  }
  t.is(Object.keys(AGENT_EVENT_BODY).length, 10);
});

test('the scheduler, executor and operator body tables name real fields of their messages', (t) => {
  const tables = [
    [SchedulerCall, SchedulerCallType, SCHEDULER_CALL_BODY],
    [SchedulerEvent, SchedulerEventType, SCHEDULER_EVENT_BODY],
    [ExecutorCall, ExecutorCallType, EXECUTOR_CALL_BODY],
    [ExecutorEvent, ExecutorEventType, EXECUTOR_EVENT_BODY],
    [OperatorCall, OperatorCallType, OPERATOR_CALL_BODY],
    [OperatorResponse, OperatorResponseType, OPERATOR_RESPONSE_BODY],
    [OperatorEvent, OperatorEventType, OPERATOR_EVENT_BODY],
  ] as const;
  for (const [schema, types, bodies] of tables) {
    const names = new Set(fieldTable(schema).map((f) => f.name));
    for (const [type, body] of Object.entries(bodies)) {
      t.true((types.names as readonly string[]).includes(type), `${schema.typeName}: ${type}`);
      t.true(names.has(body as string), `${schema.typeName}: ${String(body)}`);
    }
  }
  t.deepEqual(bodyProblems({ type: 'ACCEPT' }, SCHEDULER_CALL_BODY), [{ path: 'accept', message: 'required when type is ACCEPT' }]);
  t.deepEqual(bodyProblems({ type: 'TEARDOWN' }, SCHEDULER_CALL_BODY), []);
});
