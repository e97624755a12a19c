/**
 * A task as the agent sees it: the latest state its executor (or the agent) reported.
 *
 *   STAGING ──> STARTING ──> RUNNING ──> KILLING
 *      │            │           │           │
 *      └────────────┴─────┬─────┴───────────┘
 *                         v
 *      terminal: FINISHED | FAILED | KILLED | ERROR | LOST | DROPPED | GONE
 *
 * Any non-terminal state may end; a terminal state never moves again, and no state goes back.
 * A repeated report of the current state (e.g. a second RUNNING with health info) is allowed.
 */
import { IllegalTransitionError } from '../../lib/errors.ts';

export const TaskStates = [
  'TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING',
  'TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_ERROR', 'TASK_LOST', 'TASK_DROPPED', 'TASK_GONE',
] as const;
export type TaskState = (typeof TaskStates)[number];

const TERMINAL: ReadonlySet<string> = new Set(['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_ERROR', 'TASK_LOST', 'TASK_DROPPED', 'TASK_GONE']);

export function isTerminal(state: string): boolean {
  return TERMINAL.has(state);
}

export function isTaskState(value: unknown): value is TaskState {
  return typeof value === 'string' && (TaskStates as readonly string[]).includes(value);
}

/** Order of the live states; a report may stay or move forward, never back. */
const RANK: Readonly<Record<string, number>> = { TASK_STAGING: 0, TASK_STARTING: 1, TASK_RUNNING: 2, TASK_KILLING: 3 };

/** The state after a report of `to`; throws IllegalTransitionError for a move the table forbids. */
export function nextTaskState(from: TaskState, to: TaskState): TaskState {
  if (isTerminal(from)) throw new IllegalTransitionError('task', from, to);
  if (isTerminal(to)) return to;
  if ((RANK[to] ?? -1) < (RANK[from] ?? 0)) throw new IllegalTransitionError('task', from, to);
  return to;
}
