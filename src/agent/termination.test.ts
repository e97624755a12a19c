import test from 'ava';
import { terminatedTaskOutcome, terminationWaitStatus } from './termination.ts';

const base = { killRequested: false, isCommandExecutor: false, partitionAware: false, reason: undefined, termination: { exitCode: 1 } };

test('tasks of an ended executor: killed, failed or lost by Mesos rules', (t) => {
  t.is(terminatedTaskOutcome({ ...base, killRequested: true }).state, 'TASK_KILLED');
  t.deepEqual(terminatedTaskOutcome({ ...base, reason: 'REASON_EXECUTOR_REGISTRATION_TIMEOUT' }).reason, 'REASON_EXECUTOR_REGISTRATION_TIMEOUT');
  t.is(terminatedTaskOutcome({ ...base, isCommandExecutor: true }).state, 'TASK_FAILED');
  t.is(terminatedTaskOutcome(base).state, 'TASK_LOST');
  t.is(terminatedTaskOutcome({ ...base, partitionAware: true }).state, 'TASK_GONE');
  t.is(terminatedTaskOutcome(base).message, 'Executor exited with status 1');
});

test('wait status puts the exit code in the high byte, or gives the signal number', (t) => {
  t.is(terminationWaitStatus({ exitCode: 3 }), 768);
  t.is(terminationWaitStatus({ signal: 'SIGKILL' }), 9);
  t.is(terminationWaitStatus({}), undefined);
});
