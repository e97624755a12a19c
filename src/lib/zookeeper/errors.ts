/**
 * ZooKeeper result codes we act on, and one error type carrying the code. The `zookeeper`
 * package rejects with plain Errors whose message starts with the code (`-110 node exists`);
 * `toZkError` recovers it so callers can branch on NODE_EXISTS or BAD_VERSION without string
 * matching of their own.
 */
export const ZkCode = {
  CONNECTION_LOSS: -4,
  OPERATION_TIMEOUT: -7,
  NO_NODE: -101,
  NO_AUTH: -102,
  BAD_VERSION: -103,
  NODE_EXISTS: -110,
  NOT_EMPTY: -111,
  SESSION_EXPIRED: -112,
  CLOSING: -116,
} as const;
export type ZkCode = (typeof ZkCode)[keyof typeof ZkCode];

export class ZkError extends Error {
  override readonly name = 'ZkError';
  constructor(readonly code: number, readonly operation: string, readonly path: string, detail: string, options?: ErrorOptions) {
    super(`zookeeper ${operation} ${path}: ${detail} (code ${code})`, options);
  }

  is(code: ZkCode): boolean {
    return this.code === code;
  }
}

/** The session is gone for good (expired, closed, or disconnected longer than its timeout). */
export class ZkSessionLostError extends Error {
  override readonly name = 'ZkSessionLostError';
}

export function isZkCode(error: unknown, code: ZkCode): boolean {
  return error instanceof ZkError && error.code === code;
}

export function toZkError(error: unknown, operation: string, path: string): Error {
  if (error instanceof ZkError || error instanceof ZkSessionLostError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const match = /^(-?\d+)\s+(.*)$/.exec(message);
  if (match?.[1] !== undefined) return new ZkError(Number(match[1]), operation, path, match[2] ?? '', { cause: error });
  return new ZkError(0, operation, path, message, { cause: error });
}
