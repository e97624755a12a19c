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
import { SpawnerClient } from './spawner-client.ts';
import { lookupUser } from './user.ts';

export interface PosixOptions {
  readonly clock: Clock;
  /** How often a recovered container (not our child, so no exit event) is checked for life. */
  readonly recoveredPollMs?: number;
  /**
   * `helper` (default): fork through the small spawner process, which is much cheaper than
   * forking the agent; `direct`: fork from this process (no helper process at all).
   */
  readonly spawner?: 'helper' | 'direct';
}

function toTermination(code: number | null, signal: NodeJS.Signals | null): ContainerTermination {
  if (code !== null) return { exitCode: code };
  if (signal !== null) return { signal };
  return { message: 'the process ended but its status was lost (the spawner helper exited)' };
}

interface Container {
  readonly pid: number;
  resources: ScalarResources;
  readonly ended: Promise<ContainerTermination>;
  poll?: TimerHandle;
}

const MB = 1024 * 1024;

export function createPosixContainerizer(options: PosixOptions): Containerizer {
  const { clock } = options;
  const pollMs = options.recoveredPollMs ?? 1000;
  const containers = new Map<string, Container>();
  const canSwitchUser = process.getuid?.() === 0;
  let spawner: SpawnerClient | undefined;

  /** What to run, as file + argv, with the user switch when the agent may and must. */
  function commandLine(spec: LaunchSpec): { file: string; args: string[]; argv0?: string; uid?: number; gid?: number } {
    const { command } = spec;
    const ids = canSwitchUser && command.user !== undefined && command.user !== 'root' ? lookupUser(command.user) : {};
    if (command.shell) return { file: '/bin/sh', args: ['-c', command.value], ...ids };
    return { file: command.value, args: (command.arguments ?? []).slice(1), argv0: command.arguments?.[0] ?? command.value, ...ids };
  }

  function launchDirect(spec: LaunchSpec): Promise<{ pid: number; ended: Promise<ContainerTermination> }> {
    mkdirSync(spec.sandbox, { recursive: true });
    const out = openSync(join(spec.sandbox, 'stdout'), 'a');
    const err = openSync(join(spec.sandbox, 'stderr'), 'a');
    let child: ChildProcess;
    try {
      const { file, args, ...rest } = commandLine(spec);
      // detached: its own process group, so kill reaches everything it forks.
      child = spawn(file, args, { cwd: spec.sandbox, env: { ...spec.command.environment }, detached: true, stdio: ['ignore', out, err], ...rest });
    } finally {
      closeSync(out);
      closeSync(err);
    }
    const ended = new Promise<ContainerTermination>((resolve) => {
      child.once('exit', (code, signal) => resolve(toTermination(code, signal)));
    });
    return new Promise((resolve, reject) => {
      child.once('spawn', () => resolve({ pid: child.pid ?? -1, ended }));
      child.once('error', reject);
    });
  }

  async function launchViaHelper(spec: LaunchSpec): Promise<{ pid: number; ended: Promise<ContainerTermination> }> {
    const spawned = await (spawner ??= new SpawnerClient()).spawn({
      ...commandLine(spec), cwd: spec.sandbox, env: { ...spec.command.environment },
      stdout: join(spec.sandbox, 'stdout'), stderr: join(spec.sandbox, 'stderr'),
    });
    return { pid: spawned.pid, ended: spawned.exited.then(({ code, signal }) => toTermination(code, signal)) };
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
      const { pid, ended } = await (options.spawner === 'direct' ? launchDirect(spec) : launchViaHelper(spec));
      containers.set(containerId, { pid, resources: spec.resources, ended });
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

    async close(): Promise<void> {
      spawner?.close();
      spawner = undefined;
    },
  };
}
