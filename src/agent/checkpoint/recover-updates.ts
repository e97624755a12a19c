/**
 * Finds the status update streams a previous run of the agent checkpointed
 * (`meta/slaves/<aid>/frameworks/<fid>/executors/<eid>/runs/<cid>/tasks/<tid>/task.updates`),
 * so that updates it had not got acknowledged are sent again after a restart.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkDirLayout } from '../layout.ts';
import type { FileUpdateStore } from '../status-updates/file-store.ts';
import type { CheckpointRecord, UpdateStreamLocation } from '../status-updates/ports.ts';

export interface RecoveredStream {
  readonly location: UpdateStreamLocation;
  readonly records: CheckpointRecord[];
}

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

export async function recoverUpdateStreams(layout: WorkDirLayout, store: FileUpdateStore, agentId: string): Promise<RecoveredStream[]> {
  const streams: RecoveredStream[] = [];
  const frameworksDir = join(layout.agentMetaDir(agentId), 'frameworks');
  for (const frameworkId of await entries(frameworksDir)) {
    const executorsDir = join(frameworksDir, frameworkId, 'executors');
    for (const executorId of await entries(executorsDir)) {
      const runsDir = join(executorsDir, executorId, 'runs');
      for (const containerId of await entries(runsDir)) {
        for (const taskId of await entries(join(runsDir, containerId, 'tasks'))) {
          const location = { frameworkId, executorId, containerId, taskId };
          const records = await store.load(location);
          if (records.length > 0) streams.push({ location, records });
        }
      }
    }
  }
  return streams;
}
