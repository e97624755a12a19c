/**
 * The shared shape of the master's state machines: a table from state to the events it accepts
 * and where each leads. Each machine file declares its table and a diagram; this applies it.
 */
import { IllegalTransitionError } from '../../lib/errors.ts';

export type TransitionTable<S extends string, E extends string> = Readonly<Record<S, Partial<Readonly<Record<E, S>>>>>;

export interface StateMachine<S extends string, E extends string> {
  readonly name: string;
  readonly table: TransitionTable<S, E>;
  /** The state `event` leads to from `from`; throws IllegalTransitionError if not allowed. */
  transition(from: S, event: E): S;
  /** Whether `event` is allowed in `from`. */
  can(from: S, event: E): boolean;
}

export function defineMachine<S extends string, E extends string>(name: string, table: TransitionTable<S, E>): StateMachine<S, E> {
  return {
    name,
    table,
    transition(from, event) {
      const to = table[from][event];
      if (to === undefined) throw new IllegalTransitionError(name, from, event);
      return to;
    },
    can: (from, event) => table[from][event] !== undefined,
  };
}
