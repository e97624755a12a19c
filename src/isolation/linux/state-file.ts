/**
 * One small JSON file per container in the backend's run directory: what a restarted agent needs
 * to re-adopt the container (its launcher pid, whether it has its own pid namespace, the
 * resources its cgroup was given). Written atomically; a file that does not parse is ignored.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ValidationError } from '../../lib/errors.ts';
import type { ScalarResources } from '../containerizer.ts';

export interface ContainerState {
  readonly containerId: string;
  readonly pid: number;
  readonly isolatePids: boolean;
  readonly resources: ScalarResources;
  readonly limits: ScalarResources;
}

const SUFFIX = '.json';

/** Container ids become file and cgroup names, so they must be plain names. */
export function checkContainerId(containerId: string): void {
  if (!/^[A-Za-z0-9_.-]{1,200}$/.test(containerId) || containerId === '.' || containerId === '..') {
    throw ValidationError.of('containerId', `'${containerId}' must be 1-200 letters, digits, '_', '.' or '-'`);
  }
}

function scalars(value: unknown): ScalarResources | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(value)) {
    // JSON has no Infinity; null is how an unlimited limit round-trips.
    if (typeof v === 'number') out[k] = v;
    else if (v === null) out[k] = Infinity;
    else return undefined;
  }
  return out;
}

export function parseContainerState(text: string): ContainerState | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const resources = scalars(v['resources']);
  const limits = scalars(v['limits'] ?? {});
  if (typeof v['containerId'] !== 'string' || typeof v['pid'] !== 'number' || typeof v['isolatePids'] !== 'boolean' || !resources || !limits) {
    return undefined;
  }
  return { containerId: v['containerId'], pid: v['pid'], isolatePids: v['isolatePids'], resources, limits };
}

export class StateDir {
  constructor(readonly dir: string) {}

  async write(state: ContainerState): Promise<void> {
    const path = join(this.dir, state.containerId + SUFFIX);
    const temp = `${path}.tmp`;
    await writeFile(temp, JSON.stringify(state));
    await rename(temp, path);
  }

  async read(containerId: string): Promise<ContainerState | undefined> {
    try {
      const state = parseContainerState(await readFile(join(this.dir, containerId + SUFFIX), 'utf8'));
      return state?.containerId === containerId ? state : undefined;
    } catch {
      return undefined;
    }
  }

  async ids(): Promise<string[]> {
    await mkdir(this.dir, { recursive: true });
    return (await readdir(this.dir)).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length));
  }

  async remove(containerId: string): Promise<void> {
    await rm(join(this.dir, containerId + SUFFIX), { force: true });
  }
}
