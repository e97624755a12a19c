/**
 * The agent's bookkeeping: frameworks, their executors, and the tasks each executor runs. Plain
 * records; the agent core is the only writer and every state change goes through the state
 * machines in `state/`.
 */
import type { TimerHandle } from '../lib/clock.ts';
import type { ExecutorState } from './state/executor-state.ts';
import type { TaskState } from './state/task-state.ts';
import type { ExecutorInfoWire, FrameworkInfoWire, TaskInfoWire, TaskStatusWire } from './wire.ts';

/** Calls to the master other than SUBSCRIBE; the link adds agent_id and the stream id. */
export interface MasterCalls {
  call(type: string, body: Record<string, unknown>): void;
}

/** How the agent talks to an executor: an HTTP stream or the embedded runner. */
export interface ExecutorChannel {
  send(event: Record<string, unknown>): void;
  close(): void;
}

export interface AgentTask {
  readonly info: TaskInfoWire;
  readonly frameworkId: string;
  readonly executorId: string;
  state: TaskState;
  readonly statuses: TaskStatusWire[];
  killRequested: boolean;
}

export interface QueuedLaunch {
  /** LAUNCH_GROUP (task group for the default executor) rather than LAUNCH. */
  readonly group: boolean;
  readonly taskIds: string[];
}

export type ExecutorKind = 'embedded' | 'process';

export interface AgentExecutor {
  readonly info: ExecutorInfoWire;
  readonly frameworkId: string;
  readonly containerId: string;
  readonly sandbox: string;
  readonly kind: ExecutorKind;
  /** true for the synthesized executor of a command task (its tasks fail, not get lost, with it). */
  readonly isCommandExecutor: boolean;
  state: ExecutorState;
  /** Tasks given to the executor (launched or waiting for it to subscribe), by id. */
  readonly tasks: Map<string, AgentTask>;
  /** Launches not yet sent because the executor has not subscribed, in arrival order. */
  readonly queued: QueuedLaunch[];
  readonly completedTasks: AgentTask[];
  channel?: ExecutorChannel;
  registrationTimer?: TimerHandle;
  shutdownTimer?: TimerHandle;
  /** Why the agent ended it, for the updates of its remaining tasks. */
  terminationReason?: string;
}

export interface AgentFramework {
  info: FrameworkInfoWire;
  readonly id: string;
  readonly executors: Map<string, AgentExecutor>;
  readonly completedExecutors: AgentExecutor[];
  /** SHUTDOWN_FRAMEWORK received: nobody will acknowledge its updates any more. */
  shuttingDown: boolean;
}

export function frameworkHasCapability(info: FrameworkInfoWire, capability: string): boolean {
  return (info.capabilities ?? []).some((c) => c.type === capability);
}
