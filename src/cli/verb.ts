/** One `mesos <verb>`: its help and its run function, which returns the exit code. */
import type { CliIo } from './io.ts';

export interface Verb {
  readonly name: string;
  /** One line for `mesos help`. */
  readonly summary: string;
  /** Full help for `mesos help <verb>` / `mesos <verb> --help`. */
  readonly help: string;
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

/** Exit codes: 0 success, 1 the work failed, 2 the command line was wrong (as getopt tools do). */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
