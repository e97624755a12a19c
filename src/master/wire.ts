/**
 * The wire shapes the master reads and writes, in Mesos' JSON mapping (snake_case, enum names).
 * Structural, so values decoded by `src/protocol/v1` schemas are assignable to them; only the
 * fields the master looks at are spelled out, the rest pass through untouched.
 */
import type { AttributeWire, ResourceWire } from '../lib/resources/wire.ts';
import type { TaskState } from './state/task.ts';

export type { AttributeWire, ResourceWire, TaskState };

export interface Id {
  value: string;
}

export interface FrameworkInfoWire {
  user: string;
  name: string;
  id?: Id;
  failover_timeout?: number;
  checkpoint?: boolean;
  role?: string;
  roles?: string[];
  hostname?: string;
  principal?: string;
  webui_url?: string;
  capabilities?: { type?: string }[];
  labels?: unknown;
  offer_filters?: Record<string, { min_allocatable_resources?: { quantities?: { quantities?: Record<string, { value: number }> }[] } }>;
  [key: string]: unknown;
}

export interface CommandInfoWire {
  value?: string;
  shell?: boolean;
  [key: string]: unknown;
}

export interface ExecutorInfoWire {
  executor_id: Id;
  framework_id?: Id;
  type?: string;
  command?: CommandInfoWire;
  resources?: ResourceWire[];
  name?: string;
  [key: string]: unknown;
}

export interface TaskInfoWire {
  name: string;
  task_id: Id;
  agent_id: Id;
  resources?: ResourceWire[];
  executor?: ExecutorInfoWire;
  command?: CommandInfoWire;
  container?: unknown;
  kill_policy?: unknown;
  labels?: unknown;
  [key: string]: unknown;
}

export interface TaskStatusWire {
  task_id: Id;
  state: TaskState;
  message?: string;
  source?: 'SOURCE_MASTER' | 'SOURCE_AGENT' | 'SOURCE_EXECUTOR';
  reason?: string;
  agent_id?: Id;
  executor_id?: Id;
  timestamp?: number;
  uuid?: string;
  healthy?: boolean;
  unreachable_time?: { nanoseconds: number };
  [key: string]: unknown;
}

export interface AddressWire {
  hostname?: string;
  ip?: string;
  port: number;
}

export interface MasterInfoWire {
  id: string;
  ip: number;
  port: number;
  pid?: string;
  hostname?: string;
  version?: string;
  address?: AddressWire;
  capabilities?: { type: string }[];
}

export interface AgentInfoWire {
  hostname: string;
  port?: number;
  resources?: ResourceWire[];
  attributes?: AttributeWire[];
  id?: Id;
  [key: string]: unknown;
}

export interface OfferWire {
  id: Id;
  framework_id: Id;
  agent_id: Id;
  hostname: string;
  url?: { scheme: string; address: AddressWire; path?: string };
  resources: ResourceWire[];
  attributes?: AttributeWire[];
  executor_ids?: Id[];
  allocation_info?: { role: string };
}

export interface FiltersWire {
  refuse_seconds?: number;
}

/** A scheduler event as written on the stream (one of Mesos' Event shapes). */
export type SchedulerEventWire = { type: string } & Record<string, unknown>;
/** An event of our agent protocol (docs/protocol.md). */
export type AgentEventWire = { type: string } & Record<string, unknown>;
