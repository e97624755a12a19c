/**
 * A task's life as the master sees it: the latest state reported for it. The event is the state
 * an update (from the agent, or made by the master itself) carries.
 *
 *   STAGING ─> STARTING ─> RUNNING ─> KILLING ─┐
 *      │           │          │          │      ├─> FINISHED | FAILED | KILLED | ERROR | DROPPED
 *      └───────────┴──────────┴──────────┴──────┤   GONE | GONE_BY_OPERATOR          (final)
 *                                               └─> LOST | UNREACHABLE | UNKNOWN ─> any state
 *                                                   (the agent may come back and report the truth)
 *
 * Repeating the current state is allowed: a retried update changes nothing.
 */
import { defineMachine, type TransitionTable } from './machine.ts';

export const TASK_STATES = [
  'TASK_STAGING', 'TASK_STARTING', 'TASK_RUNNING', 'TASK_KILLING', 'TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED',
  'TASK_ERROR', 'TASK_LOST', 'TASK_DROPPED', 'TASK_UNREACHABLE', 'TASK_GONE', 'TASK_GONE_BY_OPERATOR', 'TASK_UNKNOWN',
] as const;

export type TaskState = (typeof TASK_STATES)[number];
/* Per state, Mesos' meaning:
 * STAGING: accepted by the master, on its way to the agent. STARTING: executor is starting it.
 * RUNNING: running. KILLING: kill in progress (TASK_KILLING_STATE frameworks). FINISHED/FAILED/KILLED:
 * ended by itself / with an error / by a kill. ERROR: invalid, never launched. LOST: fate unknown,
 * assumed dead. DROPPED: never reached the agent. UNREACHABLE: its agent is partitioned. GONE:
 * the agent is gone. GONE_BY_OPERATOR: an operator marked the agent gone. UNKNOWN: master never heard of it. */

const FINAL: readonly TaskState[] = ['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_ERROR', 'TASK_DROPPED', 'TASK_GONE', 'TASK_GONE_BY_OPERATOR'];
const TERMINAL: readonly TaskState[] = [...FINAL, 'TASK_LOST'];

/** Mesos' isTerminalState: resources are freed and the task moves to completed. */
export function isTerminalTaskState(state: TaskState): boolean {
  return TERMINAL.includes(state);
}

function buildTable(): TransitionTable<TaskState, TaskState> {
  const table = {} as Record<TaskState, Partial<Record<TaskState, TaskState>>>;
  for (const from of TASK_STATES) {
    const row: Partial<Record<TaskState, TaskState>> = {};
    for (const to of TASK_STATES) {
      const allowed = FINAL.includes(from)
        ? to === from
        : to !== 'TASK_STAGING' || from === 'TASK_STAGING';
      if (allowed) row[to] = to;
    }
    table[from] = row;
  }
  return table;
}

export const taskMachine = defineMachine<TaskState, TaskState>('task', buildTable());

export function isTaskState(value: string): value is TaskState {
  return (TASK_STATES as readonly string[]).includes(value);
}
