/**
 * `mesos execute` flags, mesos-execute style: which master, the task's name and shell command,
 * its resources, an optional Docker image and environment variables.
 */
import type convict from 'convict';
import { ConfigError } from '../../lib/errors.ts';
import { loadFlags, normalizeFlagName } from '../../lib/flags.ts';
import { checkedMaster, clientEnv, DEFAULT_MASTER } from '../master-flag.ts';

export interface ExecuteOptions {
  readonly master: string;
  readonly name: string;
  readonly command: string;
  readonly cpus: number;
  readonly mem: number;
  readonly dockerImage: string | undefined;
  readonly env: Readonly<Record<string, string>>;
  readonly role: string;
  readonly user: string;
}

interface ExecuteFlags {
  master: string;
  name: string;
  command: string;
  cpus: number;
  mem: number;
  docker_image: string;
  env: string;
  role: string;
  user: string;
}

const schema: convict.Schema<ExecuteFlags> = {
  master: { doc: 'Master: host:port, http://host:port, zk://host:port,.../path or file://path', format: String, default: DEFAULT_MASTER },
  name: { doc: 'Task (and framework) name', format: String, default: '' },
  command: { doc: 'Shell command to run', format: String, default: '' },
  cpus: { doc: 'CPUs for the task', format: Number, default: 0.1 },
  mem: { doc: 'Memory for the task in MB', format: Number, default: 32 },
  docker_image: { doc: 'Run the command in this Docker image', format: String, default: '' },
  env: { doc: 'Environment: K=V (repeatable, or comma-separated) or a JSON object', format: String, default: '' },
  role: { doc: 'Role the framework subscribes with', format: String, default: '*' },
  user: { doc: 'User to run the task as', format: String, default: '' },
};

export function parseExecuteOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ExecuteOptions {
  // parseArgv keeps the last of a repeated flag; `--env` is the one flag meant to repeat.
  const { envValues, rest } = takeEnvFlags(argv);
  const flags = loadFlags(schema, { argv: rest, env: clientEnv(env) });
  if (flags.name.trim() === '') throw new ConfigError('name', 'is required');
  if (flags.command.trim() === '') throw new ConfigError('command', 'is required');
  if (!Number.isFinite(flags.cpus) || flags.cpus <= 0) throw new ConfigError('cpus', `must be a positive number, got ${flags.cpus}`);
  if (!Number.isFinite(flags.mem) || flags.mem <= 0) throw new ConfigError('mem', `must be a positive number of MB, got ${flags.mem}`);
  return {
    master: checkedMaster(flags.master),
    name: flags.name,
    command: flags.command,
    cpus: flags.cpus,
    mem: flags.mem,
    dockerImage: flags.docker_image === '' ? undefined : flags.docker_image,
    env: Object.assign({}, ...envValues.map(parseEnvFlag)) as Record<string, string>,
    role: flags.role,
    user: flags.user || env.USER || 'root',
  };
}

function takeEnvFlags(argv: readonly string[]): { envValues: string[]; rest: string[] } {
  const envValues: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [name, inline] = arg.startsWith('--') ? splitOnce(arg.slice(2)) : ['', undefined];
    if (normalizeFlagName(name) !== 'env') {
      rest.push(arg);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new ConfigError('env', 'needs a value such as K=V');
    envValues.push(value);
  }
  return { envValues, rest };
}

function splitOnce(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq < 0 ? [text, undefined] : [text.slice(0, eq), text.slice(eq + 1)];
}

/** `K=V`, `K=V,K2=V2`, or mesos-execute's JSON object `{"K":"V"}`. */
export function parseEnvFlag(value: string): Record<string, string> {
  const text = value.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConfigError('env', `'${text}' is not valid JSON`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError('env', 'JSON must be an object of strings');
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v !== 'string') throw new ConfigError('env', `value of '${k}' must be a string`);
      out[k] = v;
    }
    return out;
  }
  const out: Record<string, string> = {};
  for (const pair of text.split(',')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new ConfigError('env', `'${pair}' is not K=V`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}
