/**
 * Timers longer than Node's limit (2^31-1 ms, ~24.8 days). Node fires a longer setTimeout after
 * 1 ms, and frameworks routinely ask for failover timeouts of weeks or years, so long waits are
 * made of re-armed steps.
 */
import type { Clock, TimerHandle } from '../../lib/clock.ts';

export const MAX_TIMER_STEP_MS = 2 ** 31 - 1;

export function setLongTimer(clock: Clock, ms: number, fn: () => void): TimerHandle {
  let current: TimerHandle;
  let cancelled = false;
  const arm = (left: number): void => {
    const step = Math.min(left, MAX_TIMER_STEP_MS);
    current = clock.setTimer(step, () => {
      if (cancelled) return;
      if (left > step) arm(left - step);
      else fn();
    });
  };
  arm(Number.isFinite(ms) ? Math.max(0, ms) : Number.MAX_SAFE_INTEGER);
  return {
    cancel() {
      cancelled = true;
      current.cancel();
    },
  };
}
