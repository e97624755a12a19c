/**
 * The agent's flags: one convict schema with Mesos' flag names and defaults
 * (docs/configuration/agent.md). Durations are milliseconds. Loaded once by the composition root.
 */
import type convict from 'convict';
import type { ContainerizerFlags } from '../isolation/registry.ts';
import { ConfigError } from '../lib/errors.ts';
import { loadFlags, type FlagSources } from '../lib/flags.ts';

/** How command tasks (TaskInfo.command, no executor) are executed. */
export const CommandExecutorModes = ['embedded', 'process'] as const;
export type CommandExecutorMode = (typeof CommandExecutorModes)[number];

export interface AgentConfig {
  /** `host:port` or `http://host:port` of the master (zk:// is not supported yet). */
  readonly master: string;
  /** Port to listen on; 0 picks a free one (tests). */
  readonly port: number;
  readonly ip: string;
  /** Hostname advertised in AgentInfo; empty = the machine's name. */
  readonly hostname: string;
  readonly work_dir: string;
  /** `cpus:4;mem:8192;ports:[31000-32000]`: overrides detection per resource name. */
  readonly resources: string;
  /** `rack:r1;zone:a`. */
  readonly attributes: string;
  /** Comma-separated backend names, tried in order. */
  readonly containerizers: string;
  readonly executor_shutdown_grace_period: number;
  readonly executor_registration_timeout: number;
  readonly gc_delay: number;
  readonly default_role: string;
  /** Upper bound of the first re-registration delay; doubled per attempt, capped at 1 min. */
  readonly registration_backoff_factor: number;
  /** Misses of the master's ping interval before the master is taken to be gone. */
  readonly max_agent_ping_timeouts: number;
  /** Run tasks as their framework's user when the agent is root. */
  readonly switch_user: boolean;
  /**
   * `embedded`: command tasks run from the agent's own executor loop (fast, no process per
   * executor); `process`: each gets a real command-executor process speaking the executor API.
   */
  readonly command_executor: CommandExecutorMode;
  readonly max_completed_executors_per_framework: number;
  readonly log_level: string;
  /** linux backend: where the cgroup filesystem is mounted. */
  readonly cgroups_hierarchy: string;
  /** linux backend: the cgroup under which containers' cgroups are made. */
  readonly cgroups_root: string;
  /** CFS quota from the cpu request (linux and docker), not only from a cpu limit. */
  readonly cgroups_enable_cfs: boolean;
  /** linux backend: most processes per container; 0 = unlimited. */
  readonly cgroups_pids_max: number;
  /** linux backend's state files go under `<runtime_dir>/isolation/linux`; empty = the work dir. */
  readonly runtime_dir: string;
  readonly docker_socket: string;
  /** docker backend: remove this agent's containers it does not know at start-up. */
  readonly docker_kill_orphans: boolean;
}

const schema: convict.Schema<AgentConfig> = {
  master: { doc: 'Master address: host:port or http://host:port', format: String, default: '' },
  port: { doc: 'Port to listen on', format: 'port', default: 5051 },
  ip: { doc: 'IP address to listen on (0.0.0.0: all; executors then use loopback)', format: String, default: '0.0.0.0' },
  hostname: { doc: 'Hostname to advertise', format: String, default: '' },
  work_dir: { doc: 'Directory for sandboxes and checkpoints (required)', format: String, default: '' },
  resources: { doc: 'Total resources, overriding detection per name', format: String, default: '' },
  attributes: { doc: 'Attributes of this machine', format: String, default: '' },
  containerizers: { doc: 'Isolation backends by name, in order of preference', format: String, default: 'posix' },
  executor_shutdown_grace_period: { doc: 'Time an executor gets to exit after SHUTDOWN', format: 'mesos-duration', default: 5000 },
  executor_registration_timeout: { doc: 'Time an executor gets to subscribe', format: 'mesos-duration', default: 60_000 },
  gc_delay: { doc: 'Time sandboxes of finished executors are kept', format: 'mesos-duration', default: 604_800_000 },
  default_role: { doc: 'Role of resources given without one', format: String, default: '*' },
  registration_backoff_factor: { doc: 'First re-registration delay bound', format: 'mesos-duration', default: 1000 },
  max_agent_ping_timeouts: { doc: 'Missed ping intervals before the master is taken as gone', format: 'nat', default: 5 },
  switch_user: { doc: 'Run tasks as their user when root', format: Boolean, default: true },
  command_executor: { doc: 'embedded | process', format: [...CommandExecutorModes], default: 'embedded' },
  max_completed_executors_per_framework: { doc: 'Completed executors kept per framework', format: 'nat', default: 150 },
  log_level: {
    doc: 'Lowest level logged',
    format: ['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'INFO', 'WARNING', 'ERROR'],
    default: 'info',
  },
  cgroups_hierarchy: { doc: 'Mount point of the cgroup filesystem (linux backend)', format: String, default: '/sys/fs/cgroup' },
  cgroups_root: { doc: 'Cgroup under which container cgroups are made (linux backend)', format: String, default: 'mesos' },
  cgroups_enable_cfs: { doc: 'Hard cpu limit (CFS quota) from the cpu request', format: Boolean, default: false },
  cgroups_pids_max: { doc: 'Most processes per container, 0 = unlimited (linux backend)', format: 'nat', default: 0 },
  // Mesos' default is /var/run/mesos; the work dir keeps two agents on one host (tests, `mesos local`) apart.
  runtime_dir: { doc: 'Directory for runtime state of containers; empty = the work dir', format: String, default: '' },
  docker_socket: { doc: 'Docker engine socket (docker backend)', format: String, default: '/var/run/docker.sock' },
  docker_kill_orphans: { doc: 'Remove docker containers of this agent it does not know at start-up', format: Boolean, default: true },
};

export const AGENT_FLAG_NAMES = Object.keys(schema) as (keyof AgentConfig)[];

/** `host:port` or `http://host:port` -> base URL; anything else names the flag. */
export function masterUrl(master: string): string {
  if (master.startsWith('zk://')) throw new ConfigError('master', 'zk:// masters are not supported by this agent yet; give host:port');
  const withScheme = /^https?:\/\//.test(master) ? master : `http://${master}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new ConfigError('master', `'${master}' is not host:port or http://host:port`);
  }
  if (!url.port && !/^https?:\/\/[^/]+:\d+/.test(withScheme)) {
    throw new ConfigError('master', `'${master}' has no port`);
  }
  return `${url.protocol}//${url.host}`;
}

function checkRequired(config: AgentConfig): AgentConfig {
  if (config.work_dir === '') throw new ConfigError('work_dir', 'is required');
  if (config.master === '') throw new ConfigError('master', 'is required');
  masterUrl(config.master);
  const names = containerizerNames(config);
  if (names.some((n) => n === '')) throw new ConfigError('containerizers', `'${config.containerizers}' has an empty name`);
  return config;
}

/** The backend names `--containerizers` lists, in order of preference. */
export function containerizerNames(config: Pick<AgentConfig, 'containerizers'>): string[] {
  return config.containerizers.split(',').map((n) => n.trim());
}

/** The flags the isolation backends read, as `ContainerizerDeps.flags` carries them. */
export function containerizerFlags(config: AgentConfig): ContainerizerFlags {
  return {
    cgroups_hierarchy: config.cgroups_hierarchy,
    cgroups_root: config.cgroups_root,
    cgroups_enable_cfs: config.cgroups_enable_cfs,
    ...(config.cgroups_pids_max > 0 ? { cgroups_pids_max: config.cgroups_pids_max } : {}),
    ...(config.runtime_dir !== '' ? { runtime_dir: config.runtime_dir } : {}),
    docker_socket: config.docker_socket,
    docker_kill_orphans: config.docker_kill_orphans,
  };
}

/** Reads and validates the agent's flags; throws ConfigError naming the first bad flag. */
export function loadAgentConfig(sources: FlagSources): AgentConfig {
  return checkRequired(loadFlags(schema, sources));
}

/** The defaults with overrides, for tests and embedding (`mesos local`). */
export function agentConfigWith(overrides: Partial<AgentConfig> & Pick<AgentConfig, 'master' | 'work_dir'>): AgentConfig {
  return Object.freeze(checkRequired({ ...loadFlags(schema, { argv: [], env: {} }), ...overrides }));
}
