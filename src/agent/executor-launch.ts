/**
 * What the agent decides before it starts an executor: the ExecutorInfo of a command task, the
 * executor's environment (Mesos' `executorEnvironment`), and the command line of our own
 * executors. Pure.
 */
import type { CommandSpec, PortRange, ScalarResources } from '../isolation/containerizer.ts';
import { formatDuration } from '../lib/flags.ts';
import type { CommandInfoWire, ExecutorInfoWire, ResourceWire, TaskInfoWire } from './wire.ts';

/** Mesos adds this much to every command executor's container (0.1 cpus, 32 MB). */
export const COMMAND_EXECUTOR_OVERHEAD: ResourceWire[] = [
  { name: 'cpus', type: 'SCALAR', scalar: { value: 0.1 } },
  { name: 'mem', type: 'SCALAR', scalar: { value: 32 } },
];

function commandPreview(command: CommandInfoWire | undefined): string {
  const text = command?.shell === false ? [command.value ?? '', ...(command.arguments ?? []).slice(1)].join(' ') : (command?.value ?? '');
  return text.length > 12 ? `${text.slice(0, 12)}...` : text;
}

/** The ExecutorInfo Mesos synthesizes for a task with `command` and no `executor`. */
export function commandExecutorInfo(task: TaskInfoWire, frameworkId: string): ExecutorInfoWire {
  const taskId = task.task_id.value;
  return {
    executor_id: { value: taskId },
    framework_id: { value: frameworkId },
    name: `Command Executor (Task: ${taskId}) (Command: sh -c '${commandPreview(task.command)}')`,
    source: taskId,
    resources: COMMAND_EXECUTOR_OVERHEAD.map((r) => ({ ...r })),
    ...(task.container ? { container: task.container } : {}),
  };
}

/** Sums scalar resources by name (ranges and sets are not sizes a containerizer enforces). */
export function scalarTotals(...lists: (readonly ResourceWire[] | undefined)[]): ScalarResources {
  const totals: Record<string, number> = {};
  for (const list of lists) {
    for (const r of list ?? []) {
      if (r.type === 'SCALAR' && r.scalar) totals[r.name] = (totals[r.name] ?? 0) + r.scalar.value;
    }
  }
  return totals;
}

/** TaskInfo.limits as numbers; Mesos writes an unlimited resource as "Infinity". */
export function limitsOf(task: TaskInfoWire): ScalarResources | undefined {
  if (!task.limits) return undefined;
  const limits: Record<string, number> = {};
  for (const [name, value] of Object.entries(task.limits)) {
    const n = typeof value === 'number' ? value : Number(value);
    if (!Number.isNaN(n)) limits[name] = n;
  }
  return limits;
}

export function commandEnvironment(command: CommandInfoWire | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const v of command?.environment?.variables ?? []) {
    if (v.value !== undefined && (v.type === undefined || v.type === 'VALUE')) env[v.name] = v.value;
  }
  return env;
}

export interface ExecutorEnvironmentInput {
  readonly baseEnv: Readonly<Record<string, string>>;
  readonly agentEndpoint: string;
  readonly agentId: string;
  readonly frameworkId: string;
  readonly executorId: string;
  readonly sandbox: string;
  readonly checkpoint: boolean;
  readonly shutdownGracePeriodMs: number;
  readonly command: CommandInfoWire | undefined;
}

/** The agent's environment, then Mesos' MESOS_* variables, then the executor command's own. */
export function executorEnvironment(input: ExecutorEnvironmentInput): Record<string, string> {
  return {
    ...input.baseEnv,
    MESOS_AGENT_ENDPOINT: input.agentEndpoint,
    MESOS_FRAMEWORK_ID: input.frameworkId,
    MESOS_EXECUTOR_ID: input.executorId,
    MESOS_SLAVE_ID: input.agentId,
    MESOS_SLAVE_PID: `slave(1)@${input.agentEndpoint}`,
    MESOS_DIRECTORY: input.sandbox,
    MESOS_SANDBOX: input.sandbox,
    MESOS_CHECKPOINT: input.checkpoint ? '1' : '0',
    MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD: formatDuration(input.shutdownGracePeriodMs),
    MESOS_HTTP_COMMAND_EXECUTOR: '1',
    ...commandEnvironment(input.command),
  };
}

/** A Mesos CommandInfo as the containerizer's CommandSpec. */
export function commandSpec(command: CommandInfoWire, environment: Record<string, string>): CommandSpec {
  const shell = command.shell !== false;
  return {
    shell,
    value: command.value ?? '',
    ...(shell ? {} : { arguments: command.arguments ?? [command.value ?? ''] }),
    environment,
    ...(command.user !== undefined ? { user: command.user } : {}),
  };
}

/** Our executors are TypeScript entry points run through tsx; `tsxImport` is tsx's resolved URL. */
export function builtinExecutorCommand(entryPath: string, tsxImport: string, nodePath: string): CommandInfoWire {
  return { shell: false, value: nodePath, arguments: [nodePath, `--import=${tsxImport}`, entryPath] };
}

/** The `ports` ranges among resources, for the containerizer to check port mappings against. */
export function portRanges(resources: readonly ResourceWire[] | undefined): PortRange[] {
  return (resources ?? [])
    .filter((r) => r.name === 'ports' && r.type === 'RANGES')
    .flatMap((r) => r.ranges?.range ?? [])
    .map((range) => ({ begin: Number(range.begin), end: Number(range.end) }));
}
