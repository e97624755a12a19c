/** A CliIo for tests: collects output lines and lets the test play Ctrl-C. */
import type { CliIo } from './io.ts';

export interface RecordingIo extends CliIo {
  readonly stdout: string[];
  readonly stderr: string[];
  /** Resolves every pending stopRequested() as if the signal arrived. */
  stop(signal?: string): void;
}

export function recordingIo(env: Record<string, string | undefined> = {}): RecordingIo {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: ((signal: string) => void)[] = [];
  return {
    stdout,
    stderr,
    env,
    out: (line) => stdout.push(...line.split('\n')),
    err: (line) => stderr.push(...line.split('\n')),
    stopRequested: () => new Promise((resolve) => waiters.push(resolve)),
    stop: (signal = 'SIGTERM') => waiters.splice(0).forEach((w) => w(signal)),
  };
}
