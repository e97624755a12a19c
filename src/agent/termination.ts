/**
 * What happens to a task whose executor ended before the task did, and how the executor's end is
 * reported to the master as a wait(2)-style status. Pure.
 */
import { constants } from 'node:os';
import type { ContainerTermination } from '../isolation/containerizer.ts';

export interface TerminatedTaskInput {
  readonly killRequested: boolean;
  readonly isCommandExecutor: boolean;
  readonly partitionAware: boolean;
  /** The agent's own reason for ending the executor, if it did. */
  readonly reason: string | undefined;
  readonly termination: ContainerTermination;
}

export interface TaskOutcome {
  readonly state: string;
  readonly reason: string;
  readonly message: string;
}

function describe(termination: ContainerTermination): string {
  if (termination.message) return termination.message;
  if (termination.exitCode !== undefined) return `Executor exited with status ${termination.exitCode}`;
  return `Executor terminated with signal ${termination.signal ?? 'unknown'}`;
}

/**
 * Mesos' rules: a kill the framework asked for ends KILLED; an executor the agent gave up on
 * (launch failure, registration timeout) fails its tasks; a command executor's death fails its
 * task; any other executor's death loses its tasks (GONE for partition-aware frameworks).
 */
export function terminatedTaskOutcome(input: TerminatedTaskInput): TaskOutcome {
  const message = describe(input.termination);
  if (input.killRequested) return { state: 'TASK_KILLED', reason: 'REASON_EXECUTOR_TERMINATED', message };
  if (input.reason) return { state: 'TASK_FAILED', reason: input.reason, message };
  if (input.termination.reason) return { state: 'TASK_FAILED', reason: input.termination.reason, message };
  if (input.isCommandExecutor) return { state: 'TASK_FAILED', reason: 'REASON_EXECUTOR_TERMINATED', message };
  return { state: input.partitionAware ? 'TASK_GONE' : 'TASK_LOST', reason: 'REASON_EXECUTOR_TERMINATED', message };
}

/** Exit code in the high byte, or the signal number, as waitpid reports (what Mesos sends). */
export function terminationWaitStatus(termination: ContainerTermination): number | undefined {
  if (termination.exitCode !== undefined) return termination.exitCode << 8;
  if (termination.signal) return (constants.signals as Record<string, number | undefined>)[termination.signal];
  return undefined;
}
