/**
 * The argv the linux backend runs for a command (through `unshare` when the container gets fresh
 * pid and mount namespaces), and the check that it can run at all. The fork helper places the
 * process in its cgroups before it execs this argv.
 */
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandSpec } from '../containerizer.ts';

/** The argv that runs the command itself, before any namespace wrapping. */
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
export const PID_NAMESPACE_PREFIX = ['/usr/bin/unshare', '--pid', '--fork', '--mount-proc', '--kill-child', '--'] as const;

/** The full argv: the command, behind `unshare` when it gets its own pid namespace. */
export function launchArgv(command: CommandSpec, isolatePids: boolean): string[] {
  return [...(isolatePids ? PID_NAMESPACE_PREFIX : []), ...commandArgv(command)];
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(() => true, () => false);
}

/**
 * A failed exec looks just like the command's own exit 127 once the process runs, so the executable
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
