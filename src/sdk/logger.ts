/**
 * The logging the SDK needs: structured fields plus a message, pino's argument order, so a pino
 * logger can be passed straight in. The default drops everything; a library should not print.
 */
export interface SdkLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

const ignore = (): void => {};

export const silentLogger: SdkLogger = { debug: ignore, info: ignore, warn: ignore, error: ignore };
