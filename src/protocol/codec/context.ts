/**
 * What every decoder shares: the result and problem types, the limits that bound hostile
 * input, and the context that tracks the current path so a problem can name its field.
 */

/** One thing wrong with the input; structurally a lib/errors FieldProblem. */
export interface Problem {
  readonly path: string;
  readonly message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

export interface DecodeOptions {
  /** Messages nested deeper than this are rejected (default 64). */
  readonly maxDepth?: number;
  /** Longest string or bytes field, in characters (default 4 MiB). */
  readonly maxStringLength?: number;
  /** Most elements in one repeated field or entries in one map (default 100,000). */
  readonly maxArrayLength?: number;
  /** Decoding stops after this many problems (default 100). */
  readonly maxProblems?: number;
}

export const DEFAULT_DECODE_LIMITS: Required<DecodeOptions> = Object.freeze({
  maxDepth: 64,
  maxStringLength: 4 * 1024 * 1024,
  maxArrayLength: 100_000,
  maxProblems: 100,
});

/** Returned by value decoders when nothing should be stored (a problem, or a dropped enum). */
export const SKIP: unique symbol = Symbol('skip');

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class DecodeContext {
  readonly problems: Problem[] = [];
  /** Path segments from the root to the value being decoded: field names, map keys, indexes. */
  readonly stack: (string | number)[] = [];
  depth = 0;
  stopped = false;
  readonly maxDepth: number;
  readonly maxStringLength: number;
  readonly maxArrayLength: number;
  readonly maxProblems: number;

  constructor(options: DecodeOptions) {
    this.maxDepth = options.maxDepth ?? DEFAULT_DECODE_LIMITS.maxDepth;
    this.maxStringLength = options.maxStringLength ?? DEFAULT_DECODE_LIMITS.maxStringLength;
    this.maxArrayLength = options.maxArrayLength ?? DEFAULT_DECODE_LIMITS.maxArrayLength;
    this.maxProblems = options.maxProblems ?? DEFAULT_DECODE_LIMITS.maxProblems;
  }

  /** Records a problem at the current path; returns SKIP so callers can `return ctx.problem(...)`. */
  problem(message: string): typeof SKIP {
    if (this.stopped) return SKIP;
    this.problems.push({ path: formatPath(this.stack), message });
    if (this.problems.length >= this.maxProblems) {
      this.problems.push({ path: '', message: `too many problems; stopped after ${this.maxProblems}` });
      this.stopped = true;
    }
    return SKIP;
  }
}

export function formatPath(segments: readonly (string | number)[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (segment.length <= 64 && IDENTIFIER.test(segment)) path += path === '' ? segment : `.${segment}`;
    // Map keys come from the client: quote odd ones and cut long ones so a path stays readable.
    else path += `[${JSON.stringify(segment.length > 64 ? `${segment.slice(0, 64)}...` : segment)}]`;
  }
  return path;
}

