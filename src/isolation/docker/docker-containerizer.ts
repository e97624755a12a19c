/**
 * The docker backend: each container is a Docker container named `mesos-<containerId>`, labelled
 * with its id and the owning agent's scope so a restarted agent re-adopts it (and removes the
 * ones it no longer knows). Image pulled only when missing (or `force_pull_image`), Mesos' cpu and
 * memory mapping, the sandbox mounted at /mnt/mesos/sandbox, output copied into the sandbox's
 * stdout/stderr, and an OOM kill reported as REASON_CONTAINER_LIMITATION_MEMORY. Needs a Docker
 * engine on this host (the sandbox is bind-mounted) reachable at `socketPath`.
 */
import Docker from 'dockerode';
import { mkdirSync, statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import type { Clock } from '../../lib/clock.ts';
import { UnknownContainerError } from '../containerizer.ts';
import type {
  Containerizer, ContainerTermination, KnownContainer, LaunchResult, LaunchSpec, ResourceUsage, ScalarResources,
} from '../containerizer.ts';
import { MEMORY_LIMITATION } from '../linux/linux-containerizer.ts';
import { mapResources } from '../linux/resource-mapping.ts';
import type { KernelLimits } from '../linux/resource-mapping.ts';
import { checkContainerId } from '../linux/state-file.ts';
import { parseDockerContainerInfo } from './container-info.ts';
import { buildCreateOptions, containerName, LABEL_CONTAINER_ID, LABEL_SANDBOX, LABEL_SCOPE } from './create-options.ts';
import { followLogsIntoSandbox } from './log-files.ts';
import { listenForOom } from './oom-events.ts';

/** Progress and decisions worth a log line (image pulls, orphans removed). */
export interface DockerLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface DockerOptions {
  readonly clock: Clock;
  /** Mesos' --docker_socket. */
  readonly socketPath?: string;
  /** Labels containers as this agent's (its work dir is a good scope): recovery only touches these. */
  readonly scope: string;
  /** Mesos' --cgroups_enable_cfs, applied to docker's CpuQuota as Mesos does. */
  readonly enableCfs?: boolean;
  /** Image for launches whose ContainerInfo names none. */
  readonly defaultImage?: string;
  /** Mesos' --docker_kill_orphans: remove this scope's containers the agent no longer knows. */
  readonly killOrphans?: boolean;
  readonly log?: DockerLog;
  /** For tests: an engine client of their own. */
  readonly docker?: Docker;
}

/** Kept for callers written before LaunchSpec carried `ports`. */
export type DockerLaunchSpec = LaunchSpec;

interface Container {
  readonly handle: Docker.Container;
  pid: number;
  kernel: KernelLimits;
  readonly limitsAsked: ScalarResources;
  ended: Promise<ContainerTermination>;
  /** Signals we sent, so an exit status of 128+n is reported as signal n only when we sent n. */
  readonly signalsSent: Set<NodeJS.Signals>;
  /** Set when the engine reported an OOM and this backend ended the container for it. */
  outOfMemory?: boolean;
}

const silentLog: DockerLog = { info: () => undefined, warn: () => undefined };

function statusCode(error: unknown): number | undefined {
  const code = (error as { statusCode?: unknown }).statusCode;
  return typeof code === 'number' ? code : undefined;
}

/** 404 (gone) and 409/304 (not running, already stopped) mean there is nothing left to do. */
function ignoreGone(error: unknown): void {
  const code = statusCode(error);
  if (code !== 404 && code !== 409 && code !== 304) throw error;
}

function signalFromStatus(code: number, sent: ReadonlySet<NodeJS.Signals>): NodeJS.Signals | undefined {
  for (const signal of sent) if (code === 128 + osConstants.signals[signal]) return signal;
  return undefined;
}

function assertSocket(socketPath: string): void {
  let isSocket = false;
  try {
    isSocket = statSync(socketPath).isSocket();
  } catch (error) {
    throw new Error(`docker containerizer cannot start: Docker socket '${socketPath}' is unreachable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); is dockerd running?`, { cause: error });
  }
  if (!isSocket) throw new Error(`docker containerizer cannot start: '${socketPath}' is not a socket`);
}

export function createDockerContainerizer(options: DockerOptions): Containerizer {
  const socketPath = options.socketPath ?? '/var/run/docker.sock';
  if (!options.docker) assertSocket(socketPath);
  const docker = options.docker ?? new Docker({ socketPath });
  const { clock, scope } = options;
  const log = options.log ?? silentLog;
  const containers = new Map<string, Container>();
  const oomEvents = listenForOom(docker, scope, clock, (containerId) => {
    const container = containers.get(containerId);
    if (!container || container.outOfMemory === true) return;
    container.outOfMemory = true;
    container.signalsSent.add('SIGKILL');
    void container.handle.kill({ signal: 'SIGKILL' }).catch(() => undefined);
  });
  let engineCgroupVersion: Promise<string> | undefined;
  // The engine's `CgroupVersion` decides whether its OOM killer can be paused (v1 only).
  const cgroupVersion = (): Promise<string> => (engineCgroupVersion ??= docker.info().then((i: { CgroupVersion?: string }) => i.CgroupVersion ?? '1', () => '1'));

  async function ensureImage(image: string, forcePull: boolean): Promise<void> {
    if (!forcePull && (await docker.getImage(image).inspect().then(() => true, () => false))) return;
    const started = clock.now();
    log.info({ image }, 'pulling image');
    try {
      const stream = await docker.pull(image);
      await new Promise<void>((resolve, reject) => {
        docker.modem.followProgress(
          stream,
          (error: Error | null) => (error ? reject(error) : resolve()),
          (event: { status?: string; progress?: string; id?: string }) => log.info({ image, layer: event.id, status: event.status, progress: event.progress }, 'image pull progress'),
        );
      });
    } catch (error) {
      throw new Error(`cannot pull image '${image}': ${(error as Error).message}`, { cause: error });
    }
    log.info({ image, image_pull_ms: clock.now() - started }, 'image pulled');
  }

  /** Ends with how the container ended, once its output is in the sandbox files. */
  async function watchEnd(handle: Docker.Container, logs: Promise<void>, signalsSent: ReadonlySet<NodeJS.Signals>, outOfMemory: () => boolean): Promise<ContainerTermination> {
    try {
      const result = (await handle.wait()) as { StatusCode?: number };
      const state = await handle.inspect().then((i) => i.State, () => undefined);
      await logs;
      const code = result.StatusCode ?? state?.ExitCode ?? -1;
      const signal = signalFromStatus(code, signalsSent);
      const how: ContainerTermination = signal !== undefined ? { signal } : { exitCode: code };
      if (state?.OOMKilled === true || outOfMemory()) {
        return { ...how, reason: MEMORY_LIMITATION, message: 'Memory limit exceeded: the container was OOM-killed by the Docker engine' };
      }
      return how;
    } catch (error) {
      await logs.catch(() => undefined);
      if (statusCode(error) === 404) return signalsSent.has('SIGKILL') ? { signal: 'SIGKILL' } : { message: 'the container was removed' };
      return { message: `lost track of the container: ${(error as Error).message}` };
    }
  }

  function get(containerId: string): Container {
    const container = containers.get(containerId);
    if (!container) throw new UnknownContainerError(containerId);
    return container;
  }

  async function removeContainer(handle: Docker.Container): Promise<void> {
    await handle.remove({ force: true, v: true }).catch(ignoreGone);
  }

  const kernelLimits = (resources: ScalarResources, limits: ScalarResources): KernelLimits =>
    mapResources(resources, limits, { enableCfs: options.enableCfs === true });

  // `close` is spelled out in the type so this compiles whether or not the interface lists it yet.
  const backend: Containerizer & { close(): Promise<void> } = {
    name: 'docker',

    async recover(known: readonly KnownContainer[]): Promise<readonly string[]> {
      try {
        await docker.ping();
      } catch (error) {
        throw new Error(`docker containerizer: the Docker engine at '${socketPath}' does not answer (${(error as Error).message})`, { cause: error });
      }
      const knownIds = new Set(known.map((k) => k.containerId));
      const listed = await docker.listContainers({ all: true, filters: { label: [`${LABEL_SCOPE}=${scope}`] } });
      const adopted: string[] = [];
      for (const summary of listed) {
        const containerId = summary.Labels[LABEL_CONTAINER_ID];
        const handle = docker.getContainer(summary.Id);
        if (containerId === undefined || containers.has(containerId)) continue;
        if (!knownIds.has(containerId) || summary.State !== 'running') {
          if (options.killOrphans === false && !knownIds.has(containerId)) continue;
          log.info({ containerId, name: summary.Names[0], state: summary.State }, 'removing a docker container the agent does not know or that ended while it was away');
          await removeContainer(handle);
          continue;
        }
        const inspected = await handle.inspect().catch(() => undefined);
        if (!inspected?.State.Running) continue;
        const sandbox = summary.Labels[LABEL_SANDBOX];
        // Output written while the agent was away was kept by the engine; follow what comes next.
        const logs = sandbox !== undefined ? followLogsIntoSandbox(docker, handle, sandbox, Math.floor(clock.now() / 1000)) : Promise.resolve();
        await oomEvents.ready();
        const signalsSent = new Set<NodeJS.Signals>();
        const host = inspected.HostConfig;
        const kernel: KernelLimits = {
          cfsPeriodUs: host.CpuPeriod ?? 100_000,
          ...(host.CpuShares ? { cpuShares: host.CpuShares, cpusReported: host.CpuQuota ? host.CpuQuota / (host.CpuPeriod ?? 100_000) : host.CpuShares / 1024 } : {}),
          ...(host.Memory ? { memoryLimitBytes: host.Memory } : {}),
        };
        const container: Container = { handle, pid: inspected.State.Pid, kernel, limitsAsked: {}, signalsSent, ended: Promise.resolve({}) };
        container.ended = watchEnd(handle, logs, signalsSent, () => container.outOfMemory === true);
        containers.set(containerId, container);
        adopted.push(containerId);
      }
      return adopted;
    },

    async launch(containerId: string, spec: LaunchSpec): Promise<LaunchResult> {
      checkContainerId(containerId);
      if (containers.has(containerId)) throw new Error(`container '${containerId}' already exists`);
      const info = parseDockerContainerInfo(spec.containerInfo, spec.ports, options.defaultImage);
      const limitsAsked = spec.limits ?? {};
      const kernel = kernelLimits(spec.resources, limitsAsked);
      const body = buildCreateOptions({ containerId, spec, info, limits: kernel, scope });
      mkdirSync(spec.sandbox, { recursive: true });
      await Promise.all([ensureImage(info.image, info.forcePullImage), oomEvents.ready()]);
      if (kernel.memoryLimitBytes !== undefined && body.HostConfig && (await cgroupVersion()) === '1') {
        // Without this the kernel kills one process and the rest of the container runs on.
        body.HostConfig.OomKillDisable = true;
      }
      let handle: Docker.Container;
      try {
        handle = await docker.createContainer(body);
      } catch (error) {
        if (statusCode(error) !== 409) throw error;
        // A container of that name survived an earlier agent that never recovered it: it is stale.
        await removeContainer(docker.getContainer(containerName(containerId)));
        handle = await docker.createContainer(body);
      }
      const signalsSent = new Set<NodeJS.Signals>();
      let settle: (how: ContainerTermination) => void = () => undefined;
      const ended = new Promise<ContainerTermination>((resolve) => { settle = resolve; });
      const container: Container = { handle, pid: 0, kernel, limitsAsked, ended, signalsSent };
      // Known before it starts, so an OOM event that comes at once finds it.
      containers.set(containerId, container);
      try {
        await handle.start();
      } catch (error) {
        containers.delete(containerId);
        await removeContainer(handle);
        throw new Error(`docker container '${containerName(containerId)}' failed to start: ${(error as Error).message}`, { cause: error });
      }
      const logs = followLogsIntoSandbox(docker, handle, spec.sandbox);
      void watchEnd(handle, logs, signalsSent, () => container.outOfMemory === true).then(settle);
      const state = await handle.inspect().then((i) => i.State, () => undefined);
      // A container that already ended has no host pid left; inside its own namespace it was pid 1.
      container.pid = state?.Pid !== undefined && state.Pid > 0 ? state.Pid : 1;
      return { pid: container.pid };
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
      if (signal === 'SIGKILL') return void (await container.handle.kill({ signal }).catch(ignoreGone));
      // `docker kill` reaches only the container's pid 1; Mesos' contract is every process.
      const top = await container.handle.top({ ps_args: '-o pid' }).catch((error: unknown) => {
        ignoreGone(error);
        return undefined;
      });
      const pidColumn = top?.Titles.indexOf('PID') ?? -1;
      for (const row of top?.Processes ?? []) {
        const pid = Number(row[pidColumn]);
        if (!Number.isInteger(pid) || pid <= 0) continue;
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
      await container.handle.update({
        CpuPeriod: kernel.cfsPeriodUs,
        ...(kernel.cpuShares !== undefined ? { CpuShares: kernel.cpuShares } : {}),
        CpuQuota: kernel.cfsQuotaUs ?? -1,
        ...(kernel.memoryLimitBytes !== undefined ? { Memory: kernel.memoryLimitBytes, MemorySwap: -1 } : {}),
      });
      container.kernel = kernel;
    },

    async usage(containerId: string): Promise<ResourceUsage> {
      const container = get(containerId);
      const stats = (await container.handle.stats({ stream: false, 'one-shot': true })) as unknown as DockerStats;
      const memory = stats.memory_stats?.stats ?? {};
      const { cpusReported, memoryLimitBytes } = container.kernel;
      return {
        timestamp: clock.now() / 1000,
        processes: stats.pids_stats?.current ?? 0,
        cpus_user_time_secs: (stats.cpu_stats?.cpu_usage?.usage_in_usermode ?? 0) / 1e9,
        cpus_system_time_secs: (stats.cpu_stats?.cpu_usage?.usage_in_kernelmode ?? 0) / 1e9,
        // v1 reports total_rss, v2 anon; an instant-old container may have neither charged yet.
        mem_rss_bytes: memory['total_rss'] || memory['rss'] || memory['anon'] || (stats.memory_stats?.usage ?? 0),
        ...(cpusReported !== undefined ? { cpus_limit: cpusReported } : {}),
        ...(memoryLimitBytes !== undefined ? { mem_limit_bytes: memoryLimitBytes } : {}),
      };
    },

    async destroy(containerId: string): Promise<void> {
      const container = containers.get(containerId);
      if (!container) return;
      containers.delete(containerId);
      container.signalsSent.add('SIGKILL');
      await container.handle.kill({ signal: 'SIGKILL' }).catch(ignoreGone);
      await container.ended;
      await removeContainer(container.handle);
    },

    containers: () => [...containers.keys()],

    async close(): Promise<void> {
      // Containers, their log followers and waits carry on; only the shared event stream goes.
      oomEvents.close();
    },
  };
  return backend;
}

/** The fields of the Engine's stats answer this backend reads. */
interface DockerStats {
  readonly pids_stats?: { readonly current?: number };
  readonly cpu_stats?: { readonly cpu_usage?: { readonly usage_in_usermode?: number; readonly usage_in_kernelmode?: number } };
  readonly memory_stats?: { readonly usage?: number; readonly stats?: Readonly<Record<string, number>> };
}
