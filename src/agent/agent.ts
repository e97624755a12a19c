/**
 * The agent core: what the agent runs and what it tells the master. Master events (run, kill,
 * acknowledge, shutdown) and executor calls (subscribe, update, message) come in; containers,
 * executor events and master calls go out through ports. State changes are synchronous; after an
 * await, records are looked up again because the framework or executor may be gone.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Containerizer, ContainerTermination } from '../isolation/containerizer.ts';
import type { MetaWriter } from './checkpoint/meta-writer.ts';
import type { AgentConfig } from './config.ts';
import { EmbeddedExecutor } from './executor/embedded-executor.ts';
import {
  commandExecutorInfo, commandSpec, executorEnvironment, scalarTotals,
} from './executor-launch.ts';
import { graceMs } from './executor/task-runner.ts';
import type { WorkDirLayout } from './layout.ts';
import { frameworkHasCapability, type AgentExecutor, type AgentFramework, type AgentTask, type ExecutorChannel } from './model.ts';
import type { MasterEvent } from './parse.ts';
import { executorAccepts, nextExecutorState, type ExecutorEventName } from './state/executor-state.ts';
import { isTerminal, isTaskState, nextTaskState } from './state/task-state.ts';
import { agentStatusUpdate } from './status-factory.ts';
import { StatusUpdateManager } from './status-updates/manager.ts';
import type { UpdateCheckpointStore, UpdateStreamLocation } from './status-updates/ports.ts';
import { terminationWaitStatus, terminatedTaskOutcome } from './termination.ts';
import type { AgentInfoWire, CommandInfoWire, ExecutorInfoWire, FrameworkInfoWire, TaskInfoWire, TaskStatusWire } from './wire.ts';

/** Calls to the master other than SUBSCRIBE; the link adds agent_id and the stream id. */
export interface MasterCalls {
  call(type: string, body: Record<string, unknown>): void;
}

export interface AgentCoreDeps {
  readonly config: AgentConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly layout: WorkDirLayout;
  readonly meta: MetaWriter;
  readonly updateStore: UpdateCheckpointStore;
  readonly containerizers: readonly Containerizer[];
  readonly master: MasterCalls;
  /** `ip:port` executors reach the agent's executor API on. */
  readonly agentEndpoint: () => string;
  readonly agentInfo: () => AgentInfoWire;
  /** The environment executors inherit (the agent's own, from the composition root). */
  readonly baseEnv: Readonly<Record<string, string>>;
  /** Command lines of our executor processes (command executor, default executor). */
  readonly builtinExecutors: { readonly command: CommandInfoWire; readonly default: CommandInfoWire };
}

export type SubscribeResult = { ok: true } | { ok: false; status: number; message: string };

export class Agent {
  readonly frameworks = new Map<string, AgentFramework>();
  readonly completedFrameworks: AgentFramework[] = [];
  readonly updates: StatusUpdateManager;
  readonly startTime: number;
  private id = '';
  private readonly log: Logger;

  constructor(private readonly deps: AgentCoreDeps) {
    this.log = deps.logger.child({ component: 'agent' });
    this.startTime = deps.clock.now();
    this.updates = new StatusUpdateManager({
      store: deps.updateStore,
      clock: deps.clock,
      sender: { send: (update) => deps.master.call('STATUS_UPDATE', { status_update: update }) },
      onStreamEnded: (location) => this.taskStreamEnded(location),
    });
  }

  agentId(): string {
    return this.id;
  }

  setAgentId(agentId: string): void {
    if (this.id === agentId) return;
    this.id = agentId;
    this.deps.meta.writeLatestAgentId(agentId).catch((error: unknown) => this.log.error({ err: error }, 'could not checkpoint the agent id'));
  }

  /** Applies one event from the master's stream; bad ones are logged, never thrown. */
  handleMasterEvent(event: MasterEvent): void {
    switch (event.type) {
      case 'RUN_TASK': return this.runTask(event.framework, event.task);
      case 'RUN_TASK_GROUP': return this.runTaskGroup(event.framework, event.executor, event.tasks);
      case 'KILL_TASK': return this.killTask(event.frameworkId, event.taskId, event.killPolicy);
      case 'ACKNOWLEDGE':
        this.updates.acknowledge(event.frameworkId, event.taskId, event.uuid)
          .catch((error: unknown) => this.log.error({ err: error, taskId: event.taskId }, 'could not checkpoint an acknowledgement'));
        return;
      case 'SHUTDOWN_EXECUTOR': {
        const executor = this.frameworks.get(event.frameworkId)?.executors.get(event.executorId);
        if (executor) this.shutdownExecutor(executor);
        return;
      }
      case 'SHUTDOWN_FRAMEWORK': return this.shutdownFramework(event.frameworkId);
      case 'FRAMEWORK_MESSAGE':
        this.frameworks.get(event.frameworkId)?.executors.get(event.executorId)?.channel?.send({ type: 'MESSAGE', message: { data: event.data } });
        return;
      default:
        return; // SUBSCRIBED, PING, SHUTDOWN, ERROR belong to the link.
    }
  }

  runTask(frameworkInfo: FrameworkInfoWire, task: TaskInfoWire): void {
    const frameworkId = frameworkInfo.id?.value ?? '';
    const hasCommand = task.command !== undefined && task.command !== null;
    const hasExecutor = task.executor !== undefined && task.executor !== null;
    if (hasCommand === hasExecutor) {
      this.forwardAgentUpdate(frameworkId, undefined, task.task_id.value, 'TASK_ERROR', 'REASON_TASK_INVALID',
        'Task must set exactly one of command and executor');
      return;
    }
    const framework = this.ensureFramework(frameworkInfo);
    const executorInfo = task.executor
      ? { ...task.executor, framework_id: { value: frameworkId } }
      : commandExecutorInfo(task, frameworkId);
    this.launchTasks(framework, executorInfo, [task], false, !hasExecutor);
  }

  runTaskGroup(frameworkInfo: FrameworkInfoWire, executorInfo: ExecutorInfoWire, tasks: readonly TaskInfoWire[]): void {
    const framework = this.ensureFramework(frameworkInfo);
    const info: ExecutorInfoWire = { ...executorInfo, type: executorInfo.type ?? 'DEFAULT', framework_id: { value: framework.id } };
    this.launchTasks(framework, info, tasks, true, false);
  }

  killTask(frameworkId: string, taskId: string, killPolicy: TaskInfoWire['kill_policy']): void {
    const found = this.findTask(frameworkId, taskId);
    if (!found) {
      this.forwardAgentUpdate(frameworkId, undefined, taskId, 'TASK_LOST', 'REASON_TASK_UNKNOWN', 'Cannot kill a task the agent does not know');
      return;
    }
    const { executor, task } = found;
    if (isTerminal(task.state) || task.killRequested) return;
    task.killRequested = true;
    const queuedIndex = executor.queued.findIndex((q) => q.taskIds.includes(taskId));
    if (queuedIndex >= 0) {
      // Never handed to the executor: the agent ends it, and the executor if it has nothing else.
      const queued = executor.queued[queuedIndex];
      if (queued) queued.taskIds.splice(queued.taskIds.indexOf(taskId), 1);
      this.forwardAgentUpdate(frameworkId, executor, taskId, 'TASK_KILLED', 'REASON_TASK_KILLED_DURING_LAUNCH', 'Killed before the executor started it');
      if ([...executor.tasks.values()].every((t) => isTerminal(t.state))) this.shutdownExecutor(executor);
      return;
    }
    executor.channel?.send({ type: 'KILL', kill: { task_id: { value: taskId }, ...(killPolicy ? { kill_policy: killPolicy } : {}) } });
  }

  shutdownFramework(frameworkId: string): void {
    const framework = this.frameworks.get(frameworkId);
    if (!framework) return;
    framework.shuttingDown = true;
    this.updates.dropFramework(frameworkId);
    for (const executor of framework.executors.values()) this.shutdownExecutor(executor);
    this.maybeRetireFramework(framework);
  }

  // ---- executor API ----

  subscribeExecutor(frameworkId: string, executorId: string, channel: ExecutorChannel): SubscribeResult {
    const framework = this.frameworks.get(frameworkId);
    if (!framework) return { ok: false, status: 400, message: `Framework '${frameworkId}' is not known to this agent` };
    const executor = framework.executors.get(executorId);
    if (!executor || executor.kind !== 'process') return { ok: false, status: 400, message: `Executor '${executorId}' is not known to this agent` };
    if (!executorAccepts(executor.state, 'subscribed') && executor.state !== 'TERMINATING') {
      return { ok: false, status: 400, message: `Executor '${executorId}' is ${executor.state.toLowerCase()}` };
    }
    executor.registrationTimer?.cancel();
    executor.channel?.close();
    executor.channel = channel;
    channel.send({
      type: 'SUBSCRIBED',
      subscribed: { executor_info: executor.info, framework_info: framework.info, agent_info: this.deps.agentInfo(), container_id: { value: executor.containerId } },
    });
    if (executor.state === 'TERMINATING') {
      channel.send({ type: 'SHUTDOWN' });
      return { ok: true };
    }
    this.move(executor, 'subscribed');
    this.flushQueued(executor);
    return { ok: true };
  }

  isSubscribed(frameworkId: string, executorId: string): boolean {
    const executor = this.frameworks.get(frameworkId)?.executors.get(executorId);
    return executor?.channel !== undefined && executor.kind === 'process';
  }

  /** Detaches a closed HTTP stream, so calls answer 403 until the executor subscribes again. */
  executorDisconnected(frameworkId: string, executorId: string, channel: ExecutorChannel): void {
    const executor = this.frameworks.get(frameworkId)?.executors.get(executorId);
    if (executor?.channel === channel) executor.channel = undefined;
  }

  /**
   * An executor's UPDATE. Resolves once the update is checkpointed; the executor is then sent
   * ACKNOWLEDGED. Throws a message for the 400 answer when the task is not this executor's.
   */
  executorUpdate(frameworkId: string, executorId: string, status: TaskStatusWire): Promise<void> {
    const framework = this.frameworks.get(frameworkId);
    const executor = framework?.executors.get(executorId);
    const task = executor?.tasks.get(status.task_id.value);
    if (!framework || !executor || !task) {
      return Promise.reject(new Error(`Task '${status.task_id.value}' of executor '${executorId}' is not known to this agent`));
    }
    const enriched: TaskStatusWire = {
      ...status,
      agent_id: { value: this.id },
      executor_id: { value: executorId },
      timestamp: status.timestamp ?? this.deps.clock.now() / 1000,
    };
    const accepted = this.applyStatus(task, enriched);
    const uuid = status.uuid ?? '';
    const ack = (): void => executor.channel?.send({ type: 'ACKNOWLEDGED', acknowledged: { task_id: status.task_id, uuid } });
    if (!accepted || framework.shuttingDown) {
      ack();
      return Promise.resolve();
    }
    return this.updates.update(this.location(executor, task.info.task_id.value), { framework_id: { value: frameworkId }, status: enriched })
      .then(() => ack());
  }

  executorMessage(frameworkId: string, executorId: string, data: string): void {
    this.deps.master.call('FRAMEWORK_MESSAGE', { framework_message: { framework_id: { value: frameworkId }, executor_id: { value: executorId }, data } });
  }

  /** Ends every executor and forgets timers; used when the agent process stops. */
  async stop(): Promise<void> {
    this.updates.stop();
    const all = [...this.frameworks.values()].flatMap((f) => [...f.executors.values()]);
    for (const executor of all) {
      executor.registrationTimer?.cancel();
      executor.shutdownTimer?.cancel();
      executor.channel?.close();
    }
    await Promise.all(all.map((e) => this.destroyContainers(e)));
  }

  // ---- internals ----

  private ensureFramework(info: FrameworkInfoWire): AgentFramework {
    const frameworkId = info.id?.value ?? '';
    let framework = this.frameworks.get(frameworkId);
    if (!framework) {
      framework = { id: frameworkId, info, executors: new Map(), completedExecutors: [], shuttingDown: false };
      this.frameworks.set(frameworkId, framework);
    } else {
      framework.info = info;
      framework.shuttingDown = false;
    }
    this.deps.meta.writeFramework(this.id, info).catch((error: unknown) => this.log.error({ err: error, frameworkId }, 'could not checkpoint framework info'));
    return framework;
  }

  private launchTasks(framework: AgentFramework, info: ExecutorInfoWire, tasks: readonly TaskInfoWire[], group: boolean, isCommandExecutor: boolean): void {
    const executorId = info.executor_id.value;
    let executor = framework.executors.get(executorId);
    if (executor && (executor.state === 'TERMINATING' || executor.state === 'TERMINATED')) {
      for (const task of tasks) {
        this.forwardAgentUpdate(framework.id, undefined, task.task_id.value, 'TASK_LOST', 'REASON_EXECUTOR_TERMINATED', 'Executor is terminating');
      }
      return;
    }
    const fresh = tasks.filter((t) => !this.findTask(framework.id, t.task_id.value));
    if (fresh.length === 0) return;
    executor ??= this.createExecutor(framework, info, isCommandExecutor);
    for (const task of fresh) {
      const info = { ...task, agent_id: { value: this.id } };
      executor.tasks.set(task.task_id.value, { info, frameworkId: framework.id, executorId, state: 'TASK_STAGING', statuses: [], killRequested: false });
      this.deps.meta.writeTask({ agentId: this.id, frameworkId: framework.id, executorId, containerId: executor.containerId }, info)
        .catch((error: unknown) => this.log.error({ err: error }, 'could not checkpoint task info'));
    }
    executor.queued.push({ group, taskIds: fresh.map((t) => t.task_id.value) });
    if (executor.state === 'RUNNING') this.flushQueued(executor);
  }

  private createExecutor(framework: AgentFramework, info: ExecutorInfoWire, isCommandExecutor: boolean): AgentExecutor {
    const containerId = randomUUID();
    const executorId = info.executor_id.value;
    const embedded = this.deps.config.command_executor === 'embedded' && (isCommandExecutor || info.type === 'DEFAULT');
    const executor: AgentExecutor = {
      info, frameworkId: framework.id, containerId, kind: embedded ? 'embedded' : 'process', isCommandExecutor,
      sandbox: this.deps.layout.sandbox({ agentId: this.id, frameworkId: framework.id, executorId, containerId }),
      state: 'LAUNCHING', tasks: new Map(), queued: [], completedTasks: [],
    };
    framework.executors.set(executorId, executor);
    void this.startExecutor(framework, executor);
    return executor;
  }

  private async startExecutor(framework: AgentFramework, executor: AgentExecutor): Promise<void> {
    const run = { agentId: this.id, frameworkId: framework.id, executorId: executor.info.executor_id.value, containerId: executor.containerId };
    try {
      await mkdir(executor.sandbox, { recursive: true });
      await this.deps.meta.writeExecutor(this.id, framework.id, executor.info);
      const environment = executorEnvironment({
        baseEnv: this.deps.baseEnv, agentEndpoint: this.deps.agentEndpoint(), agentId: this.id, frameworkId: framework.id,
        executorId: run.executorId, sandbox: executor.sandbox, checkpoint: framework.info.checkpoint === true,
        shutdownGracePeriodMs: this.shutdownGraceMs(executor), command: executor.kind === 'process' ? executor.info.command : undefined,
      });
      if (executor.kind === 'embedded') return this.startEmbedded(framework, executor, environment);
      const command = executor.isCommandExecutor ? this.deps.builtinExecutors.command
        : executor.info.type === 'DEFAULT' ? this.deps.builtinExecutors.default : executor.info.command;
      if (!command?.value) throw new Error('ExecutorInfo has no command');
      const containerizer = this.containerizerFor(executor.info.container);
      const taskResources = [...executor.tasks.values()].flatMap((t) => t.info.resources ?? []);
      const { pid } = await containerizer.launch(executor.containerId, {
        command: commandSpec(command, environment), sandbox: executor.sandbox,
        resources: scalarTotals(executor.info.resources, taskResources),
        ...(executor.info.container ? { containerInfo: executor.info.container } : {}),
      });
      containerizer.wait(executor.containerId).then(
        (termination) => this.executorTerminated(executor, termination),
        (error: unknown) => this.executorTerminated(executor, { message: (error as Error).message }),
      );
      void this.deps.meta.writeForkedPid(run, pid).catch(() => undefined);
      if (executor.state !== 'LAUNCHING') return void this.destroyContainers(executor); // Shut down while starting.
      this.move(executor, 'launched');
      executor.registrationTimer = this.deps.clock.setTimer(this.deps.config.executor_registration_timeout, () => {
        if (executor.state !== 'REGISTERING') return;
        executor.terminationReason = 'REASON_EXECUTOR_REGISTRATION_TIMEOUT';
        this.move(executor, 'registration_timeout');
        void this.destroyContainers(executor);
      });
    } catch (error) {
      this.log.warn({ err: error, executorId: run.executorId }, 'executor launch failed');
      executor.terminationReason = 'REASON_CONTAINER_LAUNCH_FAILED';
      this.executorTerminated(executor, { message: `Failed to launch the executor: ${(error as Error).message}` });
    }
  }

  private startEmbedded(framework: AgentFramework, executor: AgentExecutor, environment: Record<string, string>): void {
    const channel = new EmbeddedExecutor({
      clock: this.deps.clock,
      containerizer: this.containerizerFor(executor.info.container),
      containerId: executor.containerId,
      executorId: executor.info.executor_id.value,
      sandbox: executor.sandbox,
      environment,
      executorResources: executor.info.resources,
      runner: { shutdownGraceMs: this.shutdownGraceMs(executor), killingState: frameworkHasCapability(framework.info, 'TASK_KILLING_STATE') },
      deliverUpdate: (status) => this.executorUpdate(framework.id, executor.info.executor_id.value, status),
      onExit: () => this.executorTerminated(executor, { exitCode: 0 }),
      onError: (error) => this.log.error({ err: error }, 'embedded executor update failed'),
    });
    executor.channel = channel;
    if (executor.state !== 'LAUNCHING') return this.executorTerminated(executor, { exitCode: 0 });
    this.move(executor, 'launched');
    this.move(executor, 'subscribed');
    this.flushQueued(executor);
  }

  private flushQueued(executor: AgentExecutor): void {
    const channel = executor.channel;
    if (!channel) return;
    for (const launch of executor.queued.splice(0)) {
      const tasks = launch.taskIds.map((id) => executor.tasks.get(id)?.info).filter((t): t is TaskInfoWire => t !== undefined);
      if (tasks.length === 0) continue;
      if (launch.group) channel.send({ type: 'LAUNCH_GROUP', launch_group: { task_group: { tasks } } });
      else for (const task of tasks) channel.send({ type: 'LAUNCH', launch: { task } });
    }
  }

  shutdownExecutor(executor: AgentExecutor): void {
    if (executor.state === 'TERMINATING' || executor.state === 'TERMINATED') return;
    const wasRegistering = executor.state === 'REGISTERING' || executor.state === 'LAUNCHING';
    this.move(executor, 'shutdown');
    if (wasRegistering && executor.kind === 'process') {
      void this.destroyContainers(executor);
      return;
    }
    executor.channel?.send({ type: 'SHUTDOWN' });
    executor.shutdownTimer = this.deps.clock.setTimer(this.shutdownGraceMs(executor), () => {
      void this.destroyContainers(executor).then(() => {
        if (executor.kind === 'embedded') this.executorTerminated(executor, { signal: 'SIGKILL' });
      });
    });
  }

  /** The executor's container ended (or never started): settle its tasks and tell the master. */
  private executorTerminated(executor: AgentExecutor, termination: ContainerTermination): void {
    if (executor.state === 'TERMINATED') return;
    this.move(executor, 'exited');
    executor.registrationTimer?.cancel();
    executor.shutdownTimer?.cancel();
    const destroyed = this.destroyContainers(executor);
    executor.channel?.close();
    executor.channel = undefined;
    const framework = this.frameworks.get(executor.frameworkId);
    const partitionAware = framework ? frameworkHasCapability(framework.info, 'PARTITION_AWARE') : false;
    for (const task of executor.tasks.values()) {
      if (isTerminal(task.state)) continue;
      const outcome = terminatedTaskOutcome({ killRequested: task.killRequested, isCommandExecutor: executor.isCommandExecutor, partitionAware, reason: executor.terminationReason, termination });
      this.forwardAgentUpdate(executor.frameworkId, executor, task.info.task_id.value, outcome.state, outcome.reason, outcome.message);
    }
    this.deps.master.call('EXECUTOR_EXITED', {
      executor_exited: { framework_id: { value: executor.frameworkId }, executor_id: executor.info.executor_id, status: terminationWaitStatus(termination) },
    });
    void destroyed;
    if (framework?.executors.get(executor.info.executor_id.value) === executor) {
      framework.executors.delete(executor.info.executor_id.value);
      framework.completedExecutors.push(executor);
      framework.completedExecutors.splice(0, Math.max(0, framework.completedExecutors.length - this.deps.config.max_completed_executors_per_framework));
      this.maybeRetireFramework(framework);
    }
  }

  private async destroyContainers(executor: AgentExecutor): Promise<void> {
    const ids = executor.channel instanceof EmbeddedExecutor ? executor.channel.containerIds() : [executor.containerId];
    const containerizer = this.containerizerFor(executor.info.container);
    await Promise.all(ids.map((id) => containerizer.destroy(id).catch((error: unknown) => this.log.warn({ err: error, containerId: id }, 'destroy failed'))));
  }

  private maybeRetireFramework(framework: AgentFramework): void {
    if (!framework.shuttingDown || framework.executors.size > 0) return;
    this.frameworks.delete(framework.id);
    this.completedFrameworks.push(framework);
    this.completedFrameworks.splice(0, Math.max(0, this.completedFrameworks.length - 50));
  }

  /** Records a status on its task; false when the move is not allowed (a late or repeated end). */
  private applyStatus(task: AgentTask, status: TaskStatusWire): boolean {
    if (!isTaskState(status.state)) return false;
    try {
      task.state = nextTaskState(task.state, status.state);
    } catch {
      this.log.warn({ taskId: task.info.task_id.value, from: task.state, to: status.state }, 'ignoring a status update after the task ended');
      return false;
    }
    task.statuses.push(status);
    return true;
  }

  private forwardAgentUpdate(frameworkId: string, executor: AgentExecutor | undefined, taskId: string, state: string, reason: string | undefined, message: string | undefined): void {
    const update = agentStatusUpdate({
      frameworkId, taskId, executorId: executor?.info.executor_id.value, agentId: this.id, state, nowMs: this.deps.clock.now(),
      ...(reason !== undefined ? { reason } : {}), ...(message !== undefined ? { message } : {}),
    });
    const task = executor?.tasks.get(taskId);
    if (task && !this.applyStatus(task, update.status)) return;
    if (this.frameworks.get(frameworkId)?.shuttingDown) return;
    const location = executor ? this.location(executor, taskId) : { frameworkId, executorId: taskId, containerId: 'none', taskId };
    this.updates.update(location, update).catch((error: unknown) => this.log.error({ err: error, taskId }, 'could not checkpoint a status update'));
  }

  /** The terminal update was acknowledged: the task moves to its executor's completed list. */
  private taskStreamEnded(location: UpdateStreamLocation): void {
    const framework = this.frameworks.get(location.frameworkId) ?? this.completedFrameworks.find((f) => f.id === location.frameworkId);
    if (!framework) return;
    const executor = framework.executors.get(location.executorId) ?? framework.completedExecutors.find((e) => e.containerId === location.containerId);
    const task = executor?.tasks.get(location.taskId);
    if (!executor || !task) return;
    executor.tasks.delete(location.taskId);
    executor.completedTasks.push(task);
    executor.completedTasks.splice(0, Math.max(0, executor.completedTasks.length - 200));
  }

  private findTask(frameworkId: string, taskId: string): { executor: AgentExecutor; task: AgentTask } | undefined {
    for (const executor of this.frameworks.get(frameworkId)?.executors.values() ?? []) {
      const task = executor.tasks.get(taskId);
      if (task) return { executor, task };
    }
    return undefined;
  }

  private location(executor: AgentExecutor, taskId: string): UpdateStreamLocation {
    return { frameworkId: executor.frameworkId, executorId: executor.info.executor_id.value, containerId: executor.containerId, taskId };
  }

  private move(executor: AgentExecutor, event: ExecutorEventName): void {
    if (executorAccepts(executor.state, event)) executor.state = nextExecutorState(executor.state, event);
  }

  private shutdownGraceMs(executor: AgentExecutor): number {
    return graceMs(executor.info.shutdown_grace_period ? { grace_period: executor.info.shutdown_grace_period } : undefined)
      ?? this.deps.config.executor_shutdown_grace_period;
  }

  /** Docker ContainerInfo goes to a docker backend when one is configured; anything else to the first. */
  private containerizerFor(container: Record<string, unknown> | undefined): Containerizer {
    const wanted = container?.['type'] === 'DOCKER' ? 'docker' : undefined;
    const chosen = (wanted && this.deps.containerizers.find((c) => c.name === wanted)) ?? this.deps.containerizers.find((c) => c.name !== 'docker') ?? this.deps.containerizers[0];
    if (!chosen) throw new Error('no containerizer configured');
    return chosen;
  }
}
