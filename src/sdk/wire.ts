/**
 * The wire types the SDK speaks: the protocol's Mesos v1 messages (snake_case keys, IDs as
 * `{value}`, enums by name), plus helpers for writing IDs the way callers like to.
 */
export type {
  ExecutorCall, ExecutorEvent, Filters, FrameworkInfo, KillPolicy, Offer, OfferOperation, Resource, SchedulerCall,
  SchedulerEvent, TaskInfo, TaskState, TaskStatus,
} from '../protocol/v1/index.ts';

export interface Id {
  readonly value: string;
}

/** An ID as callers like to write it: the bare string or Mesos' `{value}` wrapper. */
export type IdLike = string | Id;

export function toId(id: IdLike): { value: string } {
  return typeof id === 'string' ? { value: id } : { value: id.value };
}

export type JsonObject = { readonly [key: string]: unknown };
