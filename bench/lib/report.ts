/**
 * Output conventions shared by every bench: one JSON line per scenario on stdout (so runs can be
 * compared over time with nothing but `jq`), everything else on stderr.
 */
import { loadavg } from 'node:os';

export function emitResult(result: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

/** The 1-minute load average, rounded: numbers from a shared 2-core machine mean little without it. */
export function loadAverage1m(): number {
  return round(loadavg()[0] ?? 0, 2);
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
