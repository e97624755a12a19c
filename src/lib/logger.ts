/**
 * Structured JSON logs (pino). The composition root makes one root logger; components take a
 * child with their name, units of work a child with their ids (framework, agent, task).
 */
import { pino } from 'pino';

export type Logger = pino.Logger;

export interface LoggerOptions {
  readonly level?: string;
  readonly name?: string;
  /** Where lines go; defaults to stderr so stdout stays free for command output. */
  readonly destination?: NodeJS.WritableStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    { level: options.level ?? 'info', name: options.name, base: { pid: process.pid } },
    options.destination ?? pino.destination({ fd: 2, sync: false }),
  );
}

/** A logger that drops everything, for tests and benchmarks. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
