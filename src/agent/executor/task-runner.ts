/**
 * The executor's side of running command tasks, shared by the command executor (one task), the
 * default executor (task groups) and the agent's embedded runner. It decides which status
 * updates to send and when to escalate signals; starting and signalling processes are ports, so
 * the same logic drives a child process in an executor or a container straight from the agent.
 *
 * Per task: LAUNCH -> TASK_STARTING -> (process started) TASK_RUNNING -> exit 0: TASK_FINISHED,
 * other exit: TASK_FAILED, after a kill: TASK_KILLED. A kill sends SIGTERM (and TASK_KILLING when
 * the framework understands it), then SIGKILL once the kill policy's grace has passed. In a task
 * group a task ending FAILED or KILLED takes the rest of its group down (pod semantics).
 */
import type { Clock, TimerHandle } from '../../lib/clock.ts';
import type { KillPolicyWire, TaskInfoWire } from '../wire.ts';

export interface ProcessEnd {
  readonly exitCode?: number;
  readonly signal?: string;
  /** Mesos TaskStatus.Reason when the container, not the command, ended it (a memory limit). */
  readonly reason?: string;
  /** The container's own account of that end. */
  readonly message?: string;
}

export interface TaskProcess {
  readonly exited: Promise<ProcessEnd>;
  /** Signals the task's whole process group. */
  signal(signal: NodeJS.Signals): void;
}

/** What the runner asks of its host; `sendUpdate` gets the state, the host adds uuid and ids. */
export interface TaskRunnerPorts {
  readonly clock: Clock;
  startTask(task: TaskInfoWire): Promise<TaskProcess>;
  sendUpdate(update: { taskId: string; state: string; message?: string; reason?: string }): void;
  /** Every task launched so far has ended: an executor may exit now. */
  onIdle(): void;
}

export interface TaskRunnerOptions {
  /** Grace between SIGTERM and SIGKILL when neither the kill nor the task names one (Mesos: 3 s). */
  readonly defaultGraceMs?: number;
  /** Grace on SHUTDOWN: the executor must be gone within the agent's shutdown grace. */
  readonly shutdownGraceMs?: number;
  /** The framework has TASK_KILLING_STATE, so a kill is first reported as TASK_KILLING. */
  readonly killingState?: boolean;
}

interface RunningTask {
  readonly task: TaskInfoWire;
  readonly group: number;
  process?: TaskProcess;
  killRequested: boolean;
  killGraceMs: number;
  escalation?: TimerHandle;
  done: boolean;
}

const DEFAULT_GRACE_MS = 3000;

export function graceMs(policy: KillPolicyWire | undefined): number | undefined {
  const ns = policy?.grace_period?.nanoseconds;
  return typeof ns === 'number' && Number.isFinite(ns) && ns >= 0 ? ns / 1e6 : undefined;
}

/** Mesos' wording for how a command ended. */
export function describeEnd(end: ProcessEnd): string {
  if (end.message !== undefined) return end.message;
  if (end.exitCode !== undefined) return `Command exited with status ${end.exitCode}`;
  return `Command terminated with signal ${end.signal ?? 'unknown'}`;
}

export class TaskRunner {
  private readonly tasks = new Map<string, RunningTask>();
  private nextGroup = 0;
  private shuttingDown = false;
  private idle = false;

  constructor(private readonly ports: TaskRunnerPorts, private readonly options: TaskRunnerOptions = {}) {}

  /** LAUNCH: one task, alone in its group. */
  launch(task: TaskInfoWire): void {
    this.launchGroup([task]);
  }

  /** LAUNCH_GROUP: tasks that live and die together. */
  launchGroup(tasks: readonly TaskInfoWire[]): void {
    const group = this.nextGroup++;
    for (const task of tasks) {
      const taskId = task.task_id.value;
      if (this.tasks.has(taskId)) continue; // A re-delivered launch; the first one stands.
      const entry: RunningTask = { task, group, killRequested: false, killGraceMs: this.taskGrace(task), done: false };
      this.tasks.set(taskId, entry);
      this.ports.sendUpdate({ taskId, state: 'TASK_STARTING' });
      void this.start(entry);
    }
  }

  /** KILL: SIGTERM now, SIGKILL after the grace of `policy`, else of the task, else 3 s. */
  kill(taskId: string, policy?: KillPolicyWire): void {
    const entry = this.tasks.get(taskId);
    if (!entry || entry.done || entry.killRequested) return;
    entry.killRequested = true;
    entry.killGraceMs = graceMs(policy) ?? entry.killGraceMs;
    if (this.options.killingState) this.ports.sendUpdate({ taskId, state: 'TASK_KILLING' });
    if (entry.process) this.terminate(entry);
  }

  /** SHUTDOWN: kill everything within the shutdown grace. */
  shutdown(): void {
    this.shuttingDown = true;
    const cap = this.options.shutdownGraceMs;
    for (const [taskId, entry] of this.tasks) {
      if (entry.done) continue;
      if (cap !== undefined) entry.killGraceMs = Math.min(entry.killGraceMs, cap);
      this.kill(taskId);
    }
    this.checkIdle();
  }

  /** Ids of tasks that have not ended. */
  liveTasks(): string[] {
    return [...this.tasks].filter(([, e]) => !e.done).map(([id]) => id);
  }

  private taskGrace(task: TaskInfoWire): number {
    return graceMs(task.kill_policy) ?? this.options.defaultGraceMs ?? DEFAULT_GRACE_MS;
  }

  private async start(entry: RunningTask): Promise<void> {
    const taskId = entry.task.task_id.value;
    let process: TaskProcess;
    try {
      process = await this.ports.startTask(entry.task);
    } catch (error) {
      const message = `Failed to launch the task: ${(error as Error).message}`;
      if (entry.killRequested) this.finish(entry, 'TASK_KILLED', message);
      else this.finish(entry, 'TASK_FAILED', message, 'REASON_CONTAINER_LAUNCH_FAILED');
      return;
    }
    entry.process = process;
    if (entry.killRequested) this.terminate(entry);
    else this.ports.sendUpdate({ taskId, state: 'TASK_RUNNING' });
    const end = await process.exited;
    entry.escalation?.cancel();
    if (entry.killRequested) this.finish(entry, 'TASK_KILLED', describeEnd(end));
    // A container limitation fails the task even when its command happened to exit 0.
    else if (end.reason !== undefined) this.finish(entry, 'TASK_FAILED', describeEnd(end), end.reason);
    else this.finish(entry, end.exitCode === 0 ? 'TASK_FINISHED' : 'TASK_FAILED', describeEnd(end));
  }

  private terminate(entry: RunningTask): void {
    entry.process?.signal('SIGTERM');
    entry.escalation = this.ports.clock.setTimer(entry.killGraceMs, () => entry.process?.signal('SIGKILL'));
  }

  private finish(entry: RunningTask, state: 'TASK_FINISHED' | 'TASK_FAILED' | 'TASK_KILLED', message: string, reason?: string): void {
    entry.done = true;
    this.ports.sendUpdate({ taskId: entry.task.task_id.value, state, message, ...(reason !== undefined ? { reason } : {}) });
    if (state !== 'TASK_FINISHED') {
      for (const [otherId, other] of this.tasks) {
        if (other.group === entry.group && !other.done) this.kill(otherId);
      }
    }
    this.checkIdle();
  }

  private checkIdle(): void {
    if (this.idle || !(this.tasks.size > 0 || this.shuttingDown)) return;
    if ([...this.tasks.values()].some((e) => !e.done)) return;
    this.idle = true;
    this.ports.onIdle();
  }
}
