/**
 * How `mesos local` splits its command line: its own flags (how many agents, the master's port,
 * the work dir, the address) and everything else routed by name to the master, the agents, or
 * both, so `mesos local --resources=cpus:2 --allocation_interval=100ms` does what it says.
 */
import { AGENT_FLAG_NAMES } from '../../agent/config.ts';
import { ConfigError } from '../../lib/errors.ts';
import { parseArgv } from '../../lib/flags.ts';
import { MASTER_FLAG_NAMES } from '../../master/config.ts';

export interface LocalPlan {
  readonly agents: number;
  /** The master's port; agents take 5051, 5052... or 0 when this is 0. */
  readonly port: number;
  readonly workDir: string | undefined;
  readonly ip: string;
  readonly masterArgv: readonly string[];
  readonly agentArgv: readonly string[];
}

/** Flags `mesos local` sets itself for every process, so users may not route them. */
const OWN_FLAGS = ['agents', 'port', 'work_dir', 'ip', 'master'] as const;

export function planLocal(argv: readonly string[]): LocalPlan {
  const { flags, positional } = parseArgv(argv);
  if (positional.length > 0) throw new ConfigError(positional[0] ?? '', 'unexpected argument (flags are --name=value)');
  const masterArgv: string[] = [];
  const agentArgv: string[] = [];
  for (const [name, value] of Object.entries(flags)) {
    if ((OWN_FLAGS as readonly string[]).includes(name)) continue;
    const forMaster = (MASTER_FLAG_NAMES as readonly string[]).includes(name);
    const forAgent = (AGENT_FLAG_NAMES as readonly string[]).includes(name);
    if (!forMaster && !forAgent) throw new ConfigError(name, 'unknown flag (not a master or agent flag)');
    const word = value === true ? `--${name}` : value === false ? `--no-${name}` : `--${name}=${value}`;
    if (forMaster) masterArgv.push(word);
    if (forAgent) agentArgv.push(word);
  }
  if (flags.master !== undefined) throw new ConfigError('master', 'is set by mesos local to its own master');
  return {
    agents: nonNegativeInt('agents', flags.agents, 1),
    port: port(flags.port),
    workDir: typeof flags.work_dir === 'string' && flags.work_dir !== '' ? flags.work_dir : undefined,
    ip: typeof flags.ip === 'string' ? flags.ip : '127.0.0.1',
    masterArgv,
    agentArgv,
  };
}

function nonNegativeInt(name: string, value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n)) throw new ConfigError(name, `must be a whole number, got '${String(value)}'`);
  return n;
}

function port(value: string | boolean | undefined): number {
  const n = nonNegativeInt('port', value, 5050);
  if (n > 65535) throw new ConfigError('port', `must be 0-65535, got ${n}`);
  return n;
}

/** Agent i's port: consecutive after the master's default, or 0 (any free port) in tests. */
export function agentPort(plan: LocalPlan, index: number): number {
  return plan.port === 0 ? 0 : 5051 + index;
}
