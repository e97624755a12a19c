/**
 * The last line of `mesos local`'s promise to leave nothing behind: after the agents have
 * destroyed their containers, any process still descending from us (an executor that ignored
 * SIGTERM, a task that escaped into its own process group) is killed with its whole group.
 * Linux only: it reads /proc; elsewhere it finds nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcStat {
  readonly pid: number;
  readonly comm: string;
  /** R, S, D, Z (zombie: exited, waiting to be reaped), T... */
  readonly state: string;
  readonly ppid: number;
  readonly pgid: number;
}

/** Fields 1-5 of /proc/<pid>/stat; the command name (field 2) may hold spaces and ')', so split at the last ')'. */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const pid = Number.parseInt(text, 10);
  const rest = text.slice(close + 2).split(' ');
  const ppid = Number(rest[1]);
  const pgid = Number(rest[2]);
  if (open < 0 || close < 0 || !Number.isInteger(pid) || !Number.isInteger(ppid) || !Number.isInteger(pgid)) return undefined;
  return { pid, comm: text.slice(open + 1, close), state: rest[0] ?? '', ppid, pgid };
}

/** Whether `pid` is running (a zombie has already exited and counts as gone). */
export function isRunning(pid: number): boolean {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.state !== 'Z';
  } catch {
    return false;
  }
}

function readAllStats(): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return [];
  }
  const stats: ProcStat[] = [];
  for (const name of entries) {
    try {
      const stat = parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
      if (stat) stats.push(stat);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return stats;
}

/** Every live process below `root` (children, grandchildren...). */
export function descendantsOf(root: number, stats: readonly ProcStat[] = readAllStats()): ProcStat[] {
  const byParent = new Map<number, ProcStat[]>();
  for (const stat of stats) byParent.set(stat.ppid, [...(byParent.get(stat.ppid) ?? []), stat]);
  const found: ProcStat[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of byParent.get(queue.shift() ?? -1) ?? []) {
      found.push(child);
      queue.push(child.pid);
    }
  }
  return found;
}

/** tsx's esbuild service: our own toolchain, not something a task started. */
const TOOLCHAIN_HELPERS = new Set(['esbuild']);

/**
 * SIGKILLs every live descendant of this process, by process group where the group is not ours.
 * Returns the pids that were left behind by executors or tasks, for the log.
 */
export function reapDescendants(): number[] {
  const ownGroup = readAllStats().find((s) => s.pid === process.pid)?.pgid;
  const left = descendantsOf(process.pid).filter((s) => s.state !== 'Z');
  for (const child of left) {
    try {
      if (child.pgid !== ownGroup && child.pgid > 1) process.kill(-child.pgid, 'SIGKILL');
      else process.kill(child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return left.filter((c) => !TOOLCHAIN_HELPERS.has(c.comm)).map((c) => c.pid);
}
