/**
 * Parsers for the cgroup files the linux backend reads (v1 and v2 spell the same facts
 * differently). Pure, so the odd formats are tested without a kernel.
 */

/** `key value` lines (cpuacct.stat, cpu.stat, memory.stat, memory.events, memory.oom_control). */
export function parseKeyValues(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key === undefined || key === '' || value === undefined) continue;
    const n = Number(value);
    if (Number.isFinite(n)) values.set(key, n);
  }
  return values;
}

/** USER_HZ is 100 on every Linux ABI Node supports. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface CpuTimes {
  readonly userSecs: number;
  readonly systemSecs: number;
}

/** v1 cpuacct.stat counts clock ticks. */
export function parseCpuacctStat(text: string): CpuTimes {
  const values = parseKeyValues(text);
  return { userSecs: (values.get('user') ?? 0) / CLOCK_TICKS_PER_SECOND, systemSecs: (values.get('system') ?? 0) / CLOCK_TICKS_PER_SECOND };
}

/** v2 cpu.stat counts microseconds. */
export function parseCpuStatV2(text: string): CpuTimes {
  const values = parseKeyValues(text);
  return { userSecs: (values.get('user_usec') ?? 0) / 1e6, systemSecs: (values.get('system_usec') ?? 0) / 1e6 };
}

/** Resident anonymous memory: v1 `total_rss` (hierarchical), v2 `anon`. */
export function parseRssBytes(memoryStat: string, version: 'v1' | 'v2'): number {
  const values = parseKeyValues(memoryStat);
  return version === 'v1' ? values.get('total_rss') ?? values.get('rss') ?? 0 : values.get('anon') ?? 0;
}

/**
 * Whether the cgroup ran out of memory: a process was OOM-killed (`oom_kill`, v1 memory.oom_control
 * and v2 memory.events alike) or, with the v1 killer disabled, processes sit paused in OOM (`under_oom`).
 */
export function parseOutOfMemory(text: string): boolean {
  const values = parseKeyValues(text);
  return (values.get('oom_kill') ?? 0) > 0 || (values.get('under_oom') ?? 0) > 0;
}

/** cgroup.procs: one pid per line. */
export function parsePids(text: string): number[] {
  return text.split('\n').filter((l) => l.trim() !== '').map(Number).filter((n) => Number.isInteger(n) && n > 0);
}

/**
 * v2 has cpu.weight (1..10000) instead of cpu.shares (2..262144); this is the kernel's and
 * runc's conversion, so a container gets the same relative share under either version.
 */
export function sharesToWeight(shares: number): number {
  return Math.min(10_000, Math.max(1, Math.round(1 + ((shares - 2) * 9999) / 262_142)));
}
