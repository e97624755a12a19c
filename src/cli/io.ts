/**
 * What a verb may touch of the outside world, passed in so verbs run inside tests without a
 * terminal: output lines, the environment, and a way to wait for Ctrl-C / SIGTERM.
 */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Resolves with the signal name when the user asks the command to stop. */
  stopRequested(): Promise<string>;
}

/** The real process: stdout, stderr, process.env, SIGINT and SIGTERM. */
export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    stopRequested: () =>
      new Promise((resolve) => {
        const onSignal = (signal: NodeJS.Signals): void => {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
          resolve(signal);
        };
        process.on('SIGINT', onSignal);
        process.on('SIGTERM', onSignal);
      }),
  };
}
