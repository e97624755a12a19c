/**
 * A framework's life in the master.
 *
 *   SUBSCRIBE ──> active ──stream breaks──> disconnected ──failover timeout──> removed
 *                   ^  \                       │  │
 *                   │   └─────teardown─────────┼──┴──teardown──────────────────> removed
 *                   └────────resubscribe───────┘
 *
 * `removed` is final: a later SUBSCRIBE with the same id gets "Framework has been removed".
 */
import { defineMachine } from './machine.ts';

export type FrameworkState =
  /** Subscribed with a live stream: gets offers and events. */
  | 'active'
  /** Its stream broke: no offers, calls answered 403, failover timer running. */
  | 'disconnected'
  /** Torn down or failed over too late: tasks killed, kept only in the completed list. */
  | 'removed';

export type FrameworkEvent = 'disconnect' | 'resubscribe' | 'failover_timeout' | 'teardown';

export const frameworkMachine = defineMachine<FrameworkState, FrameworkEvent>('framework', {
  active: { disconnect: 'disconnected', resubscribe: 'active', teardown: 'removed' },
  disconnected: { resubscribe: 'active', failover_timeout: 'removed', teardown: 'removed' },
  removed: {},
});
