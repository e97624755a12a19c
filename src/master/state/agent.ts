/**
 * An agent's life in the master.
 *
 *   SUBSCRIBE ──> registered ──stream breaks──> disconnected
 *                  ^   │  ^                        │   │
 *                  │   │  └──────resubscribe───────┘   │
 *                  │   └─missed pongs─> unreachable <──┘ missed pongs
 *                  └────resubscribe──────────┘
 *   registered | disconnected | unreachable ──shutdown──> removed
 *
 * Only `registered` agents' resources are in the allocator's offerable pool.
 */
import { defineMachine } from './machine.ts';

export type AgentState =
  /** Stream up, pinged, resources offered. */
  | 'registered'
  /** Stream broke: no offers; the agent may resubscribe before the ping timeouts run out. */
  | 'disconnected'
  /** Missed too many pongs: tasks reported unreachable/lost, resources withdrawn. */
  | 'unreachable'
  /** Shut down by the master (gone); never accepted again. */
  | 'removed';

export type AgentEvent = 'disconnect' | 'resubscribe' | 'ping_timeout' | 'shutdown';

export const agentMachine = defineMachine<AgentState, AgentEvent>('agent', {
  registered: { disconnect: 'disconnected', resubscribe: 'registered', ping_timeout: 'unreachable', shutdown: 'removed' },
  disconnected: { resubscribe: 'registered', ping_timeout: 'unreachable', shutdown: 'removed' },
  unreachable: { resubscribe: 'registered', shutdown: 'removed' },
  removed: {},
});
