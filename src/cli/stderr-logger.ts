/**
 * Shows an SDK client's warnings to the person at the terminal ("stream failed; re-subscribing"),
 * so a command waiting on a vanished master says why instead of hanging silently.
 */
import type { SdkLogger } from '../sdk/index.ts';
import type { CliIo } from './io.ts';

export function terminalLogger(io: CliIo, prefix: string): SdkLogger {
  const show = (fields: Record<string, unknown>, message: string): void => {
    const detail = typeof fields.err === 'string' ? `: ${fields.err}` : '';
    io.err(`${prefix}: ${message}${detail}`);
  };
  const ignore = (): void => {};
  return { debug: ignore, info: ignore, warn: show, error: show };
}
