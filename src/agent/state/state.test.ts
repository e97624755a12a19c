import test from 'ava';
import { IllegalTransitionError } from '../../lib/errors.ts';
import { executorAccepts, nextExecutorState } from './executor-state.ts';
import { isTerminal, nextTaskState } from './task-state.ts';

test('a task moves forward through STARTING and RUNNING to an end', (t) => {
  let state = nextTaskState('TASK_STAGING', 'TASK_STARTING');
  state = nextTaskState(state, 'TASK_RUNNING');
  state = nextTaskState(state, 'TASK_RUNNING');
  state = nextTaskState(state, 'TASK_KILLING');
  state = nextTaskState(state, 'TASK_KILLED');
  t.is(state, 'TASK_KILLED');
  t.true(isTerminal(state));
});

test('a task may end from staging and never moves after an end or backwards', (t) => {
  t.is(nextTaskState('TASK_STAGING', 'TASK_FAILED'), 'TASK_FAILED');
  t.throws(() => nextTaskState('TASK_FINISHED', 'TASK_RUNNING'), { instanceOf: IllegalTransitionError });
  t.throws(() => nextTaskState('TASK_FAILED', 'TASK_FAILED'), { instanceOf: IllegalTransitionError });
  t.throws(() => nextTaskState('TASK_RUNNING', 'TASK_STARTING'), { instanceOf: IllegalTransitionError });
});

test('an executor registers, runs, terminates and then takes no more events', (t) => {
  let state = nextExecutorState('LAUNCHING', 'launched');
  t.is(state, 'REGISTERING');
  state = nextExecutorState(state, 'subscribed');
  t.is(state, 'RUNNING');
  state = nextExecutorState(state, 'shutdown');
  t.is(state, 'TERMINATING');
  state = nextExecutorState(state, 'exited');
  t.is(state, 'TERMINATED');
  t.false(executorAccepts(state, 'exited'));
  t.throws(() => nextExecutorState(state, 'subscribed'), { instanceOf: IllegalTransitionError });
});

test('an executor that never subscribes is shut down on the registration timeout', (t) => {
  t.is(nextExecutorState('REGISTERING', 'registration_timeout'), 'TERMINATING');
  t.false(executorAccepts('RUNNING', 'registration_timeout'));
  t.is(nextExecutorState('LAUNCHING', 'launch_failed'), 'TERMINATED');
});

test('an executor that subscribes while the agent is still launching it goes straight to RUNNING', (t) => {
  t.is(nextExecutorState('LAUNCHING', 'subscribed'), 'RUNNING');
  t.false(executorAccepts('RUNNING', 'launched'));
});
