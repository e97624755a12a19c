/**
 * Executors from launch to their end: start the container (an executor process, or the embedded
 * runner for command tasks and task groups), time out executors that never subscribe, deliver
 * queued launches, shut down with a grace period, and, once the container has ended, settle the
 * tasks it left behind and tell the master. The agent core owns the records; this module moves
 * them through the executor state machine.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Containerizer, ContainerTermination } from '../isolation/containerizer.ts';
import type { RunCheckpointer } from './checkpoint/run-checkpointer.ts';
import type { AgentConfig } from './config.ts';
import { EmbeddedExecutor } from './executor/embedded-executor.ts';
import { graceMs } from './executor/task-runner.ts';
import { chooseContainerizer, containerType } from './containerizer-choice.ts';
import { commandSpec, executorEnvironment, portRanges, scalarTotals } from './executor-launch.ts';
import type { WorkDirLayout } from './layout.ts';
import { frameworkHasCapability, type AgentExecutor, type AgentFramework, type MasterCalls } from './model.ts';
import { executorAccepts, nextExecutorState, type ExecutorEventName } from './state/executor-state.ts';
import { isTerminal } from './state/task-state.ts';
import { terminatedTaskOutcome, terminationWaitStatus, type TaskOutcome } from './termination.ts';
import type { CommandInfoWire, ExecutorInfoWire, TaskInfoWire, TaskStatusWire } from './wire.ts';

export interface ExecutorLifecycleDeps {
  readonly config: AgentConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly layout: WorkDirLayout;
  readonly checkpoints: RunCheckpointer;
  readonly containerizers: readonly Containerizer[];
  readonly master: MasterCalls;
  readonly agentEndpoint: () => string;
  readonly baseEnv: Readonly<Record<string, string>>;
  readonly builtinExecutors: { readonly command: CommandInfoWire; readonly default: CommandInfoWire };
  readonly agentId: () => string;
  readonly framework: (frameworkId: string) => AgentFramework | undefined;
  /** An embedded executor's UPDATE, handled as an HTTP executor's would be. */
  readonly deliverUpdate: (frameworkId: string, executorId: string, status: TaskStatusWire) => Promise<void>;
  /** The agent reports a task's end on behalf of an executor that is gone. */
  readonly settleTask: (executor: AgentExecutor, taskId: string, outcome: TaskOutcome) => void;
  /** The executor moved to its framework's completed list. */
  readonly executorCompleted: (framework: AgentFramework) => void;
}

function move(executor: AgentExecutor, event: ExecutorEventName): void {
  if (executorAccepts(executor.state, event)) executor.state = nextExecutorState(executor.state, event);
}

export class ExecutorLifecycle {
  private readonly log: Logger;
  /** The agent is stopping: containers it destroys now are not task failures to report. */
  private stopping = false;

  constructor(private readonly deps: ExecutorLifecycleDeps) {
    this.log = deps.logger.child({ component: 'executors' });
  }

  /** Registers a new executor on its framework and starts launching it. */
  create(framework: AgentFramework, info: ExecutorInfoWire, isCommandExecutor: boolean): AgentExecutor {
    const containerId = randomUUID();
    const executorId = info.executor_id.value;
    // A command executor process cannot run inside an arbitrary image, so a docker command task
    // always runs embedded: the task's command is the container (Mesos' docker executor does the same).
    const dockerCommandTask = isCommandExecutor && containerType(info.container) === 'DOCKER';
    const embedded = dockerCommandTask || (this.deps.config.command_executor === 'embedded' && (isCommandExecutor || info.type === 'DEFAULT'));
    const executor: AgentExecutor = {
      info, frameworkId: framework.id, containerId, kind: embedded ? 'embedded' : 'process', isCommandExecutor,
      sandbox: this.deps.layout.sandbox({ agentId: this.deps.agentId(), frameworkId: framework.id, executorId, containerId }),
      state: 'LAUNCHING', tasks: new Map(), queued: [], completedTasks: [],
    };
    framework.executors.set(executorId, executor);
    void this.start(framework, executor);
    return executor;
  }

  /** Sends the launches that waited for the executor to subscribe. */
  flushQueued(executor: AgentExecutor): void {
    const channel = executor.channel;
    if (!channel) return;
    for (const launch of executor.queued.splice(0)) {
      const tasks = launch.taskIds.map((id) => executor.tasks.get(id)?.info).filter((t): t is TaskInfoWire => t !== undefined);
      if (tasks.length === 0) continue;
      if (launch.group) channel.send({ type: 'LAUNCH_GROUP', launch_group: { task_group: { tasks } } });
      else for (const task of tasks) channel.send({ type: 'LAUNCH', launch: { task } });
    }
  }

  /** An HTTP executor subscribed (possibly again): it is RUNNING and gets its queued launches. */
  subscribed(executor: AgentExecutor): void {
    executor.registrationTimer?.cancel();
    move(executor, 'subscribed');
    this.flushQueued(executor);
  }

  /** SHUTDOWN to the executor; its container is destroyed if it is still there after the grace. */
  shutdown(executor: AgentExecutor): void {
    if (executor.state === 'TERMINATING' || executor.state === 'TERMINATED') return;
    const notSubscribed = executor.state === 'REGISTERING' || executor.state === 'LAUNCHING';
    move(executor, 'shutdown');
    if (notSubscribed && executor.kind === 'process') {
      void this.destroyContainers(executor);
      return;
    }
    executor.channel?.send({ type: 'SHUTDOWN' });
    executor.shutdownTimer = this.deps.clock.setTimer(this.shutdownGraceMs(executor), () => {
      void this.destroyContainers(executor).then(() => {
        if (executor.kind === 'embedded') this.terminated(executor, { signal: 'SIGKILL' });
      });
    });
  }

  /** Destroys every executor's containers and releases the backends (agent stop). */
  async stopAll(executors: readonly AgentExecutor[]): Promise<void> {
    this.stopping = true;
    for (const executor of executors) {
      executor.registrationTimer?.cancel();
      executor.shutdownTimer?.cancel();
    }
    await Promise.all(executors.map((e) => this.destroyContainers(e)));
    for (const executor of executors) executor.channel?.close();
    await Promise.all(this.deps.containerizers.map((c) => c.close?.()));
  }

  shutdownGraceMs(executor: AgentExecutor): number {
    return graceMs(executor.info.shutdown_grace_period ? { grace_period: executor.info.shutdown_grace_period } : undefined)
      ?? this.deps.config.executor_shutdown_grace_period;
  }

  private async start(framework: AgentFramework, executor: AgentExecutor): Promise<void> {
    const executorId = executor.info.executor_id.value;
    const run = { agentId: this.deps.agentId(), frameworkId: framework.id, executorId, containerId: executor.containerId };
    try {
      await mkdir(executor.sandbox, { recursive: true });
      this.deps.checkpoints.executor(run.agentId, framework.info, executor.info);
      const environment = executorEnvironment({
        baseEnv: this.deps.baseEnv, agentEndpoint: this.deps.agentEndpoint(), agentId: run.agentId, frameworkId: framework.id,
        executorId, sandbox: executor.sandbox, checkpoint: framework.info.checkpoint === true,
        shutdownGracePeriodMs: this.shutdownGraceMs(executor), command: executor.kind === 'process' ? executor.info.command : undefined,
      });
      if (executor.kind === 'embedded') return this.startEmbedded(framework, executor, environment);
      const command = executor.isCommandExecutor ? this.deps.builtinExecutors.command
        : executor.info.type === 'DEFAULT' ? this.deps.builtinExecutors.default : executor.info.command;
      if (!command?.value) throw new Error('ExecutorInfo has no command');
      const containerizer = this.containerizerFor(executor);
      const taskResources = [...executor.tasks.values()].flatMap((t) => t.info.resources ?? []);
      const ports = portRanges([...(executor.info.resources ?? []), ...taskResources]);
      const { pid } = await containerizer.launch(executor.containerId, {
        command: commandSpec(command, environment), sandbox: executor.sandbox,
        resources: scalarTotals(executor.info.resources, taskResources),
        ...(executor.info.container ? { containerInfo: executor.info.container } : {}),
        ...(ports.length > 0 ? { ports } : {}),
      });
      containerizer.wait(executor.containerId).then(
        (termination) => this.terminated(executor, termination),
        (error: unknown) => this.terminated(executor, { message: (error as Error).message }),
      );
      this.deps.checkpoints.forkedPid(run, framework.info, pid);
      if (executor.state === 'RUNNING') return; // It subscribed before we got here.
      if (executor.state !== 'LAUNCHING') return void this.destroyContainers(executor); // Shut down while starting.
      move(executor, 'launched');
      executor.registrationTimer = this.deps.clock.setTimer(this.deps.config.executor_registration_timeout, () => {
        if (executor.state !== 'REGISTERING') return;
        executor.terminationReason = 'REASON_EXECUTOR_REGISTRATION_TIMEOUT';
        move(executor, 'registration_timeout');
        void this.destroyContainers(executor);
      });
    } catch (error) {
      this.log.warn({ err: error, executorId }, 'executor launch failed');
      executor.terminationReason = 'REASON_CONTAINER_LAUNCH_FAILED';
      this.terminated(executor, { message: `Failed to launch the executor: ${(error as Error).message}` });
    }
  }

  private startEmbedded(framework: AgentFramework, executor: AgentExecutor, environment: Record<string, string>): void {
    const executorId = executor.info.executor_id.value;
    const containerizer = this.containerizerFor(executor);
    executor.channel = new EmbeddedExecutor({
      clock: this.deps.clock,
      containerizer,
      containerId: executor.containerId,
      executorId,
      sandbox: executor.sandbox,
      environment,
      // Mesos leaves the executor's overhead out of a docker container's limits: only the task runs in it.
      executorResources: containerizer.name === 'docker' ? undefined : executor.info.resources,
      runner: { shutdownGraceMs: this.shutdownGraceMs(executor), killingState: frameworkHasCapability(framework.info, 'TASK_KILLING_STATE') },
      deliverUpdate: (status) => this.deps.deliverUpdate(framework.id, executorId, status),
      onExit: () => this.terminated(executor, { exitCode: 0 }),
      onError: (error) => this.log.error({ err: error }, 'embedded executor update failed'),
    });
    if (executor.state !== 'LAUNCHING') return this.terminated(executor, { exitCode: 0 });
    move(executor, 'launched');
    move(executor, 'subscribed');
    this.flushQueued(executor);
  }

  /** The executor's container ended (or never started): settle its tasks and tell the master. */
  private terminated(executor: AgentExecutor, termination: ContainerTermination): void {
    if (executor.state === 'TERMINATED' || this.stopping) return;
    move(executor, 'exited');
    executor.registrationTimer?.cancel();
    executor.shutdownTimer?.cancel();
    void this.destroyContainers(executor); // Reads the embedded channel's containers, so before close.
    executor.channel?.close();
    executor.channel = undefined;
    const framework = this.deps.framework(executor.frameworkId);
    const partitionAware = framework ? frameworkHasCapability(framework.info, 'PARTITION_AWARE') : false;
    for (const task of executor.tasks.values()) {
      if (isTerminal(task.state)) continue;
      this.deps.settleTask(executor, task.info.task_id.value, terminatedTaskOutcome({
        killRequested: task.killRequested, isCommandExecutor: executor.isCommandExecutor, partitionAware,
        reason: executor.terminationReason, termination,
      }));
    }
    this.deps.master.call('EXECUTOR_EXITED', {
      executor_exited: { framework_id: { value: executor.frameworkId }, executor_id: executor.info.executor_id, status: terminationWaitStatus(termination) },
    });
    if (framework?.executors.get(executor.info.executor_id.value) !== executor) return;
    framework.executors.delete(executor.info.executor_id.value);
    framework.completedExecutors.push(executor);
    framework.completedExecutors.splice(0, Math.max(0, framework.completedExecutors.length - this.deps.config.max_completed_executors_per_framework));
    this.deps.executorCompleted(framework);
  }

  private async destroyContainers(executor: AgentExecutor): Promise<void> {
    const ids = executor.channel instanceof EmbeddedExecutor ? executor.channel.containerIds() : [executor.containerId];
    const choice = chooseContainerizer(this.deps.containerizers, executor.info.container);
    if (!choice.ok) return; // No backend would take it, so it never had a container.
    const { containerizer } = choice;
    await Promise.all(ids.map((id) => containerizer.destroy(id).catch((error: unknown) => this.log.warn({ err: error, containerId: id }, 'destroy failed'))));
  }

  /** The backend `--containerizers` picks for this executor's container; throws naming the flag when none fits. */
  private containerizerFor(executor: AgentExecutor): Containerizer {
    const choice = chooseContainerizer(this.deps.containerizers, executor.info.container);
    if (!choice.ok) throw new Error(choice.message);
    return choice.containerizer;
  }
}
