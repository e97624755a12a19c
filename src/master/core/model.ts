/**
 * The master's in-memory records. Plain data; the functions in this folder change them, always
 * synchronously, so a handler never sees a half-applied change.
 */
import type { TimerHandle } from '../../lib/clock.ts';
import type { AgentState } from '../state/agent.ts';
import type { FrameworkState } from '../state/framework.ts';
import type { OfferState } from '../state/offer.ts';
import type { TaskState } from '../state/task.ts';
import type { AgentInfoWire, ExecutorInfoWire, FrameworkInfoWire, ResourceWire, TaskInfoWire, TaskStatusWire } from '../wire.ts';

/** Where events for one subscriber go: a scheduler's or an agent's RecordIO stream. */
export interface EventSink {
  readonly streamId: string;
  readonly closed: boolean;
  send(event: object): void;
  close(): void;
}

export interface FrameworkRecord {
  readonly id: string;
  info: FrameworkInfoWire;
  state: FrameworkState;
  roles: string[];
  suppressedRoles: Set<string>;
  sink: EventSink | null;
  registeredTime: number;
  reregisteredTime?: number;
  unregisteredTime?: number;
  failoverTimer: TimerHandle | null;
  heartbeatTimer: TimerHandle | null;
  /** Non-terminal tasks (and terminal ones still awaiting their ack), by task id. */
  readonly tasks: Map<string, TaskRecord>;
  readonly completedTasks: TaskRecord[];
  readonly offers: Set<string>;
  /** Executors this framework runs, by agent id then executor id. */
  readonly executors: Map<string, Map<string, ExecutorRecord>>;
}

/** An executor the master launched: its resources are held until it exits. */
export interface ExecutorRecord {
  readonly info: ExecutorInfoWire;
  /** With allocation_info; empty for executors that declare none. */
  readonly resources: ResourceWire[];
}

export interface AgentRecord {
  readonly id: string;
  info: AgentInfoWire;
  state: AgentState;
  /** Address the agent serves its own HTTP API on (offers' `url`). */
  ip: string;
  port: number;
  total: ResourceWire[];
  sink: EventSink | null;
  /** Consecutive PINGs that went unanswered. */
  missedPongs: number;
  /** A PING is out and its PONG has not come back yet. */
  awaitingPong: boolean;
  pingTimer: TimerHandle | null;
  registeredTime: number;
  reregisteredTime?: number;
  unreachableTime?: number;
  version: string;
  readonly offers: Set<string>;
  /** Keys `frameworkId/taskId` of the tasks on this agent. */
  readonly tasks: Set<string>;
}

export interface TaskRecord {
  readonly frameworkId: string;
  readonly agentId: string;
  readonly info: TaskInfoWire;
  readonly role: string;
  /** Resources the task holds (task resources plus a new executor's, with allocation_info). */
  readonly resources: ResourceWire[];
  readonly executorId?: string;
  state: TaskState;
  readonly statuses: TaskStatusWire[];
  /** The update last forwarded to the scheduler that still waits for its ack. */
  pendingUpdate?: TaskStatusWire;
  /** Whether the task's resources have been given back to the allocator. */
  resourcesRecovered: boolean;
}

export interface OfferRecord {
  readonly id: string;
  readonly frameworkId: string;
  readonly agentId: string;
  readonly role: string;
  /** With allocation_info set to the role. */
  readonly resources: ResourceWire[];
  state: OfferState;
  timer: TimerHandle | null;
}

/**
 * Whether the allocator still tracks the agent's resources: a disconnected agent keeps them
 * (deactivated), an unreachable or removed one has been taken out whole.
 */
export function inAllocator(agent: AgentRecord | undefined): boolean {
  return agent?.state === 'registered' || agent?.state === 'disconnected';
}

export function taskKey(frameworkId: string, taskId: string): string {
  return `${frameworkId}/${taskId}`;
}

export function hasCapability(info: FrameworkInfoWire, type: string): boolean {
  return (info.capabilities ?? []).some((c) => c.type === type);
}

/** A framework's roles: `roles` for MULTI_ROLE frameworks, else the legacy `role` (default `*`). */
export function rolesOf(info: FrameworkInfoWire): string[] {
  if (hasCapability(info, 'MULTI_ROLE')) return [...new Set(info.roles ?? [])];
  return [info.role ?? '*'];
}
