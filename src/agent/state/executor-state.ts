/**
 * An executor's life on the agent.
 *
 *   LAUNCHING ──launched──> REGISTERING ──subscribed──> RUNNING
 *       │                       │                          │
 *       │ launch_failed         │ registration_timeout     │ shutdown
 *       │                       │ / shutdown               v
 *       │                       └──────────────────> TERMINATING
 *       v                                                  │ exited
 *   TERMINATED <───────────────────exited──────────────────┘
 *
 * `exited` (the container ended) moves any live state straight to TERMINATED. An executor that
 * re-subscribes (after an agent or executor restart) takes `subscribed` again while RUNNING. An
 * executor may also subscribe while LAUNCHING (its process runs before the agent has finished
 * its own bookkeeping of the launch); it then goes straight to RUNNING.
 */
import { IllegalTransitionError } from '../../lib/errors.ts';

export const ExecutorStates = ['LAUNCHING', 'REGISTERING', 'RUNNING', 'TERMINATING', 'TERMINATED'] as const;
export type ExecutorState = (typeof ExecutorStates)[number];

export const ExecutorEvents = ['launched', 'launch_failed', 'subscribed', 'registration_timeout', 'shutdown', 'exited'] as const;
export type ExecutorEventName = (typeof ExecutorEvents)[number];

const TABLE: Readonly<Record<ExecutorState, Partial<Record<ExecutorEventName, ExecutorState>>>> = {
  LAUNCHING: { launched: 'REGISTERING', subscribed: 'RUNNING', launch_failed: 'TERMINATED', shutdown: 'TERMINATING', exited: 'TERMINATED' },
  REGISTERING: { subscribed: 'RUNNING', registration_timeout: 'TERMINATING', shutdown: 'TERMINATING', exited: 'TERMINATED' },
  RUNNING: { subscribed: 'RUNNING', shutdown: 'TERMINATING', exited: 'TERMINATED' },
  TERMINATING: { shutdown: 'TERMINATING', registration_timeout: 'TERMINATING', exited: 'TERMINATED' },
  TERMINATED: {},
};

export function nextExecutorState(from: ExecutorState, event: ExecutorEventName): ExecutorState {
  const to = TABLE[from][event];
  if (to === undefined) throw new IllegalTransitionError('executor', from, event);
  return to;
}

/** Whether `event` is allowed now, for callers that ignore late events instead of failing. */
export function executorAccepts(from: ExecutorState, event: ExecutorEventName): boolean {
  return TABLE[from][event] !== undefined;
}
