/**
 * Command-line flags in Mesos' style, shared by every binary: `--name=value`, `--name value`,
 * `--name` / `--no-name` for booleans, and Mesos' duration and byte-size syntax.
 * Parsing is pure: inputs are parameters, nothing here reads process.env or process.argv.
 */
import convict from 'convict';
import { ConfigError } from './errors.ts';

export type ParsedArgv = {
  /** Flags in the order given; a repeated flag keeps its last value. */
  readonly flags: Record<string, string | boolean>;
  /** Words that are not flags (a verb, file names). */
  readonly positional: string[];
};

/** Splits argv into flags and positional words. `--` ends flag parsing. */
export function parseArgv(argv: readonly string[]): ParsedArgv {
  const flags: Record<string, string | boolean> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg.length === 2) {
      positional.push(arg);
      continue;
    }
    const body = arg.slice(2);
    const eq = body.indexOf('=');
    if (eq >= 0) {
      flags[normalizeFlagName(body.slice(0, eq))] = body.slice(eq + 1);
      continue;
    }
    const next = argv[i + 1];
    if (body.startsWith('no-')) {
      flags[normalizeFlagName(body.slice(3))] = false;
    } else if (next !== undefined && !next.startsWith('--')) {
      flags[normalizeFlagName(body)] = next;
      i++;
    } else {
      flags[normalizeFlagName(body)] = true;
    }
  }
  return { flags, positional };
}

/** Mesos spells flags with underscores; accept dashes too (`--work-dir` = `--work_dir`). */
export function normalizeFlagName(name: string): string {
  return name.replace(/-/g, '_');
}

/**
 * Picks `MESOS_<FLAG>` variables out of an environment, as Mesos does, keyed by flag name.
 * Only names in `known` are taken so unrelated MESOS_* variables (executor env) are ignored.
 */
export function flagsFromEnv(env: Readonly<Record<string, string | undefined>>, known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of known) {
    const value = env[`MESOS_${name.toUpperCase()}`];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

const DURATION_UNITS: Readonly<Record<string, number>> = {
  ns: 1e-6, nsecs: 1e-6, us: 1e-3, usecs: 1e-3, ms: 1, msecs: 1,
  secs: 1000, sec: 1000, s: 1000, mins: 60_000, min: 60_000, m: 60_000,
  hrs: 3_600_000, hr: 3_600_000, h: 3_600_000, days: 86_400_000, day: 86_400_000, d: 86_400_000,
  weeks: 604_800_000, week: 604_800_000, w: 604_800_000,
};

/**
 * Parses a Mesos duration (`15secs`, `500ms`, `10mins`, `2weeks`, `1.5hrs`) into milliseconds.
 * A bare number is taken as seconds, as Mesos' JSON for durations is.
 */
export function parseDuration(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) throw new Error(`'${text}' is not a duration; use a number and a unit such as 15secs, 500ms, 10mins`);
  const value = Number(match[1]);
  const unit = (match[2] ?? '').toLowerCase();
  if (unit === '') return value * 1000;
  const factor = DURATION_UNITS[unit];
  if (factor === undefined) throw new Error(`'${text}' has an unknown unit '${unit}'; use ns, us, ms, secs, mins, hrs, days or weeks`);
  return value * factor;
}

/** Formats milliseconds the way Mesos prints durations (`15secs`, `500ms`, `10mins`). */
export function formatDuration(ms: number): string {
  if (ms % 604_800_000 === 0 && ms > 0) return `${ms / 604_800_000}weeks`;
  if (ms % 86_400_000 === 0 && ms > 0) return `${ms / 86_400_000}days`;
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}hrs`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}mins`;
  if (ms % 1000 === 0) return `${ms / 1000}secs`;
  return `${ms}ms`;
}

const BYTE_UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** Parses `64MB`, `2GB`, `512` (bytes) into a byte count. */
export function parseBytes(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = (match?.[2] ?? '').toLowerCase() || 'b';
  const factor = BYTE_UNITS[unit];
  if (!match || factor === undefined) throw new Error(`'${text}' is not a size; use a number and a unit such as 512MB or 2GB`);
  return Math.round(Number(match[1]) * factor);
}

/**
 * A convict format for Mesos durations: accepts `15secs` or a number of milliseconds and
 * coerces to milliseconds. Register with `convict.addFormat(durationFormat)`.
 */
export const durationFormat = {
  name: 'mesos-duration',
  validate(value: unknown): void {
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return;
    throw new Error('must be a duration such as 15secs, 500ms or 10mins');
  },
  coerce(value: unknown): number {
    if (typeof value === 'number') return value;
    try {
      return parseDuration(String(value));
    } catch {
      return Number.NaN;
    }
  },
};

/** Wraps a failure to read a flag into the one-line error start-up prints. */
export function flagError(flag: string, cause: unknown): ConfigError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new ConfigError(flag, message, { cause });
}

/** Adds Mesos' duration format to convict once (convict's format registry is global). */
let durationFormatRegistered = false;
function registerDurationFormat(): void {
  if (durationFormatRegistered) return;
  durationFormatRegistered = true;
  convict.addFormat(durationFormat);
}

export interface FlagSources {
  /** Arguments after the binary (and verb): `--name=value` words. */
  readonly argv: readonly string[];
  /** The environment; only `MESOS_<FLAG>` of known flags is read. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Loads flags (argv over `MESOS_*` over defaults) into a flat convict schema, validates and
 * freezes the result. Unknown flags, stray words, bad values: one ConfigError naming the flag.
 */
export function loadFlags<T>(schema: convict.Schema<T>, sources: FlagSources): Readonly<T> {
  registerDurationFormat();
  const config = convict(schema, { args: [], env: {} });
  const known = Object.keys(schema as object);
  const { flags, positional } = parseArgv(sources.argv);
  if (positional.length > 0) throw new ConfigError(positional[0] ?? '', 'unexpected argument (flags are --name=value)');
  const merged: Record<string, string | boolean> = { ...flagsFromEnv(sources.env, known), ...flags };
  for (const [name, value] of Object.entries(merged)) {
    if (!known.includes(name)) throw new ConfigError(name, 'unknown flag');
    try {
      config.set(name as never, value as never);
    } catch (error) {
      throw flagError(name, error);
    }
  }
  try {
    config.validate({ allowed: 'strict' });
  } catch (error) {
    throw convictError(error);
  }
  return deepFreeze(config.getProperties());
}

/** convict reports one `name: message` line per problem; the first names its flag. */
function convictError(error: unknown): ConfigError {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('\n')[0] ?? text;
  const match = /^([A-Za-z0-9_]+): ([\s\S]*)$/.exec(first);
  return match?.[1] && match[2] !== undefined ? new ConfigError(match[1], match[2], { cause: error }) : flagError('config', first);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
