/**
 * The agent's in-process executor for command tasks and task groups (`--command_executor=embedded`).
 * It speaks the executor protocol's events through a channel like an HTTP executor would, but runs
 * each task's command directly as a container: no executor process, so launching is one fork of
 * /bin/sh per task. The logic is the shared TaskRunner, as in the executor processes.
 */
import type { Clock } from '../../lib/clock.ts';
import { newUuidBytesBase64 } from '../../lib/ids.ts';
import type { Containerizer } from '../../isolation/containerizer.ts';
import { commandEnvironment, commandSpec, limitsOf, portRanges, scalarTotals } from '../executor-launch.ts';
import type { ExecutorChannel } from '../model.ts';
import type { KillPolicyWire, ResourceWire, TaskInfoWire, TaskStatusWire } from '../wire.ts';
import { TaskRunner, type ProcessEnd, type TaskProcess, type TaskRunnerOptions } from './task-runner.ts';

export interface EmbeddedExecutorDeps {
  readonly clock: Clock;
  readonly containerizer: Containerizer;
  readonly containerId: string;
  readonly executorId: string;
  readonly sandbox: string;
  /** The executor's environment (agent env + MESOS_* variables); task variables go on top. */
  readonly environment: Readonly<Record<string, string>>;
  /** Executor resources (the overhead) added to the first task's container; none for docker. */
  readonly executorResources: readonly ResourceWire[] | undefined;
  readonly runner: TaskRunnerOptions;
  /** Hands an update to the agent as an executor's UPDATE call would; resolves when checkpointed. */
  deliverUpdate(status: TaskStatusWire): Promise<void>;
  /** The executor has nothing left to run (its "process" exited 0). */
  onExit(): void;
  onError(error: Error): void;
}

type Event = Record<string, unknown>;

export class EmbeddedExecutor implements ExecutorChannel {
  private readonly runner: TaskRunner;
  private readonly containers = new Set<string>();
  private closed = false;

  constructor(private readonly deps: EmbeddedExecutorDeps) {
    this.runner = new TaskRunner({
      clock: deps.clock,
      startTask: (task) => this.startTask(task),
      sendUpdate: (u) => this.sendUpdate(u.taskId, u.state, u.message, u.reason),
      onIdle: () => this.deps.onExit(),
    }, deps.runner);
  }

  send(event: Event): void {
    if (this.closed) return;
    switch (event['type']) {
      case 'LAUNCH':
        this.runner.launch((event['launch'] as { task: TaskInfoWire }).task);
        break;
      case 'LAUNCH_GROUP':
        this.runner.launchGroup((event['launch_group'] as { task_group: { tasks: TaskInfoWire[] } }).task_group.tasks);
        break;
      case 'KILL': {
        const kill = event['kill'] as { task_id: { value: string }; kill_policy?: KillPolicyWire };
        this.runner.kill(kill.task_id.value, kill.kill_policy);
        break;
      }
      case 'SHUTDOWN':
        this.runner.shutdown();
        break;
      default:
        break; // SUBSCRIBED, ACKNOWLEDGED, MESSAGE: nothing to do in-process.
    }
  }

  close(): void {
    this.closed = true;
  }

  /** Container ids this executor started, for the agent to destroy when it ends. */
  containerIds(): string[] {
    return [...this.containers];
  }

  private async startTask(task: TaskInfoWire): Promise<TaskProcess> {
    const { containerizer } = this.deps;
    const first = this.containers.size === 0;
    const containerId = first ? this.deps.containerId : `${this.deps.containerId}.${task.task_id.value}`;
    const command = task.command ?? { value: '' };
    this.containers.add(containerId);
    const limits = limitsOf(task);
    const ports = portRanges(task.resources);
    await containerizer.launch(containerId, {
      command: commandSpec(command, { ...this.deps.environment, ...commandEnvironment(command) }),
      sandbox: this.deps.sandbox,
      resources: scalarTotals(task.resources, first ? this.deps.executorResources : undefined),
      ...(limits ? { limits } : {}),
      ...(task.container ? { containerInfo: task.container } : {}),
      ...(ports.length > 0 ? { ports } : {}),
    });
    const exited = containerizer.wait(containerId).then(async (end): Promise<ProcessEnd> => {
      await containerizer.destroy(containerId); // Whatever the command left behind in its group.
      return {
        ...(end.exitCode !== undefined ? { exitCode: end.exitCode } : {}),
        ...(end.signal ? { signal: end.signal } : {}),
        ...(end.reason !== undefined ? { reason: end.reason } : {}),
        ...(end.reason !== undefined && end.message !== undefined ? { message: end.message } : {}),
      };
    });
    return {
      exited,
      signal: (signal) => {
        containerizer.kill(containerId, signal).catch(() => undefined); // Already gone: nothing to signal.
      },
    };
  }

  private sendUpdate(taskId: string, state: string, message: string | undefined, reason: string | undefined): void {
    const status: TaskStatusWire = {
      task_id: { value: taskId },
      state,
      // A reason here is the container's (a limitation the agent enforced), so the agent is the source, as in Mesos.
      source: reason !== undefined ? 'SOURCE_AGENT' : 'SOURCE_EXECUTOR',
      ...(reason !== undefined ? { reason } : {}),
      uuid: newUuidBytesBase64(),
      executor_id: { value: this.deps.executorId },
      timestamp: this.deps.clock.now() / 1000,
      ...(message !== undefined ? { message } : {}),
    };
    this.deps.deliverUpdate(status).catch((error: unknown) => this.deps.onError(error as Error));
  }
}
