/** How `mesos execute` prints a status update, after mesos-execute's own wording. */
import type { TaskStatus } from '../../sdk/index.ts';

/** Mesos' terminal states; TASK_LOST counts, as the task is not coming back for this run. */
const TERMINAL = new Set(['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_LOST', 'TASK_ERROR', 'TASK_DROPPED', 'TASK_GONE', 'TASK_GONE_BY_OPERATOR']);

export function isTerminal(state: string): boolean {
  return TERMINAL.has(state);
}

export function statusLines(status: TaskStatus): string[] {
  const lines = [`Received status update ${status.state} for task '${status.task_id.value}'`];
  if (status.source) lines.push(`  source: ${status.source}`);
  if (status.reason) lines.push(`  reason: ${status.reason}`);
  if (status.message) lines.push(`  message: '${status.message}'`);
  return lines;
}
