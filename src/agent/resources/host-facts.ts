/** Reads the host facts resource detection needs (the I/O half of `detect.ts`). */
import { statfsSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import type { HostFacts } from './detect.ts';

export function readHostFacts(workDir: string): HostFacts {
  let diskBytes: number | undefined;
  try {
    const stats = statfsSync(workDir);
    diskBytes = stats.blocks * stats.bsize;
  } catch {
    diskBytes = undefined;
  }
  return { cores: availableParallelism(), memBytes: totalmem(), diskBytes };
}
