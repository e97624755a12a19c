/**
 * Where things live under `--work_dir`, following Mesos' `src/slave/paths.hpp`:
 * sandboxes under `slaves/`, checkpoints under `meta/slaves/`. Pure path arithmetic.
 */
import { join } from 'node:path';

export interface RunRef {
  readonly agentId: string;
  readonly frameworkId: string;
  readonly executorId: string;
  readonly containerId: string;
}

/** Ids become path segments; anything that could climb out of the layout is escaped. */
function segment(id: string): string {
  if (id === '' || id === '.' || id === '..' || /[/\0]/.test(id)) return encodeURIComponent(id === '' ? '_' : id).replace(/\./g, '%2E');
  return id;
}

export class WorkDirLayout {
  constructor(readonly workDir: string) {}

  executorRunsDir(agentId: string, frameworkId: string, executorId: string): string {
    return join(this.workDir, 'slaves', segment(agentId), 'frameworks', segment(frameworkId), 'executors', segment(executorId), 'runs');
  }

  /** `<work_dir>/slaves/<aid>/frameworks/<fid>/executors/<eid>/runs/<cid>`: the executor's sandbox. */
  sandbox(run: RunRef): string {
    return join(this.executorRunsDir(run.agentId, run.frameworkId, run.executorId), segment(run.containerId));
  }

  metaDir(): string {
    return join(this.workDir, 'meta');
  }

  /** `meta/slaves/latest` names the agent id to keep across restarts. */
  latestAgentFile(): string {
    return join(this.workDir, 'meta', 'slaves', 'latest');
  }

  agentMetaDir(agentId: string): string {
    return join(this.workDir, 'meta', 'slaves', segment(agentId));
  }

  agentInfoFile(agentId: string): string {
    return join(this.agentMetaDir(agentId), 'slave.info');
  }

  frameworkMetaDir(agentId: string, frameworkId: string): string {
    return join(this.agentMetaDir(agentId), 'frameworks', segment(frameworkId));
  }

  frameworkInfoFile(agentId: string, frameworkId: string): string {
    return join(this.frameworkMetaDir(agentId, frameworkId), 'framework.info');
  }

  executorMetaDir(agentId: string, frameworkId: string, executorId: string): string {
    return join(this.frameworkMetaDir(agentId, frameworkId), 'executors', segment(executorId));
  }

  executorInfoFile(agentId: string, frameworkId: string, executorId: string): string {
    return join(this.executorMetaDir(agentId, frameworkId, executorId), 'executor.info');
  }

  runMetaDir(run: RunRef): string {
    return join(this.executorMetaDir(run.agentId, run.frameworkId, run.executorId), 'runs', segment(run.containerId));
  }

  forkedPidFile(run: RunRef): string {
    return join(this.runMetaDir(run), 'pids', 'forked.pid');
  }

  taskMetaDir(run: RunRef, taskId: string): string {
    return join(this.runMetaDir(run), 'tasks', segment(taskId));
  }

  taskInfoFile(run: RunRef, taskId: string): string {
    return join(this.taskMetaDir(run, taskId), 'task.info');
  }

  /** JSON lines, one CheckpointRecord each (Mesos writes length-prefixed protobufs here). */
  taskUpdatesFile(run: RunRef, taskId: string): string {
    return join(this.taskMetaDir(run, taskId), 'task.updates');
  }
}
