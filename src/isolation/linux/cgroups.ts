/**
 * The host's cgroup hierarchy and one cgroup per container under a root (`mesos` by default).
 * v1 (a mount per controller) and v2 (one unified tree) are told apart at start, once; everything
 * above this module speaks in container terms (limits, pids, stats) and never in file names.
 */
import { accessSync, constants, existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { readFile, rmdir, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  parseCpuacctStat, parseCpuStatV2, parseOutOfMemory, parsePids, parseRssBytes, sharesToWeight,
} from './cgroup-files.ts';
import type { CpuTimes } from './cgroup-files.ts';
import type { KernelLimits } from './resource-mapping.ts';
import { parseStat } from '../posix/proc.ts';

export type CgroupVersion = 'v1' | 'v2';

/** v1 controllers the backend uses; cpu, cpuacct and memory are required, the rest used when mounted. */
const V1_REQUIRED = ['cpu', 'cpuacct', 'memory'] as const;
const V1_OPTIONAL = ['pids', 'freezer'] as const;
type V1Controller = (typeof V1_REQUIRED)[number] | (typeof V1_OPTIONAL)[number];
const V2_CONTROLLERS = ['cpu', 'memory', 'pids'] as const;

export interface CgroupHost {
  readonly version: CgroupVersion;
  readonly hierarchy: string;
  readonly root: string;
  /** The cgroup of one container; nothing is created until `create`. */
  container(containerId: string): ContainerCgroup;
}

export interface CgroupStats extends CpuTimes {
  readonly processes: number;
  readonly rssBytes: number;
}

export interface ContainerCgroup {
  create(): Promise<void>;
  apply(limits: KernelLimits, pidsMax: number | undefined): Promise<void>;
  /** The cgroup.procs files a process writes its pid into to join this cgroup. */
  procsFiles(): string[];
  pids(): Promise<number[]>;
  /** Sends `signal` to every process in the cgroup; returns how many were signalled. */
  signalAll(signal: NodeJS.Signals): Promise<number>;
  /** SIGKILLs everything, freezing first so a forking process cannot escape, until the cgroup is empty. */
  killAll(): Promise<void>;
  stats(): Promise<CgroupStats>;
  /** Whether the cgroup has run out of memory (a process OOM-killed, or paused in OOM on v1). */
  outOfMemory(): Promise<boolean>;
  exists(): boolean;
  /** Removes the cgroup directories; missing ones are fine. */
  remove(): Promise<void>;
}

/**
 * Waits between re-reads of kernel state (a killed process leaves cgroup.procs only once reaped).
 * A real, referenced timer on purpose: these are milliseconds of I/O polling, not logical time,
 * and the wait must keep the process alive even when nothing else is pending.
 */
function pause(ms: number): Promise<void> {
  return delay(ms);
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ESRCH';
}

async function readOr(path: string, fallback: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return fallback;
    throw error;
  }
}

/**
 * Resident memory of the cgroup's processes as /proc sees it. The cgroup's own counter only holds
 * anonymous pages charged since the process moved in, which is zero for a task that has just
 * exec'd; /proc counts what is resident now, as the posix backend does.
 */
async function residentBytes(pids: readonly number[]): Promise<number> {
  const sizes = await Promise.all(pids.map((pid) => readOr(`/proc/${pid}/stat`, '').then((line) => parseStat(line)?.rssBytes ?? 0)));
  return sizes.reduce((sum, n) => sum + n, 0);
}

function signalPid(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

function assertWritable(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(join(dir, 'cgroup.procs'), constants.W_OK);
  } catch (error) {
    throw new Error(`cgroup '${dir}' is not writable (${(error as Error).message}); the linux backend needs root and a writable cgroup filesystem`, { cause: error });
  }
}

/** Which cgroup version the host runs: a cgroup.controllers file at the top means a pure v2 tree. */
export function detectCgroupVersion(hierarchy: string): CgroupVersion {
  if (existsSync(join(hierarchy, 'memory', 'memory.limit_in_bytes'))) return 'v1';
  if (existsSync(join(hierarchy, 'cgroup.controllers'))) return 'v2';
  throw new Error(`no cgroup hierarchy found at '${hierarchy}' (neither v1 controllers nor a v2 cgroup.controllers)`);
}

export interface CgroupHostOptions {
  /**
   * Whether containers join the v1 pids hierarchy. Each hierarchy a container joins costs a
   * cgroup creation, a migration and a removal per launch, so it is joined only when a pids limit
   * is set. (v2 has one tree, so there it costs nothing extra.)
   */
  readonly limitPids?: boolean;
}

/** Detects the version, creates the root cgroup and checks it can be written; throws with the reason otherwise. */
export function openCgroupHost(hierarchy: string, root: string, options: CgroupHostOptions = {}): CgroupHost {
  if (!/^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/.test(root) || root.split('/').some((p) => p === '..' || p === '.')) {
    throw new Error(`cgroups_root '${root}' must be a relative path of plain names`);
  }
  const version = detectCgroupVersion(hierarchy);
  return version === 'v1' ? openV1(hierarchy, root, options.limitPids === true) : openV2(hierarchy, root);
}

function openV1(hierarchy: string, root: string, limitPids: boolean): CgroupHost {
  const mounts = new Map<V1Controller, string>();
  for (const name of [...V1_REQUIRED, ...V1_OPTIONAL]) {
    if (name === 'pids' && !limitPids) continue;
    const dir = join(hierarchy, name);
    if (existsSync(join(dir, 'cgroup.procs'))) mounts.set(name, realpathSync(dir));
    else if ((V1_REQUIRED as readonly string[]).includes(name)) throw new Error(`cgroup v1 controller '${name}' is not mounted at '${dir}'`);
  }
  // Co-mounted controllers (cpu,cpuacct) share one directory; write each directory once.
  const distinctMounts = [...new Set(mounts.values())];
  for (const mount of distinctMounts) assertWritable(join(mount, root));
  const at = (controller: V1Controller, id: string): string | undefined => {
    const mount = mounts.get(controller);
    return mount === undefined ? undefined : join(mount, root, id);
  };
  return {
    version: 'v1', hierarchy, root,
    container(containerId) {
      const dirs = distinctMounts.map((m) => join(m, root, containerId));
      const must = (c: V1Controller): string => at(c, containerId) as string;
      return new V1Cgroup(dirs, must('cpu'), must('cpuacct'), must('memory'), at('pids', containerId), at('freezer', containerId));
    },
  };
}

function openV2(hierarchy: string, root: string): CgroupHost {
  const rootDir = join(hierarchy, root);
  assertWritable(rootDir);
  // Controllers must be enabled on every level from the top down to the root's children.
  const enable = V2_CONTROLLERS.map((c) => `+${c}`).join(' ');
  let dir = hierarchy;
  for (const part of root.split('/')) {
    try {
      writeFileSync(join(dir, 'cgroup.subtree_control'), enable);
    } catch (error) {
      throw new Error(`cannot enable cgroup v2 controllers in '${dir}' (${(error as Error).message})`, { cause: error });
    }
    dir = join(dir, part);
  }
  writeFileSync(join(rootDir, 'cgroup.subtree_control'), enable);
  return { version: 'v2', hierarchy, root, container: (containerId) => new V2Cgroup(join(rootDir, containerId)) };
}

async function removeDir(dir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rmdir(dir);
      return;
    } catch (error) {
      if (isMissing(error)) return;
      // EBUSY until the last killed process has been reaped (and, for a parent, until its
      // removed children are fully gone).
      if ((error as NodeJS.ErrnoException).code !== 'EBUSY' || attempt >= 100) throw error;
      await pause(10);
    }
  }
}

abstract class BaseCgroup implements ContainerCgroup {
  protected abstract readonly dirs: readonly string[];
  /** Where cgroup.procs lists every process of the container. */
  protected abstract readonly procsDir: string;

  async create(): Promise<void> {
    await Promise.all(this.dirs.map((d) => mkdir(d, { recursive: true })));
  }

  abstract apply(limits: KernelLimits, pidsMax: number | undefined): Promise<void>;
  abstract stats(): Promise<CgroupStats>;
  abstract outOfMemory(): Promise<boolean>;
  protected abstract freeze(frozen: boolean): Promise<void>;

  procsFiles(): string[] {
    return this.dirs.map((d) => join(d, 'cgroup.procs'));
  }

  async pids(): Promise<number[]> {
    return parsePids(await readOr(join(this.procsDir, 'cgroup.procs'), ''));
  }

  async signalAll(signal: NodeJS.Signals): Promise<number> {
    let signalled = 0;
    for (const pid of await this.pids()) if (signalPid(pid, signal)) signalled++;
    return signalled;
  }

  async killAll(): Promise<void> {
    for (let attempt = 0; attempt < 200; attempt++) {
      const pids = await this.pids();
      if (pids.length === 0) return;
      await this.freeze(true);
      try {
        for (const pid of await this.pids()) signalPid(pid, 'SIGKILL');
      } finally {
        await this.freeze(false);
      }
      // Killed processes leave cgroup.procs only once reaped (by us or by init): give that a moment.
      if ((await this.pids()).length > 0) await pause(5);
    }
    throw new Error(`processes in cgroup '${this.procsDir}' survived SIGKILL`);
  }

  exists(): boolean {
    return existsSync(this.procsDir);
  }

  async remove(): Promise<void> {
    await Promise.all(this.dirs.map(removeDir));
  }
}

class V1Cgroup extends BaseCgroup {
  protected readonly dirs: readonly string[];
  protected readonly procsDir: string;

  constructor(
    dirs: readonly string[],
    private readonly cpu: string,
    private readonly cpuacct: string,
    private readonly memory: string,
    private readonly pidsDir: string | undefined,
    private readonly freezer: string | undefined,
  ) {
    super();
    this.dirs = dirs;
    this.procsDir = memory;
  }

  async apply(limits: KernelLimits, pidsMax: number | undefined): Promise<void> {
    const writes: Promise<void>[] = [
      writeFile(join(this.cpu, 'cpu.cfs_period_us'), String(limits.cfsPeriodUs)),
      writeFile(join(this.memory, 'memory.limit_in_bytes'), String(limits.memoryLimitBytes ?? -1)),
      // v1 has no group kill: with the killer off, a process at the limit pauses instead of dying
      // alone, and the backend ends the whole container when it sees under_oom.
      writeFile(join(this.memory, 'memory.oom_control'), '1'),
    ];
    if (limits.cpuShares !== undefined) writes.push(writeFile(join(this.cpu, 'cpu.shares'), String(limits.cpuShares)));
    if (limits.memorySoftLimitBytes !== undefined) {
      writes.push(writeFile(join(this.memory, 'memory.soft_limit_in_bytes'), String(limits.memorySoftLimitBytes)));
    }
    if (this.pidsDir !== undefined) writes.push(writeFile(join(this.pidsDir, 'pids.max'), pidsMax === undefined ? 'max' : String(pidsMax)));
    await Promise.all(writes);
    // The quota is checked against the period, so it goes after the period is in place.
    await writeFile(join(this.cpu, 'cpu.cfs_quota_us'), String(limits.cfsQuotaUs ?? -1));
  }

  async stats(): Promise<CgroupStats> {
    const [cpu, memory, pids] = await Promise.all([
      readOr(join(this.cpuacct, 'cpuacct.stat'), ''), readOr(join(this.memory, 'memory.stat'), ''), this.pids(),
    ]);
    return { ...parseCpuacctStat(cpu), rssBytes: Math.max(parseRssBytes(memory, 'v1'), await residentBytes(pids)), processes: pids.length };
  }

  async outOfMemory(): Promise<boolean> {
    return parseOutOfMemory(await readOr(join(this.memory, 'memory.oom_control'), ''));
  }

  protected async freeze(frozen: boolean): Promise<void> {
    if (this.freezer === undefined) return;
    await writeFile(join(this.freezer, 'freezer.state'), frozen ? 'FROZEN' : 'THAWED').catch((error: unknown) => {
      if (!isMissing(error)) throw error;
    });
  }
}

class V2Cgroup extends BaseCgroup {
  protected readonly dirs: readonly string[];
  protected readonly procsDir: string;

  constructor(private readonly dir: string) {
    super();
    this.dirs = [dir];
    this.procsDir = dir;
  }

  async apply(limits: KernelLimits, pidsMax: number | undefined): Promise<void> {
    const writes: Promise<void>[] = [
      writeFile(join(this.dir, 'cpu.max'), `${limits.cfsQuotaUs ?? 'max'} ${limits.cfsPeriodUs}`),
      writeFile(join(this.dir, 'memory.max'), String(limits.memoryLimitBytes ?? 'max')),
      writeFile(join(this.dir, 'pids.max'), pidsMax === undefined ? 'max' : String(pidsMax)),
      // The OOM killer takes the whole container at once, as Mesos ends a limited container entirely.
      writeFile(join(this.dir, 'memory.oom.group'), '1'),
    ];
    if (limits.cpuShares !== undefined) writes.push(writeFile(join(this.dir, 'cpu.weight'), String(sharesToWeight(limits.cpuShares))));
    if (limits.memorySoftLimitBytes !== undefined) writes.push(writeFile(join(this.dir, 'memory.low'), String(limits.memorySoftLimitBytes)));
    await Promise.all(writes);
  }

  override async killAll(): Promise<void> {
    // cgroup.kill (Linux 5.14+) kills the whole subtree atomically; older kernels take the freeze path.
    if (existsSync(join(this.dir, 'cgroup.kill'))) await writeFile(join(this.dir, 'cgroup.kill'), '1').catch(() => undefined);
    await super.killAll();
  }

  async stats(): Promise<CgroupStats> {
    const [cpu, memory, pids] = await Promise.all([
      readOr(join(this.dir, 'cpu.stat'), ''), readOr(join(this.dir, 'memory.stat'), ''), this.pids(),
    ]);
    return { ...parseCpuStatV2(cpu), rssBytes: Math.max(parseRssBytes(memory, 'v2'), await residentBytes(pids)), processes: pids.length };
  }

  async outOfMemory(): Promise<boolean> {
    return parseOutOfMemory(await readOr(join(this.dir, 'memory.events'), ''));
  }

  protected async freeze(frozen: boolean): Promise<void> {
    await writeFile(join(this.dir, 'cgroup.freeze'), frozen ? '1' : '0').catch((error: unknown) => {
      if (!isMissing(error)) throw error;
    });
  }
}

/**
 * Removes an empty root cgroup (a test's or a benchmark's own root) from every hierarchy; a root
 * that still holds containers is left alone.
 */
export async function removeCgroupRoot(hierarchy: string, root: string): Promise<void> {
  const version = detectCgroupVersion(hierarchy);
  const dirs = version === 'v2'
    ? [join(hierarchy, root)]
    : [...V1_REQUIRED, ...V1_OPTIONAL].map((c) => join(hierarchy, c, root));
  await Promise.all(dirs.map((dir) => removeDir(dir).catch(() => undefined)));
}
