/**
 * Dispatches `mesos <verb> ...` and turns failures into exit codes: a bad flag prints one line
 * naming it and exits 2; a refused or failed operation prints its reason and exits 1.
 */
import { ConfigError } from '../lib/errors.ts';
import { ConnectionError, MesosApiError } from '../sdk/index.ts';
import type { CliIo } from './io.ts';
import { ExitCode } from './verb.ts';
import type { Verb } from './verb.ts';

export async function runCli(argv: readonly string[], verbs: readonly Verb[], io: CliIo): Promise<number> {
  const [first, ...rest] = argv;
  const help = verbs.find((v) => v.name === 'help');
  if (first === undefined || first === '--help' || first === '-h') {
    return help ? help.run([], io) : ExitCode.usage;
  }
  const verb = verbs.find((v) => v.name === first);
  if (!verb) {
    io.err(`mesos: unknown verb '${first}'; run 'mesos help' for the list`);
    return ExitCode.usage;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(verb.help);
    return ExitCode.ok;
  }
  try {
    return await verb.run(rest, io);
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(`mesos ${verb.name}: ${err.message}`);
      return ExitCode.usage;
    }
    if (err instanceof MesosApiError || err instanceof ConnectionError) {
      io.err(`mesos ${verb.name}: ${err.message}`);
      return ExitCode.failed;
    }
    // System errors (EADDRINUSE, EACCES, ENOENT) explain themselves; anything else is a bug: show the stack.
    const systemError = err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string';
    io.err(`mesos ${verb.name}: ${err instanceof Error ? (systemError ? err.message : (err.stack ?? err.message)) : String(err)}`);
    return ExitCode.failed;
  }
}
