/**
 * The argv the linux backend spawns for a command. The process must be inside its cgroup before
 * it runs a single instruction of the task, so it starts as a tiny /bin/sh gate that blocks on
 * stdin; the backend writes its pid into the cgroup, then releases the gate and the shell execs
 * the real command (optionally through `unshare` for fresh pid and mount namespaces).
 */
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandSpec } from '../containerizer.ts';

/** Exit code of a gate that was never released (the backend gave up before exec). */
export const GATE_ABANDONED_EXIT = 125;

const GATE_SCRIPT = `IFS= read -r _gate || exit ${GATE_ABANDONED_EXIT}; exec 0</dev/null; exec "$@"`;

export interface LaunchArgv {
  readonly file: string;
  readonly args: readonly string[];
}

/** The argv that runs the command itself, before any gate or namespace wrapping. */
export function commandArgv(command: CommandSpec): string[] {
  if (command.shell) return ['/bin/sh', '-c', command.value];
  const rest = (command.arguments ?? []).slice(1);
  const argv0 = command.arguments?.[0];
  // Mesos execs `value` with `arguments` as argv, so argv[0] may differ from the path; only bash's
  // `exec -a` can set it from a script.
  if (argv0 !== undefined && argv0 !== command.value) return ['/bin/bash', '-c', 'exec -a "$0" "$@"', argv0, command.value, ...rest];
  return [command.value, ...rest];
}

/** `unshare` gives the task its own pid namespace with a matching /proc, and a private mount namespace. */
export const PID_NAMESPACE_PREFIX = ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child', '--'] as const;

export function gatedLaunchArgv(command: CommandSpec, isolatePids: boolean): LaunchArgv {
  const target = [...(isolatePids ? PID_NAMESPACE_PREFIX : []), ...commandArgv(command)];
  return { file: '/bin/sh', args: ['-c', GATE_SCRIPT, 'mesos-ts-launch', ...target] };
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(() => true, () => false);
}

/**
 * The gate cannot report a failed exec apart from the command's own exit 127, so the executable
 * is checked up front: a launch of something that cannot run rejects instead of "exiting 127".
 */
export async function assertRunnable(command: CommandSpec): Promise<void> {
  if (command.shell) return;
  const value = command.value;
  if (value === '') throw new Error("command 'value' is empty");
  if (value.includes('/')) {
    if (!(await isExecutable(value))) throw new Error(`command '${value}' does not exist or is not executable`);
    return;
  }
  const path = command.environment?.['PATH'] ?? '/usr/local/bin:/usr/bin:/bin';
  for (const dir of path.split(':').filter((d) => d !== '')) {
    if (await isExecutable(join(dir, value))) return;
  }
  throw new Error(`command '${value}' was not found in PATH '${path}'`);
}
