/**
 * Backends by name, as `--containerizers=docker,linux,posix` names them. A backend registers a
 * factory; the agent builds the ones its flag lists and fails start-up naming any it cannot build.
 */
import type { Clock } from '../lib/clock.ts';
import { ConfigError } from '../lib/errors.ts';
import type { Containerizer } from './containerizer.ts';
import { createPosixContainerizer } from './posix/posix-containerizer.ts';
import { createLinuxContainerizer, defaultLinuxRunDir } from './linux/linux-containerizer.ts';
import { createDockerContainerizer } from './docker/docker-containerizer.ts';
import type { DockerLog } from './docker/docker-containerizer.ts';

export interface ContainerizerDeps {
  readonly clock: Clock;
  /** Agent work directory, for backends that keep state of their own. */
  readonly workDir: string;
  /** Agent flags the linux and docker backends read, by their Mesos names; each has Mesos' default. */
  readonly flags?: ContainerizerFlags;
  /** Where backends log progress (docker image pulls, orphans removed). */
  readonly log?: DockerLog;
}

export interface ContainerizerFlags {
  /** --cgroups_hierarchy (default /sys/fs/cgroup). */
  readonly cgroups_hierarchy?: string;
  /** --cgroups_root (default mesos). */
  readonly cgroups_root?: string;
  /** --cgroups_enable_cfs (default false). */
  readonly cgroups_enable_cfs?: boolean;
  /** Most processes per container (linux backend); unset means unlimited. */
  readonly cgroups_pids_max?: number;
  /** --runtime_dir: linux container state files go under `<runtime_dir>/isolation/linux` (default: the work dir). */
  readonly runtime_dir?: string;
  /** --docker_socket (default /var/run/docker.sock). */
  readonly docker_socket?: string;
  /** --docker_kill_orphans (default true). */
  readonly docker_kill_orphans?: boolean;
}

/** What an operator can do about a backend that cannot work on this host. */
export const FIX_HINT = (name: string): string => `fix that, or leave '${name}' out of --containerizers`;

export type ContainerizerFactory = (deps: ContainerizerDeps) => Containerizer;

export class ContainerizerRegistry {
  private readonly factories = new Map<string, ContainerizerFactory>();

  register(name: string, factory: ContainerizerFactory): this {
    if (this.factories.has(name)) throw new Error(`containerizer '${name}' is already registered`);
    this.factories.set(name, factory);
    return this;
  }

  names(): string[] {
    return [...this.factories.keys()];
  }

  /** Builds each named backend in order; an unknown name or a failing factory is a ConfigError. */
  create(names: readonly string[], deps: ContainerizerDeps): Containerizer[] {
    if (names.length === 0) throw new ConfigError('containerizers', 'must name at least one backend');
    const built: Containerizer[] = [];
    // Backends built before one fails hold helpers and engine streams: let them go.
    const fail = (error: ConfigError): never => {
      void Promise.all(built.map((c) => c.close?.().catch(() => undefined)));
      throw error;
    };
    for (const name of names) {
      const factory = this.factories.get(name);
      if (!factory) return fail(new ConfigError('containerizers', `unknown backend '${name}' (known: ${this.names().join(', ')})`));
      try {
        built.push(factory(deps));
      } catch (error) {
        return fail(new ConfigError('containerizers', `backend '${name}' failed to start: ${(error as Error).message}; ${FIX_HINT(name)}`, { cause: error }));
      }
    }
    return built;
  }
}

/** The registry with every backend this build ships. */
export function defaultContainerizerRegistry(): ContainerizerRegistry {
  return new ContainerizerRegistry()
    .register('posix', (deps) => createPosixContainerizer({ clock: deps.clock }))
    .register('linux', ({ clock, workDir, flags = {} }) => createLinuxContainerizer({
      clock,
      runDir: defaultLinuxRunDir(flags.runtime_dir ?? workDir),
      ...(flags.cgroups_hierarchy !== undefined ? { hierarchy: flags.cgroups_hierarchy } : {}),
      ...(flags.cgroups_root !== undefined ? { cgroupsRoot: flags.cgroups_root } : {}),
      ...(flags.cgroups_enable_cfs !== undefined ? { enableCfs: flags.cgroups_enable_cfs } : {}),
      ...(flags.cgroups_pids_max !== undefined ? { pidsMax: flags.cgroups_pids_max } : {}),
    }))
    .register('docker', ({ clock, workDir, flags = {}, log }) => createDockerContainerizer({
      clock,
      // The work dir tells this agent's containers from another agent's on the same engine.
      scope: workDir,
      ...(flags.docker_socket !== undefined ? { socketPath: flags.docker_socket } : {}),
      ...(flags.cgroups_enable_cfs !== undefined ? { enableCfs: flags.cgroups_enable_cfs } : {}),
      ...(flags.docker_kill_orphans !== undefined ? { killOrphans: flags.docker_kill_orphans } : {}),
      ...(log !== undefined ? { log } : {}),
    }));
}
