/**
 * The wire shapes the SDK reads and writes, in Mesos' JSON mapping (snake_case keys, IDs as
 * `{value}`). The SDK inspects only the few fields it needs to run a connection; everything else
 * passes through untouched so callers can use any field Mesos defines.
 */

export interface Id {
  readonly value: string;
}

/** An ID as callers like to write it: the bare string or Mesos' `{value}` wrapper. */
export type IdLike = string | Id;

export function toId(id: IdLike): Id {
  return typeof id === 'string' ? { value: id } : { value: id.value };
}

export type JsonObject = { readonly [key: string]: unknown };

export interface FrameworkInfo extends JsonObject {
  readonly user: string;
  readonly name: string;
  readonly id?: Id;
  readonly roles?: readonly string[];
  readonly failover_timeout?: number;
  readonly checkpoint?: boolean;
}

export interface TaskStatus extends JsonObject {
  readonly task_id: Id;
  readonly state: string;
  readonly agent_id?: Id;
  readonly executor_id?: Id;
  readonly uuid?: string;
  readonly message?: string;
  readonly reason?: string;
  readonly source?: string;
}

export interface Offer extends JsonObject {
  readonly id: Id;
  readonly framework_id: Id;
  readonly agent_id: Id;
  readonly hostname: string;
  readonly resources?: readonly Resource[];
}

export interface Resource extends JsonObject {
  readonly name: string;
  readonly type: string;
  readonly scalar?: { readonly value: number };
}

export interface TaskInfo extends JsonObject {
  readonly name: string;
  readonly task_id: Id;
  readonly agent_id?: Id;
  readonly resources?: readonly Resource[];
}

export interface Filters extends JsonObject {
  readonly refuse_seconds?: number;
}

export interface OfferOperation extends JsonObject {
  readonly type: string;
}

/** One event from `/api/v1/scheduler`. Only the fields the client acts on are typed. */
export interface SchedulerEvent extends JsonObject {
  readonly type: string;
  readonly subscribed?: { readonly framework_id: Id; readonly heartbeat_interval_seconds?: number; readonly master_info?: JsonObject };
  readonly offers?: { readonly offers: readonly Offer[] };
  readonly rescind?: { readonly offer_id: Id };
  readonly update?: { readonly status: TaskStatus };
  readonly message?: { readonly agent_id: Id; readonly executor_id: Id; readonly data: string };
  readonly failure?: { readonly agent_id?: Id; readonly executor_id?: Id; readonly status?: number };
  readonly error?: { readonly message: string };
}

/** One event from `/api/v1/executor`. */
export interface ExecutorEvent extends JsonObject {
  readonly type: string;
  readonly subscribed?: JsonObject;
  readonly launch?: { readonly task: TaskInfo };
  readonly launch_group?: JsonObject;
  readonly kill?: { readonly task_id: Id; readonly kill_policy?: JsonObject };
  readonly acknowledged?: { readonly task_id: Id; readonly uuid: string };
  readonly message?: { readonly data: string };
  readonly error?: { readonly message: string };
}
