/**
 * Reads process facts from Linux /proc: which processes belong to a process group, and their cpu
 * times and resident memory. A posix container is exactly one process group, so this is how the
 * posix backend measures and checks a container without cgroups.
 */
import { readdir, readFile } from 'node:fs/promises';

/** USER_HZ and the page size are fixed at 100 and 4 KiB on every Linux ABI Node runs on here. */
const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_SIZE_BYTES = 4096;

export interface ProcessSample {
  readonly pid: number;
  readonly state: string;
  readonly pgrp: number;
  readonly userSecs: number;
  readonly systemSecs: number;
  readonly rssBytes: number;
}

/** Parses one `/proc/<pid>/stat` line; the command name may hold spaces and parens, so split after the last ')'. */
export function parseStat(line: string): ProcessSample | undefined {
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(line.slice(0, open).trim());
  // Fields from index 0 here are stat fields 3.. (state is field 3).
  const rest = line.slice(close + 2).split(' ');
  const field = (n: number): number => Number(rest[n - 3]);
  const state = rest[0];
  if (!Number.isInteger(pid) || state === undefined) return undefined;
  return {
    pid,
    state,
    pgrp: field(5),
    userSecs: field(14) / CLOCK_TICKS_PER_SECOND,
    systemSecs: field(15) / CLOCK_TICKS_PER_SECOND,
    rssBytes: field(24) * PAGE_SIZE_BYTES,
  };
}

async function readSample(pid: string): Promise<ProcessSample | undefined> {
  try {
    return parseStat(await readFile(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined; // The process ended between readdir and read.
  }
}

/** Live (non-zombie) members of a process group. */
export async function processGroupMembers(pgid: number): Promise<ProcessSample[]> {
  const entries = await readdir('/proc');
  const samples = await Promise.all(entries.filter((e) => /^\d+$/.test(e)).map(readSample));
  return samples.filter((s): s is ProcessSample => s !== undefined && s.pgrp === pgid && s.state !== 'Z' && s.state !== 'X');
}

/** Whether one pid is alive and not a zombie waiting to be reaped. */
export async function isAlive(pid: number): Promise<boolean> {
  const sample = await readSample(String(pid));
  return sample !== undefined && sample.state !== 'Z' && sample.state !== 'X';
}
