/**
 * How long a decline filter lasts, following Mesos' `Filters.refuse_seconds` rules: unset, NaN or
 * negative means the 5 s default, 0 means no filter at all, anything above 365 days is capped, and
 * a filter never expires before the next allocation round could see it (the allocation interval).
 */

export const DEFAULT_REFUSE_SECONDS = 5;
export const MAX_REFUSE_SECONDS = 365 * 24 * 60 * 60;

/** Filter lifetime in ms, or 0 when no filter should be installed. */
export function filterDurationMs(refuseSeconds: number | undefined, allocationIntervalMs: number): number {
  let seconds = refuseSeconds ?? DEFAULT_REFUSE_SECONDS;
  if (Number.isNaN(seconds) || seconds < 0) seconds = DEFAULT_REFUSE_SECONDS;
  if (seconds === 0) return 0;
  seconds = Math.min(seconds, MAX_REFUSE_SECONDS);
  return Math.max(seconds * 1000, allocationIntervalMs);
}
