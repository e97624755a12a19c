/**
 * Exponential backoff schedules. Pure functions of the attempt number (and an injected random
 * source for jitter), so retry loops are tested by advancing a fake clock.
 */

export interface BackoffPolicy {
  readonly initialMs: number;
  readonly maxMs: number;
  /** Multiplier per attempt; 2 doubles. */
  readonly factor: number;
  /** 0 = none; 1 = uniform in [0, delay] as Mesos' registration backoff does. */
  readonly jitter: number;
}

/** Mesos' status-update retry: 10 s doubling, at most 10 min, no jitter. */
export const STATUS_UPDATE_BACKOFF: BackoffPolicy = { initialMs: 10_000, maxMs: 600_000, factor: 2, jitter: 0 };

/** Reconnection of agents and schedulers: 1 s doubling to 1 min, full jitter. */
export const RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 60_000, factor: 2, jitter: 1 };

/** Delay before retry number `attempt` (0 = the first retry). */
export function backoffDelay(policy: BackoffPolicy, attempt: number, random: () => number = Math.random): number {
  const raw = Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt));
  if (policy.jitter <= 0) return raw;
  return raw * (1 - policy.jitter) + raw * policy.jitter * random();
}
