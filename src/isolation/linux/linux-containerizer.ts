/**
 * The linux backend: each container is a cgroup under `<hierarchy>/<controller>/<cgroups_root>/<id>`
 * (v1) or `<hierarchy>/<cgroups_root>/<id>` (v2), holding every process the task forks. It enforces
 * Mesos' cpu shares, CFS quota, memory hard limit and an optional pids limit, reports a memory
 * limitation when the container runs out of memory, kills the whole cgroup, and gives MESOS-type
 * containers their own pid and mount namespaces. It needs root and a writable cgroup filesystem,
 * plus /bin/sh, /usr/bin/env (util-linux `unshare` for namespaces, `setpriv` to switch users).
 *
 * Processes are forked by a small shell helper (see fork-helper.ts), which reports exit statuses
 * the shell way: 128+n after a signal. Such a status reads as signal n when this backend sent n
 * (kill, destroy, OOM); otherwise it is the exit code, as Docker reports it.
 */
import { mkdirSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import type { Clock, TimerHandle } from '../../lib/clock.ts';
import { UnknownContainerError } from '../containerizer.ts';
import type {
  Containerizer, ContainerTermination, KnownContainer, LaunchResult, LaunchSpec, ResourceUsage, ScalarResources,
} from '../containerizer.ts';
import { lookupUser } from '../posix/user.ts';
import { openCgroupHost } from './cgroups.ts';
import type { CgroupHost, ContainerCgroup } from './cgroups.ts';
import { ForkHelper } from './fork-helper.ts';
import { assertRunnable, launchArgv } from './launch-command.ts';
import { mapResources } from './resource-mapping.ts';
import type { KernelLimits } from './resource-mapping.ts';
import { checkContainerId, StateDir } from './state-file.ts';

export interface LinuxOptions {
  readonly clock: Clock;
  /** Where per-container state files live, so a restarted agent can re-adopt its containers. */
  readonly runDir: string;
  /** Mesos' --cgroups_hierarchy. */
  readonly hierarchy?: string;
  /** Mesos' --cgroups_root: the cgroup every container cgroup is created under. */
  readonly cgroupsRoot?: string;
  /** Mesos' --cgroups_enable_cfs: cap cpu at the request even without a cpu limit. */
  readonly enableCfs?: boolean;
  /** Most processes (and threads) one container may have; unset means no limit. */
  readonly pidsMax?: number;
  /** `mesos`: MESOS ContainerInfo gets pid+mount namespaces (Mesos' namespaces/pid); `always`; `never`. */
  readonly pidNamespaces?: 'mesos' | 'always' | 'never';
  /** How often a running container is checked for running out of memory (then it is ended as a whole). */
  readonly oomPollMs?: number;
  /** How often a recovered container (not our child, so no exit event) is checked for life. */
  readonly recoveredPollMs?: number;
}

export const MEMORY_LIMITATION = 'REASON_CONTAINER_LIMITATION_MEMORY';
const MB = 1024 * 1024;

interface Container {
  readonly id: string;
  readonly pid: number;
  readonly cgroup: ContainerCgroup;
  readonly isolatePids: boolean;
  readonly limitsAsked: ScalarResources;
  kernel: KernelLimits;
  resources: ScalarResources;
  ended: Promise<ContainerTermination>;
  /** Signals sent to it, so a status of 128+n reads as signal n only when we sent n. */
  readonly signalsSent: Set<NodeJS.Signals>;
  limitation?: { readonly reason: string; readonly message: string };
  watch?: TimerHandle;
}

function containerType(info: unknown): string | undefined {
  if (typeof info !== 'object' || info === null) return undefined;
  const type = (info as Record<string, unknown>)['type'];
  return typeof type === 'string' ? type : undefined;
}

export function createLinuxContainerizer(options: LinuxOptions): Containerizer {
  const { clock } = options;
  const oomPollMs = options.oomPollMs ?? 100;
  const recoveredPollMs = options.recoveredPollMs ?? 1000;
  let host: CgroupHost;
  try {
    host = openCgroupHost(options.hierarchy ?? '/sys/fs/cgroup', options.cgroupsRoot ?? 'mesos', { limitPids: options.pidsMax !== undefined });
    mkdirSync(options.runDir, { recursive: true });
  } catch (error) {
    throw new Error(`linux containerizer cannot start: ${(error as Error).message}`, { cause: error });
  }
  const states = new StateDir(options.runDir);
  const containers = new Map<string, Container>();
  const canSwitchUser = process.getuid?.() === 0;
  const forks = new ForkHelper();

  function termination(status: number, signalsSent: ReadonlySet<NodeJS.Signals>): ContainerTermination {
    for (const signal of signalsSent) if (status === 128 + osConstants.signals[signal]) return { signal };
    return { exitCode: status };
  }

  const kernelLimits = (resources: ScalarResources, limits: ScalarResources): KernelLimits =>
    mapResources(resources, limits, { enableCfs: options.enableCfs === true });

  function wantsPidNamespace(spec: LaunchSpec): boolean {
    const mode = options.pidNamespaces ?? 'mesos';
    return mode === 'always' || (mode === 'mesos' && containerType(spec.containerInfo) === 'MESOS');
  }

  function memoryLimitation(container: { kernel: KernelLimits }): { reason: string; message: string } {
    const limit = container.kernel.memoryLimitBytes;
    return {
      reason: MEMORY_LIMITATION,
      message: `Memory limit exceeded: Requested: ${limit === undefined ? 'unlimited' : `${Math.round(limit / MB)}MB`}; the container ran out of memory and was ended`,
    };
  }

  /** Polls the OOM counter; on a kill, the whole container goes (Mesos ends a limited container entirely). */
  function watchOom(container: Container): void {
    const check = (): void => {
      void container.cgroup.outOfMemory().then(async (oom) => {
        if (containers.get(container.id) !== container) return;
        if (oom && container.limitation === undefined) {
          container.limitation = memoryLimitation(container);
          container.signalsSent.add('SIGKILL');
          await container.cgroup.killAll();
          return;
        }
        container.watch = clock.setTimer(oomPollMs, check);
      }).catch(() => undefined);
    };
    container.watch = clock.setTimer(oomPollMs, check);
  }

  /** What ended the container, with the memory limitation if it ran out of memory. */
  async function finish(container: Container, how: ContainerTermination): Promise<ContainerTermination> {
    container.watch?.cancel();
    const limitation = container.limitation ?? ((await container.cgroup.outOfMemory().catch(() => false)) ? memoryLimitation(container) : undefined);
    // Whatever the first process left behind goes with it, as in Mesos.
    await container.cgroup.killAll().catch(() => undefined);
    return limitation === undefined ? how : { ...how, ...limitation };
  }

  function get(containerId: string): Container {
    const container = containers.get(containerId);
    if (!container) throw new UnknownContainerError(containerId);
    return container;
  }

  /** A recovered container is not our child, so its end shows only as an empty cgroup (or an OOM kill). */
  function watchRecovered(container: Container): Promise<ContainerTermination> {
    return new Promise((resolve) => {
      const check = (): void => {
        void Promise.all([container.cgroup.pids(), container.cgroup.outOfMemory()]).then(
          async ([pids, oom]) => {
            if (oom && container.limitation === undefined) {
              container.limitation = memoryLimitation(container);
              await container.cgroup.killAll().catch(() => undefined);
            }
            if (pids.length > 0) container.watch = clock.setTimer(recoveredPollMs, check);
            else resolve({ message: 'recovered container ended; its exit status is not observable after an agent restart' });
          },
          () => resolve({ message: 'recovered container: its cgroup disappeared' }),
        );
      };
      check();
    });
  }

  async function forget(containerId: string, cgroup: ContainerCgroup): Promise<void> {
    await cgroup.killAll();
    await cgroup.remove();
    await states.remove(containerId);
  }

  // `close` is spelled out in the type so this compiles whether or not the interface lists it yet.
  const backend: Containerizer & { close(): Promise<void> } = {
    name: 'linux',

    async recover(known: readonly KnownContainer[]): Promise<readonly string[]> {
      const adopted: string[] = [];
      const knownIds = new Set(known.map((k) => k.containerId));
      for (const { containerId } of known) {
        if (containers.has(containerId)) continue;
        try {
          checkContainerId(containerId);
        } catch {
          continue; // Not one of ours: we never launch such ids.
        }
        const state = await states.read(containerId);
        const cgroup = host.container(containerId);
        const alive = cgroup.exists() && (await cgroup.pids()).length > 0;
        if (!state || !alive) {
          if (cgroup.exists() || state) await forget(containerId, cgroup).catch(() => undefined);
          continue;
        }
        const container: Container = {
          id: containerId, pid: state.pid, cgroup, isolatePids: state.isolatePids, limitsAsked: state.limits,
          kernel: kernelLimits(state.resources, state.limits), resources: state.resources, ended: Promise.resolve({}), signalsSent: new Set(),
        };
        container.ended = watchRecovered(container).then((how) => finish(container, how));
        containers.set(containerId, container);
        adopted.push(containerId);
      }
      // Containers we checkpointed that the agent no longer knows are orphans: Mesos destroys them.
      for (const containerId of await states.ids()) {
        if (knownIds.has(containerId) || containers.has(containerId)) continue;
        await forget(containerId, host.container(containerId)).catch(() => undefined);
      }
      return adopted;
    },

    async launch(containerId: string, spec: LaunchSpec): Promise<LaunchResult> {
      checkContainerId(containerId);
      if (containers.has(containerId)) throw new Error(`container '${containerId}' already exists`);
      await assertRunnable(spec.command);
      const isolatePids = wantsPidNamespace(spec);
      const limitsAsked = spec.limits ?? {};
      const kernel = kernelLimits(spec.resources, limitsAsked);
      const cgroup = host.container(containerId);
      await cgroup.create();
      try {
        await cgroup.apply(kernel, options.pidsMax);
        mkdirSync(spec.sandbox, { recursive: true });
        const { command } = spec;
        const forked = await forks.fork({
          argv: launchArgv(command, isolatePids),
          cwd: spec.sandbox,
          environment: { ...command.environment },
          stdoutPath: join(spec.sandbox, 'stdout'),
          stderrPath: join(spec.sandbox, 'stderr'),
          cgroupProcs: cgroup.procsFiles(),
          ...(canSwitchUser && command.user !== undefined && command.user !== 'root' ? { ids: lookupUser(command.user) } : {}),
        });
        const { pid } = forked;
        const container: Container = {
          id: containerId, pid, cgroup, isolatePids, limitsAsked, kernel, resources: spec.resources, ended: Promise.resolve({}), signalsSent: new Set(),
        };
        container.ended = forked.exited.then((status) => finish(container, termination(status, container.signalsSent)));
        containers.set(containerId, container);
        // Checkpointed after the fact: a crash in between leaves a cgroup that recovery treats as unknown.
        await states.write({ containerId, pid, isolatePids, resources: spec.resources, limits: limitsAsked });
        watchOom(container);
        return { pid };
      } catch (error) {
        await forget(containerId, cgroup).catch(() => undefined);
        throw error;
      }
    },

    wait(containerId: string): Promise<ContainerTermination> {
      try {
        return get(containerId).ended;
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },

    async kill(containerId: string, signal: NodeJS.Signals): Promise<void> {
      const container = get(containerId);
      container.signalsSent.add(signal);
      if (signal === 'SIGKILL') return container.cgroup.killAll();
      // unshare only waits for its child and passes the exit status on; signalling it would
      // replace the task's own answer to the signal with unshare's death.
      for (const pid of await container.cgroup.pids()) {
        if (container.isolatePids && pid === container.pid) continue;
        try {
          process.kill(pid, signal);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
        }
      }
    },

    async update(containerId: string, resources: ScalarResources): Promise<void> {
      const container = get(containerId);
      const kernel = kernelLimits(resources, container.limitsAsked);
      await container.cgroup.apply(kernel, options.pidsMax);
      container.kernel = kernel;
      container.resources = { ...resources };
      await states.write({ containerId, pid: container.pid, isolatePids: container.isolatePids, resources, limits: container.limitsAsked });
    },

    async usage(containerId: string): Promise<ResourceUsage> {
      const container = get(containerId);
      const stats = await container.cgroup.stats();
      const { cpusReported, memoryLimitBytes } = container.kernel;
      return {
        timestamp: clock.now() / 1000,
        processes: stats.processes,
        cpus_user_time_secs: stats.userSecs,
        cpus_system_time_secs: stats.systemSecs,
        mem_rss_bytes: stats.rssBytes,
        ...(cpusReported !== undefined ? { cpus_limit: cpusReported } : {}),
        ...(memoryLimitBytes !== undefined ? { mem_limit_bytes: memoryLimitBytes } : {}),
      };
    },

    async destroy(containerId: string): Promise<void> {
      const container = containers.get(containerId);
      if (!container) return;
      containers.delete(containerId);
      container.watch?.cancel();
      container.signalsSent.add('SIGKILL');
      await forget(containerId, container.cgroup);
    },

    containers: () => [...containers.keys()],

    async close(): Promise<void> {
      // Running containers keep running; their exit statuses still arrive through their waiters.
      forks.close();
    },
  };
  return backend;
}

/** The run directory under an agent work dir when none is given. */
export function defaultLinuxRunDir(workDir: string): string {
  return join(workDir, 'isolation', 'linux');
}
