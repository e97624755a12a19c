/**
 * The checkpoint store on disk: one JSON-lines `task.updates` file per task, in the run's meta
 * directory. Appends are written to the file before the promise resolves (the OS may still hold
 * them in its cache: a power loss can drop the tail; an agent crash cannot).
 *
 * Writes stay asynchronous (in libuv's thread pool): creating the deep meta directories is a
 * journaled metadata operation that can take milliseconds on a busy disk, and blocking the event
 * loop on it would stall every other task's launch.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WorkDirLayout } from '../layout.ts';
import type { CheckpointRecord, UpdateCheckpointStore, UpdateStreamLocation } from './ports.ts';

export class FileUpdateStore implements UpdateCheckpointStore {
  private readonly madeDirs = new Set<string>();

  constructor(private readonly layout: WorkDirLayout, private readonly agentId: () => string) {}

  private file(location: UpdateStreamLocation): string {
    return this.layout.taskUpdatesFile({ agentId: this.agentId(), ...location }, location.taskId);
  }

  async append(location: UpdateStreamLocation, record: CheckpointRecord): Promise<void> {
    const file = this.file(location);
    const dir = dirname(file);
    if (!this.madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    await appendFile(file, `${JSON.stringify(record)}\n`);
  }

  /** Reads a stream back; a torn last line (crash mid-write) is dropped. */
  async load(location: UpdateStreamLocation): Promise<CheckpointRecord[]> {
    let text: string;
    try {
      text = await readFile(this.file(location), 'utf8');
    } catch {
      return [];
    }
    const records: CheckpointRecord[] = [];
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      try {
        records.push(JSON.parse(line) as CheckpointRecord);
      } catch {
        break;
      }
    }
    return records;
  }
}
