/**
 * The one lifecycle every isolation backend implements (posix processes, linux cgroups, docker).
 * The agent only ever talks to this interface; a backend is picked by name through the registry.
 *
 * Contract (every backend passes `conformance.ts`):
 * - `launch` resolves once the container's first process exists, with its pid. The command's
 *   stdout and stderr go to `<sandbox>/stdout` and `<sandbox>/stderr` (appended).
 * - `wait` resolves exactly once per container with how it ended; calling it again (or after the
 *   end) returns the same termination. Waiting on an unknown id rejects.
 * - `kill` signals every process of the container (not only the first one); a container that
 *   has already ended is not an error.
 * - `destroy` kills whatever is left with SIGKILL and forgets the container. It is idempotent and
 *   harmless for ids it never saw, so the agent can call it on every cleanup path.
 * - `close` lets go of the backend's own resources; containers survive it, as they survive an
 *   agent restart.
 * - `recover` is handed the containers the agent checkpointed; it adopts the ones still alive
 *   and returns their ids, so the agent can tell the live from the dead after a restart.
 */
export interface CommandSpec {
  /** true: run `/bin/sh -c value`; false: exec `value` with `arguments` (argv[0] included). */
  readonly shell: boolean;
  readonly value: string;
  readonly arguments?: readonly string[];
  /** The complete environment of the process; the caller merges in whatever it inherits. */
  readonly environment?: Readonly<Record<string, string>>;
  /** Run as this user when the agent may switch users; otherwise the agent's own user. */
  readonly user?: string;
}

/** Scalar quantities by resource name, in Mesos units (cpus, mem in MB, disk in MB). */
export type ScalarResources = Readonly<Record<string, number>>;

export interface LaunchSpec {
  readonly command: CommandSpec;
  /** Host directory that becomes the working directory and receives stdout/stderr. */
  readonly sandbox: string;
  readonly resources: ScalarResources;
  /** Hard limits above the requests (Mesos TaskInfo.limits); Infinity means unlimited. */
  readonly limits?: ScalarResources;
  /** The Mesos ContainerInfo as received; backends that need none ignore it. */
  readonly containerInfo?: unknown;
  /** The task's `ports` ranges: the host ports it may bind (docker checks port mappings against them). */
  readonly ports?: readonly PortRange[];
}

/** An inclusive range of host ports. */
export interface PortRange {
  readonly begin: number;
  readonly end: number;
}

export interface LaunchResult {
  readonly pid: number;
}

/** How a container ended: an exit code, or the signal that killed its first process. */
export interface ContainerTermination {
  readonly exitCode?: number;
  readonly signal?: NodeJS.Signals;
  /** Mesos TaskStatus.Reason name when the backend ended it (e.g. REASON_CONTAINER_LIMITATION_MEMORY). */
  readonly reason?: string;
  readonly message?: string;
}

/** A subset of Mesos ResourceStatistics, keys as on the wire. */
export interface ResourceUsage {
  readonly timestamp: number;
  readonly processes: number;
  readonly cpus_user_time_secs: number;
  readonly cpus_system_time_secs: number;
  readonly mem_rss_bytes: number;
  readonly cpus_limit?: number;
  readonly mem_limit_bytes?: number;
}

/** What the agent checkpointed about a container it had launched. */
export interface KnownContainer {
  readonly containerId: string;
  readonly pid: number;
}

export interface Containerizer {
  /** The backend name it is registered under (`posix`, `linux`, `docker`). */
  readonly name: string;
  recover(known: readonly KnownContainer[]): Promise<readonly string[]>;
  launch(containerId: string, spec: LaunchSpec): Promise<LaunchResult>;
  wait(containerId: string): Promise<ContainerTermination>;
  kill(containerId: string, signal: NodeJS.Signals): Promise<void>;
  update(containerId: string, resources: ScalarResources): Promise<void>;
  usage(containerId: string): Promise<ResourceUsage>;
  destroy(containerId: string): Promise<void>;
  /** Container ids currently known (launched or recovered and not destroyed). */
  containers(): readonly string[];
  /**
   * Releases what the backend itself holds (helper processes, connections); containers keep
   * running. Optional: a backend that holds nothing need not implement it.
   */
  close?(): Promise<void>;
}

/** Thrown for operations on a container id the backend does not know. */
export class UnknownContainerError extends Error {
  override readonly name = 'UnknownContainerError';
  constructor(readonly containerId: string) {
    super(`unknown container '${containerId}'`);
  }
}
