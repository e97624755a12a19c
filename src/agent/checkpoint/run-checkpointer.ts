/**
 * Decides what of a run is checkpointed, as Mesos does: framework, executor and task infos and
 * the executor's pid only for frameworks with `checkpoint: true` (what recovery needs), and
 * failures logged rather than thrown (a lost info file must not fail a launch). Status updates are
 * checkpointed separately and always (status-updates/file-store.ts).
 */
import type { Logger } from '../../lib/logger.ts';
import type { RunRef } from '../layout.ts';
import type { ExecutorInfoWire, FrameworkInfoWire, TaskInfoWire } from '../wire.ts';
import type { MetaWriter } from './meta-writer.ts';

export class RunCheckpointer {
  constructor(private readonly meta: MetaWriter, private readonly logger: Logger) {}

  private run(what: string, framework: FrameworkInfoWire, write: () => Promise<void>): void {
    if (framework.checkpoint !== true) return;
    write().catch((error: unknown) => this.logger.error({ err: error, what }, 'checkpoint write failed'));
  }

  agentId(agentId: string): void {
    this.meta.writeLatestAgentId(agentId).catch((error: unknown) => this.logger.error({ err: error }, 'could not checkpoint the agent id'));
  }

  framework(agentId: string, info: FrameworkInfoWire): void {
    this.run('framework.info', info, () => this.meta.writeFramework(agentId, info));
  }

  executor(agentId: string, framework: FrameworkInfoWire, info: ExecutorInfoWire): void {
    this.run('executor.info', framework, () => this.meta.writeExecutor(agentId, framework.id?.value ?? '', info));
  }

  task(run: RunRef, framework: FrameworkInfoWire, info: TaskInfoWire): void {
    this.run('task.info', framework, () => this.meta.writeTask(run, info));
  }

  forkedPid(run: RunRef, framework: FrameworkInfoWire, pid: number): void {
    this.run('forked.pid', framework, () => this.meta.writeForkedPid(run, pid));
  }
}
