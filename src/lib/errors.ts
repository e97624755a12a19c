/**
 * Typed errors. Each carries what a caller needs to answer well: the field at fault for bad
 * input, an HTTP status for the API layer, and a `cause` for the log.
 */

/** One problem with one field of some input, e.g. `{path: 'task_infos[0].resources', message: ...}`. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

export function formatProblems(problems: readonly FieldProblem[]): string {
  return problems.map((p) => (p.path ? `'${p.path}': ${p.message}` : p.message)).join('; ');
}

/** Input that failed validation; lists every problem found, not only the first. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly problems: readonly FieldProblem[], options?: ErrorOptions) {
    super(formatProblems(problems), options);
  }

  static of(path: string, message: string): ValidationError {
    return new ValidationError([{ path, message }]);
  }
}

/**
 * An error meant for an API client: `status` is the HTTP code, `message` is safe to show.
 * Anything else thrown inside a handler is answered 500 without its message.
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(readonly status: number, message: string, readonly headers: Readonly<Record<string, string>> = {}, options?: ErrorOptions) {
    super(message, options);
  }
}

/** Bad configuration: stops start-up with one line naming the flag. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly flag: string, message: string, options?: ErrorOptions) {
    super(`--${flag}: ${message}`, options);
  }
}

/** A state machine was asked to make a move it does not allow. */
export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError';
  constructor(readonly machine: string, readonly from: string, readonly event: string) {
    super(`${machine}: no transition from '${from}' on '${event}'`);
  }
}

/** Exhaustiveness check for switches over unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`);
}
