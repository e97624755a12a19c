/**
 * The agent's total resources, as Mesos' containerizer works them out: what the host has, less a
 * reserve for the system, with every resource named in `--resources` taken from the flag instead.
 * Pure: the host facts come in as numbers so the rules are tested without a host.
 */
import type { ResourceWire } from '../../lib/resources/wire.ts';
import { parseResourceText } from './resource-text.ts';

export interface HostFacts {
  readonly cores: number;
  readonly memBytes: number;
  /** Size of the filesystem holding work_dir; undefined when it could not be read. */
  readonly diskBytes: number | undefined;
}

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** Total memory less 1 GB when there are at least 2 GB, else half (Mesos' rule). In MB. */
export function memoryForTasks(memBytes: number): number {
  if (memBytes <= 0) return 1024;
  const usable = memBytes >= 2 * GB ? memBytes - GB : memBytes / 2;
  return Math.floor(usable / MB);
}

/** Disk less 5 GB when there are at least 10 GB, else half; 10 GB when unknown. In MB. */
export function diskForTasks(diskBytes: number | undefined): number {
  if (diskBytes === undefined || diskBytes <= 0) return 10 * 1024;
  const usable = diskBytes >= 10 * GB ? diskBytes - 5 * GB : diskBytes / 2;
  return Math.floor(usable / MB);
}

function scalar(name: string, value: number, role: string): ResourceWire {
  return { name, type: 'SCALAR', scalar: { value }, ...(role === '*' ? {} : { reservations: [{ type: 'STATIC', role }] }) };
}

/** Detected cpus, mem, disk and ports, replaced per name by `--resources` entries. */
export function agentResources(host: HostFacts, resourcesFlag: string, defaultRole = '*'): ResourceWire[] {
  const given = parseResourceText(resourcesFlag, defaultRole);
  const named = new Set(given.map((r) => r.name));
  const detected: ResourceWire[] = [
    scalar('cpus', host.cores > 0 ? host.cores : 1, defaultRole),
    scalar('mem', memoryForTasks(host.memBytes), defaultRole),
    scalar('disk', diskForTasks(host.diskBytes), defaultRole),
    {
      name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 31000, end: 32000 }] },
      ...(defaultRole === '*' ? {} : { reservations: [{ type: 'STATIC', role: defaultRole }] }),
    },
  ];
  return [...detected.filter((r) => !named.has(r.name)), ...given];
}
