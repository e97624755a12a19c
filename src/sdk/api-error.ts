/**
 * A call the master or agent refused. Carries the HTTP status and the body Mesos sent, which is
 * a plain-text reason such as "Framework cannot be found", so callers can show it as is.
 */
export class MesosApiError extends Error {
  override readonly name = 'MesosApiError';
  constructor(
    readonly status: number,
    readonly mesosMessage: string,
    readonly call: string,
    options?: ErrorOptions,
  ) {
    super(`${call} failed with HTTP ${status}${mesosMessage ? `: ${mesosMessage}` : ''}`, options);
  }

  /** 307 without a usable Location, 503 "No leader elected" or "not finished recovery": try again later. */
  get retryable(): boolean {
    return this.status === 503 || this.status === 307 || this.status >= 500;
  }
}

/** The connection itself failed (refused, reset, timed out) before any HTTP status arrived. */
export class ConnectionError extends Error {
  override readonly name = 'ConnectionError';
  constructor(readonly url: string, options?: ErrorOptions) {
    const cause = options?.cause instanceof Error ? `: ${options.cause.message}` : '';
    super(`could not reach ${url}${cause}`, options);
  }
}
