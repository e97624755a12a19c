/**
 * Writes the agent's checkpoints under `<work_dir>/meta` (Mesos' layout, JSON instead of
 * protobuf): the agent id to keep across restarts, and the info of each framework, executor,
 * run and task, so a restarted agent can tell what it was running.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunRef, WorkDirLayout } from '../layout.ts';
import type { ExecutorInfoWire, FrameworkInfoWire, TaskInfoWire } from '../wire.ts';

/** Write to a temporary name and rename, so a crash never leaves a half-written file. */
async function writeAtomically(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, content);
  await rename(temporary, path);
}

export class MetaWriter {
  constructor(private readonly layout: WorkDirLayout) {}

  async readLatestAgentId(): Promise<string | undefined> {
    try {
      const id = (await readFile(this.layout.latestAgentFile(), 'utf8')).trim();
      return id === '' ? undefined : id;
    } catch {
      return undefined;
    }
  }

  writeLatestAgentId(agentId: string): Promise<void> {
    return writeAtomically(this.layout.latestAgentFile(), `${agentId}\n`);
  }

  writeFramework(agentId: string, info: FrameworkInfoWire): Promise<void> {
    return writeAtomically(this.layout.frameworkInfoFile(agentId, info.id?.value ?? ''), JSON.stringify(info));
  }

  writeExecutor(agentId: string, frameworkId: string, info: ExecutorInfoWire): Promise<void> {
    return writeAtomically(this.layout.executorInfoFile(agentId, frameworkId, info.executor_id.value), JSON.stringify(info));
  }

  writeTask(run: RunRef, task: TaskInfoWire): Promise<void> {
    return writeAtomically(this.layout.taskInfoFile(run, task.task_id.value), JSON.stringify(task));
  }

  writeForkedPid(run: RunRef, pid: number): Promise<void> {
    return writeAtomically(this.layout.forkedPidFile(run), `${pid}\n`);
  }
}
