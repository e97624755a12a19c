/**
 * Everything the master knows, in one place, with the id counters that give Mesos-shaped ids.
 * Lookups only; the rules live in the handler modules beside this file.
 */
import { agentIdFor, frameworkIdFor, offerIdFor } from '../../lib/ids.ts';
import type { AgentRecord, FrameworkRecord, OfferRecord, TaskRecord } from './model.ts';

export class MasterRegistry {
  readonly frameworks = new Map<string, FrameworkRecord>();
  /** Removed frameworks, newest last, capped by --max_completed_frameworks. */
  readonly completedFrameworks: FrameworkRecord[] = [];
  readonly agents = new Map<string, AgentRecord>();
  readonly offers = new Map<string, OfferRecord>();
  private frameworkCount = 0;
  private agentCount = 0;
  private offerCount = 0;

  constructor(readonly masterId: string) {}

  nextFrameworkId(): string {
    return frameworkIdFor(this.masterId, this.frameworkCount++);
  }

  nextAgentId(): string {
    return agentIdFor(this.masterId, this.agentCount++);
  }

  nextOfferId(): string {
    return offerIdFor(this.masterId, this.offerCount++);
  }

  isRemovedFramework(id: string): boolean {
    return this.completedFrameworks.some((f) => f.id === id);
  }

  findTask(frameworkId: string, taskId: string): TaskRecord | undefined {
    return this.frameworks.get(frameworkId)?.tasks.get(taskId);
  }

  /** All tasks on one agent, across frameworks. */
  tasksOnAgent(agentId: string): TaskRecord[] {
    const agent = this.agents.get(agentId);
    if (!agent) return [];
    const tasks: TaskRecord[] = [];
    for (const key of agent.tasks) {
      const slash = key.indexOf('/');
      const task = this.findTask(key.slice(0, slash), key.slice(slash + 1));
      if (task) tasks.push(task);
    }
    return tasks;
  }
}
