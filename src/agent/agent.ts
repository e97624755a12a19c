/**
 * The agent core: what the agent runs and what it tells the master. Master events (run, kill,
 * acknowledge, shutdown) and executor calls (subscribe, update, message) come in; containers,
 * executor events and master calls go out through ports. State changes are synchronous; after an
 * await, records are looked up again because the framework or executor may be gone.
 */
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Containerizer } from '../isolation/containerizer.ts';
import type { RunCheckpointer } from './checkpoint/run-checkpointer.ts';
import type { AgentConfig } from './config.ts';
import { ExecutorLifecycle } from './executor-lifecycle.ts';
import { commandExecutorInfo } from './executor-launch.ts';
import type { WorkDirLayout } from './layout.ts';
import type { AgentExecutor, AgentFramework, AgentTask, ExecutorChannel, MasterCalls } from './model.ts';
import type { MasterEvent } from './parse.ts';
import { executorAccepts } from './state/executor-state.ts';
import { isTaskState, isTerminal, nextTaskState } from './state/task-state.ts';
import { agentStatusUpdate } from './status-factory.ts';
import { StatusUpdateManager } from './status-updates/manager.ts';
import type { CheckpointRecord, UpdateCheckpointStore, UpdateStreamLocation } from './status-updates/ports.ts';
import type { AgentInfoWire, CommandInfoWire, ExecutorInfoWire, FrameworkInfoWire, KillPolicyWire, TaskInfoWire, TaskStatusWire } from './wire.ts';

export interface AgentCoreDeps {
  readonly config: AgentConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly layout: WorkDirLayout;
  readonly checkpoints: RunCheckpointer;
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

const MAX_COMPLETED_FRAMEWORKS = 50;
const MAX_COMPLETED_TASKS_PER_EXECUTOR = 200;

function taskKey(frameworkId: string, taskId: string): string {
  return `${frameworkId}\u0000${taskId}`;
}

export class Agent {
  readonly frameworks = new Map<string, AgentFramework>();
  readonly completedFrameworks: AgentFramework[] = [];
  readonly updates: StatusUpdateManager;
  readonly startTime: number;
  private id = '';
  private readonly log: Logger;
  private readonly executors: ExecutorLifecycle;
  /** Which executor holds each live task, so lookups do not walk every executor. */
  private readonly taskIndex = new Map<string, AgentExecutor>();

  constructor(private readonly deps: AgentCoreDeps) {
    this.log = deps.logger.child({ component: 'agent' });
    this.startTime = deps.clock.now();
    this.updates = new StatusUpdateManager({
      store: deps.updateStore,
      clock: deps.clock,
      sender: { send: (update) => deps.master.call('STATUS_UPDATE', { status_update: update }) },
      onStreamEnded: (location) => this.taskStreamEnded(location),
    });
    this.executors = new ExecutorLifecycle({
      ...deps,
      agentId: () => this.id,
      framework: (frameworkId) => this.frameworks.get(frameworkId),
      deliverUpdate: (frameworkId, executorId, status) => this.executorUpdate(frameworkId, executorId, status),
      settleTask: (executor, taskId, outcome) => this.forwardAgentUpdate(executor.frameworkId, executor, taskId, outcome.state, outcome.reason, outcome.message),
      executorCompleted: (framework) => this.maybeRetireFramework(framework),
    });
  }

  agentId(): string {
    return this.id;
  }

  setAgentId(agentId: string): void {
    if (this.id === agentId) return;
    this.id = agentId;
    this.deps.checkpoints.agentId(agentId);
  }

  /** Applies one event from the master's stream; the link handles SUBSCRIBED, PING and the like. */
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
        if (executor) this.executors.shutdown(executor);
        return;
      }
      case 'SHUTDOWN_FRAMEWORK': return this.shutdownFramework(event.frameworkId);
      case 'FRAMEWORK_MESSAGE':
        this.frameworks.get(event.frameworkId)?.executors.get(event.executorId)?.channel?.send({ type: 'MESSAGE', message: { data: event.data } });
        return;
      default:
        return;
    }
  }

  runTask(frameworkInfo: FrameworkInfoWire, task: TaskInfoWire): void {
    const frameworkId = frameworkInfo.id?.value ?? '';
    const hasCommand = task.command !== undefined && task.command !== null;
    const hasExecutor = task.executor !== undefined && task.executor !== null;
    if (hasCommand === hasExecutor) {
      this.forwardAgentUpdate(frameworkId, undefined, task.task_id.value, 'TASK_ERROR', 'REASON_TASK_INVALID', 'Task must set exactly one of command and executor');
      return;
    }
    const framework = this.ensureFramework(frameworkInfo);
    const executorInfo = task.executor ? { ...task.executor, framework_id: { value: frameworkId } } : commandExecutorInfo(task, frameworkId);
    this.launchTasks(framework, executorInfo, [task], false, !hasExecutor);
  }

  runTaskGroup(frameworkInfo: FrameworkInfoWire, executorInfo: ExecutorInfoWire, tasks: readonly TaskInfoWire[]): void {
    const framework = this.ensureFramework(frameworkInfo);
    const info: ExecutorInfoWire = { ...executorInfo, type: executorInfo.type ?? 'DEFAULT', framework_id: { value: framework.id } };
    this.launchTasks(framework, info, tasks, true, false);
  }

  killTask(frameworkId: string, taskId: string, killPolicy: KillPolicyWire | undefined): void {
    const found = this.findTask(frameworkId, taskId);
    if (!found) {
      this.forwardAgentUpdate(frameworkId, undefined, taskId, 'TASK_LOST', 'REASON_TASK_UNKNOWN', 'Cannot kill a task the agent does not know');
      return;
    }
    const { executor, task } = found;
    if (isTerminal(task.state) || task.killRequested) return;
    task.killRequested = true;
    const queued = executor.queued.find((q) => q.taskIds.includes(taskId));
    if (queued) {
      // Never handed to the executor: the agent ends it, and the executor if it has nothing else.
      queued.taskIds.splice(queued.taskIds.indexOf(taskId), 1);
      this.forwardAgentUpdate(frameworkId, executor, taskId, 'TASK_KILLED', 'REASON_TASK_KILLED_DURING_LAUNCH', 'Killed before the executor started it');
      if ([...executor.tasks.values()].every((t) => isTerminal(t.state))) this.executors.shutdown(executor);
      return;
    }
    executor.channel?.send({ type: 'KILL', kill: { task_id: { value: taskId }, ...(killPolicy ? { kill_policy: killPolicy } : {}) } });
  }

  shutdownFramework(frameworkId: string): void {
    const framework = this.frameworks.get(frameworkId);
    if (!framework) return;
    framework.shuttingDown = true;
    this.updates.dropFramework(frameworkId);
    for (const executor of framework.executors.values()) this.executors.shutdown(executor);
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
    executor.channel?.close();
    executor.channel = channel;
    channel.send({
      type: 'SUBSCRIBED',
      subscribed: { executor_info: executor.info, framework_info: framework.info, agent_info: this.deps.agentInfo(), container_id: { value: executor.containerId } },
    });
    if (executor.state === 'TERMINATING') channel.send({ type: 'SHUTDOWN' });
    else this.executors.subscribed(executor);
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
   * ACKNOWLEDGED. Rejects (a 400 for the API) when the task is not this executor's.
   */
  executorUpdate(frameworkId: string, executorId: string, status: TaskStatusWire): Promise<void> {
    const framework = this.frameworks.get(frameworkId);
    const executor = framework?.executors.get(executorId);
    const task = executor?.tasks.get(status.task_id.value);
    if (!framework || !executor || !task) {
      return Promise.reject(new Error(`Task '${status.task_id.value}' of executor '${executorId}' is not known to this agent`));
    }
    const enriched: TaskStatusWire = {
      ...status, agent_id: { value: this.id }, executor_id: { value: executorId }, timestamp: status.timestamp ?? this.deps.clock.now() / 1000,
    };
    const ack = (): void => executor.channel?.send({ type: 'ACKNOWLEDGED', acknowledged: { task_id: status.task_id, uuid: status.uuid ?? '' } });
    if (!this.applyStatus(task, enriched) || framework.shuttingDown) {
      ack();
      return Promise.resolve();
    }
    // Called synchronously so that updates keep the order the executor sent them in.
    return this.updates.update(this.location(executor, task.info.task_id.value), { framework_id: { value: frameworkId }, status: enriched }).then(ack);
  }

  executorMessage(frameworkId: string, executorId: string, data: string): void {
    this.deps.master.call('FRAMEWORK_MESSAGE', { framework_message: { framework_id: { value: frameworkId }, executor_id: { value: executorId }, data } });
  }

  /**
   * Replays a status update stream a previous run checkpointed. Its container did not survive
   * the restart (executors are not re-adopted yet), so a task the stream leaves unfinished is
   * ended TASK_LOST with REASON_AGENT_RESTARTED, queued behind its unacknowledged updates.
   */
  recoverUpdateStream(location: UpdateStreamLocation, records: readonly CheckpointRecord[]): void {
    this.updates.recover(location, records);
    const updates = records.flatMap((r) => (r.type === 'UPDATE' ? [r.update] : []));
    const last = updates.at(-1);
    if (!last || isTerminal(last.status.state)) return;
    const update = agentStatusUpdate({
      frameworkId: location.frameworkId, taskId: location.taskId, executorId: location.executorId, agentId: this.id,
      state: 'TASK_LOST', reason: 'REASON_AGENT_RESTARTED', message: 'The agent restarted and its executor did not survive', nowMs: this.deps.clock.now(),
    });
    this.updates.update(location, update).catch((error: unknown) => this.log.error({ err: error, taskId: location.taskId }, 'could not checkpoint a status update'));
  }

  /** Ends every executor and forgets timers; used when the agent process stops. */
  async stop(): Promise<void> {
    this.updates.stop();
    await this.executors.stopAll([...this.frameworks.values()].flatMap((f) => [...f.executors.values()]));
  }

  // ---- internals ----

  private ensureFramework(info: FrameworkInfoWire): AgentFramework {
    const frameworkId = info.id?.value ?? '';
    let framework = this.frameworks.get(frameworkId);
    if (!framework) {
      framework = { id: frameworkId, info, executors: new Map(), completedExecutors: [], shuttingDown: false };
      this.frameworks.set(frameworkId, framework);
    } else {
      framework.shuttingDown = false;
      if (JSON.stringify(framework.info) === JSON.stringify(info)) return framework; // Checkpointed already.
      framework.info = info;
    }
    this.deps.checkpoints.framework(this.id, info);
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
    executor ??= this.executors.create(framework, info, isCommandExecutor);
    for (const task of fresh) {
      const taskInfo = { ...task, agent_id: { value: this.id } };
      executor.tasks.set(task.task_id.value, { info: taskInfo, frameworkId: framework.id, executorId, state: 'TASK_STAGING', statuses: [], killRequested: false });
      this.taskIndex.set(taskKey(framework.id, task.task_id.value), executor);
      this.deps.checkpoints.task({ agentId: this.id, frameworkId: framework.id, executorId, containerId: executor.containerId }, framework.info, taskInfo);
    }
    executor.queued.push({ group, taskIds: fresh.map((t) => t.task_id.value) });
    if (executor.state === 'RUNNING') this.executors.flushQueued(executor);
  }

  private maybeRetireFramework(framework: AgentFramework): void {
    if (!framework.shuttingDown || framework.executors.size > 0) return;
    this.frameworks.delete(framework.id);
    for (const executor of framework.completedExecutors) {
      for (const taskId of executor.tasks.keys()) this.taskIndex.delete(taskKey(framework.id, taskId));
    }
    this.completedFrameworks.push(framework);
    this.completedFrameworks.splice(0, Math.max(0, this.completedFrameworks.length - MAX_COMPLETED_FRAMEWORKS));
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
    const executor = this.taskIndex.get(taskKey(location.frameworkId, location.taskId));
    const task = executor?.tasks.get(location.taskId);
    if (!executor || !task || executor.containerId !== location.containerId) return;
    this.taskIndex.delete(taskKey(location.frameworkId, location.taskId));
    executor.tasks.delete(location.taskId);
    executor.completedTasks.push(task);
    executor.completedTasks.splice(0, Math.max(0, executor.completedTasks.length - MAX_COMPLETED_TASKS_PER_EXECUTOR));
  }

  /** A task the agent still holds (live, or ended and awaiting the acknowledgement of its end). */
  private findTask(frameworkId: string, taskId: string): { executor: AgentExecutor; task: AgentTask } | undefined {
    const executor = this.taskIndex.get(taskKey(frameworkId, taskId));
    const task = executor?.tasks.get(taskId);
    return executor && task ? { executor, task } : undefined;
  }

  private location(executor: AgentExecutor, taskId: string): UpdateStreamLocation {
    return { frameworkId: executor.frameworkId, executorId: executor.info.executor_id.value, containerId: executor.containerId, taskId };
  }
}
