/**
 * The posix backend: a container is a process group. No resource enforcement (that is the linux
 * backend's job); it measures usage from /proc and kills the whole group. It needs nothing from
 * the host beyond /proc and /bin/sh, and root only to run tasks as another user.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { openSync, closeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock, TimerHandle } from '../../lib/clock.ts';
import { UnknownContainerError } from '../containerizer.ts';
import type {
  Containerizer, ContainerTermination, KnownContainer, LaunchResult, LaunchSpec, ResourceUsage, ScalarResources,
} from '../containerizer.ts';
import { isAlive, processGroupMembers } from './proc.ts';
import { signalGroup } from './process-group.ts';
import { lookupUser } from './user.ts';

export interface PosixOptions {
  readonly clock: Clock;
  /** How often a recovered container (not our child, so no exit event) is checked for life. */
  readonly recoveredPollMs?: number;
}

interface Container {
  readonly pid: number;
  resources: ScalarResources;
  readonly ended: Promise<ContainerTermination>;
  child?: ChildProcess;
  poll?: TimerHandle;
}

const MB = 1024 * 1024;

export function createPosixContainerizer(options: PosixOptions): Containerizer {
  const { clock } = options;
  const pollMs = options.recoveredPollMs ?? 1000;
  const containers = new Map<string, Container>();
  const canSwitchUser = process.getuid?.() === 0;

  function spawnCommand(spec: LaunchSpec): ChildProcess {
    mkdirSync(spec.sandbox, { recursive: true });
    const out = openSync(join(spec.sandbox, 'stdout'), 'a');
    const err = openSync(join(spec.sandbox, 'stderr'), 'a');
    try {
      const { command } = spec;
      const [file, args] = command.shell
        ? ['/bin/sh', ['-c', command.value]]
        : [command.value, (command.arguments ?? []).slice(1)];
      const ids = canSwitchUser && command.user !== undefined && command.user !== 'root' ? lookupUser(command.user) : {};
      return spawn(file, args, {
        cwd: spec.sandbox,
        env: { ...command.environment },
        detached: true, // Its own process group, so kill reaches everything it forks.
        stdio: ['ignore', out, err],
        ...ids,
        ...(command.shell ? {} : { argv0: command.arguments?.[0] ?? command.value }),
      });
    } finally {
      closeSync(out);
      closeSync(err);
    }
  }

  function started(child: ChildProcess): Promise<number> {
    return new Promise((resolve, reject) => {
      child.once('spawn', () => resolve(child.pid ?? -1));
      child.once('error', reject);
    });
  }

  function watchRecovered(pid: number): { ended: Promise<ContainerTermination>; entry: Partial<Container> } {
    const entry: Partial<Container> = {};
    const ended = new Promise<ContainerTermination>((resolve) => {
      const check = (): void => {
        void isAlive(pid).then((alive) => {
          if (alive) entry.poll = clock.setTimer(pollMs, check);
          else resolve({ message: 'recovered container ended; its exit status is not observable after an agent restart' });
        });
      };
      check();
    });
    return { ended, entry };
  }

  function get(containerId: string): Container {
    const container = containers.get(containerId);
    if (!container) throw new UnknownContainerError(containerId);
    return container;
  }

  return {
    name: 'posix',

    async recover(known: readonly KnownContainer[]): Promise<readonly string[]> {
      const adopted: string[] = [];
      for (const { containerId, pid } of known) {
        if (containers.has(containerId) || !(await isAlive(pid))) continue;
        const { ended, entry } = watchRecovered(pid);
        containers.set(containerId, Object.assign(entry, { pid, resources: {}, ended }));
        adopted.push(containerId);
      }
      return adopted;
    },

    async launch(containerId: string, spec: LaunchSpec): Promise<LaunchResult> {
      if (containers.has(containerId)) throw new Error(`container '${containerId}' already exists`);
      const child = spawnCommand(spec);
      const ended = new Promise<ContainerTermination>((resolve) => {
        child.once('exit', (code, signal) => resolve(code !== null ? { exitCode: code } : { signal: signal ?? 'SIGKILL' }));
      });
      const pid = await started(child);
      containers.set(containerId, { pid, resources: spec.resources, ended, child });
      return { pid };
    },

    wait(containerId: string): Promise<ContainerTermination> {
      try {
        return get(containerId).ended;
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },

    async kill(containerId: string, signal: NodeJS.Signals): Promise<void> {
      signalGroup(get(containerId).pid, signal);
    },

    async update(containerId: string, resources: ScalarResources): Promise<void> {
      get(containerId).resources = { ...resources };
    },

    async usage(containerId: string): Promise<ResourceUsage> {
      const container = get(containerId);
      const members = await processGroupMembers(container.pid);
      const cpus = container.resources['cpus'];
      const mem = container.resources['mem'];
      return {
        timestamp: clock.now() / 1000,
        processes: members.length,
        cpus_user_time_secs: members.reduce((sum, m) => sum + m.userSecs, 0),
        cpus_system_time_secs: members.reduce((sum, m) => sum + m.systemSecs, 0),
        mem_rss_bytes: members.reduce((sum, m) => sum + m.rssBytes, 0),
        ...(cpus !== undefined ? { cpus_limit: cpus } : {}),
        ...(mem !== undefined ? { mem_limit_bytes: mem * MB } : {}),
      };
    },

    async destroy(containerId: string): Promise<void> {
      const container = containers.get(containerId);
      if (!container) return;
      containers.delete(containerId);
      // A recovered container keeps its poll so that anyone already waiting still hears the end.
      signalGroup(container.pid, 'SIGKILL');
    },

    containers: () => [...containers.keys()],
  };
}
