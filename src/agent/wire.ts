/**
 * The Mesos JSON shapes the agent reads and writes, structurally (snake_case as on the wire).
 * They stand in until `src/protocol/v1` exports the schema-backed types; the two are meant to be
 * assignable to each other. Inbound JSON is checked by `parse.ts`, never cast.
 */
import type { AttributeWire, ResourceWire } from '../lib/resources/wire.ts';

export type { AttributeWire, ResourceWire };

export interface IdWire {
  value: string;
}

export interface EnvironmentWire {
  variables?: { name: string; value?: string; type?: string }[];
}

export interface CommandInfoWire {
  value?: string;
  shell?: boolean;
  arguments?: string[];
  environment?: EnvironmentWire;
  user?: string;
  uris?: { value: string; executable?: boolean; extract?: boolean; cache?: boolean; output_file?: string }[];
}

export interface ExecutorInfoWire {
  executor_id: IdWire;
  framework_id?: IdWire;
  type?: 'UNKNOWN' | 'DEFAULT' | 'CUSTOM';
  name?: string;
  source?: string;
  command?: CommandInfoWire;
  resources?: ResourceWire[];
  container?: Record<string, unknown>;
  shutdown_grace_period?: { nanoseconds: number };
  labels?: Record<string, unknown>;
  data?: string;
}

export interface KillPolicyWire {
  grace_period?: { nanoseconds: number };
}

export interface TaskInfoWire {
  name: string;
  task_id: IdWire;
  agent_id: IdWire;
  resources?: ResourceWire[];
  executor?: ExecutorInfoWire;
  command?: CommandInfoWire;
  container?: Record<string, unknown>;
  kill_policy?: KillPolicyWire;
  limits?: Record<string, number | string>;
  labels?: Record<string, unknown>;
  data?: string;
  [key: string]: unknown;
}

export interface TaskGroupInfoWire {
  tasks: TaskInfoWire[];
}

export interface FrameworkInfoWire {
  user: string;
  name: string;
  id?: IdWire;
  checkpoint?: boolean;
  failover_timeout?: number;
  hostname?: string;
  principal?: string;
  roles?: string[];
  role?: string;
  capabilities?: { type: string }[];
  [key: string]: unknown;
}

export interface AgentInfoWire {
  hostname: string;
  port?: number;
  id?: IdWire;
  resources?: ResourceWire[];
  attributes?: AttributeWire[];
}

export type TaskStatusSource = 'SOURCE_MASTER' | 'SOURCE_AGENT' | 'SOURCE_EXECUTOR';

export interface TaskStatusWire {
  task_id: IdWire;
  state: string;
  source?: TaskStatusSource;
  reason?: string;
  message?: string;
  uuid?: string;
  agent_id?: IdWire;
  executor_id?: IdWire;
  timestamp?: number;
  data?: string;
  healthy?: boolean;
  labels?: Record<string, unknown>;
  container_status?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One status update as the agent forwards and checkpoints it. */
export interface StatusUpdateWire {
  framework_id: IdWire;
  status: TaskStatusWire;
}

export function id(value: string): IdWire {
  return { value };
}
