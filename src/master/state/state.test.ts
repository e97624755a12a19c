import test from 'ava';
import { IllegalTransitionError } from '../../lib/errors.ts';
import { agentMachine } from './agent.ts';
import { frameworkMachine } from './framework.ts';
import { offerMachine } from './offer.ts';
import { isTerminalTaskState, taskMachine } from './task.ts';

test('task: normal life and terminal states are final', (t) => {
  let s = taskMachine.transition('TASK_STAGING', 'TASK_STARTING');
  s = taskMachine.transition(s, 'TASK_RUNNING');
  s = taskMachine.transition(s, 'TASK_RUNNING');
  s = taskMachine.transition(s, 'TASK_FINISHED');
  t.is(s, 'TASK_FINISHED');
  t.is(taskMachine.transition('TASK_FINISHED', 'TASK_FINISHED'), 'TASK_FINISHED');
  t.throws(() => taskMachine.transition('TASK_FINISHED', 'TASK_RUNNING'), { instanceOf: IllegalTransitionError });
  t.throws(() => taskMachine.transition('TASK_RUNNING', 'TASK_STAGING'), { instanceOf: IllegalTransitionError });
});

test('task: LOST and UNREACHABLE can come back when the agent returns', (t) => {
  t.is(taskMachine.transition('TASK_UNREACHABLE', 'TASK_RUNNING'), 'TASK_RUNNING');
  t.is(taskMachine.transition('TASK_LOST', 'TASK_RUNNING'), 'TASK_RUNNING');
  t.true(isTerminalTaskState('TASK_LOST'));
  t.false(isTerminalTaskState('TASK_UNREACHABLE'));
  t.false(isTerminalTaskState('TASK_KILLING'));
});

test('framework: failover within timeout, removal is final', (t) => {
  t.is(frameworkMachine.transition('active', 'disconnect'), 'disconnected');
  t.is(frameworkMachine.transition('disconnected', 'resubscribe'), 'active');
  t.is(frameworkMachine.transition('disconnected', 'failover_timeout'), 'removed');
  const error = t.throws(() => frameworkMachine.transition('removed', 'resubscribe'), { instanceOf: IllegalTransitionError });
  t.regex(error?.message ?? '', /framework: no transition from 'removed' on 'resubscribe'/);
  t.false(frameworkMachine.can('active', 'failover_timeout'));
});

test('agent: partition and return, shutdown is final', (t) => {
  t.is(agentMachine.transition('registered', 'ping_timeout'), 'unreachable');
  t.is(agentMachine.transition('unreachable', 'resubscribe'), 'registered');
  t.is(agentMachine.transition('disconnected', 'shutdown'), 'removed');
  t.throws(() => agentMachine.transition('removed', 'resubscribe'), { instanceOf: IllegalTransitionError });
  t.throws(() => agentMachine.transition('unreachable', 'ping_timeout'), { instanceOf: IllegalTransitionError });
});

test('offer: ends exactly once', (t) => {
  for (const event of ['accept', 'decline', 'rescind', 'timeout'] as const) {
    const ended = offerMachine.transition('outstanding', event);
    t.not(ended, 'outstanding');
    t.throws(() => offerMachine.transition(ended, 'rescind'), { instanceOf: IllegalTransitionError });
  }
});
