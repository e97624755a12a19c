/**
 * The master's flags: one convict schema with Mesos' flag names and defaults
 * (docs/configuration/master.md). Durations are milliseconds. Loaded once by the composition
 * root; nothing else reads argv or the environment.
 */
import type convict from 'convict';
import { loadFlags, type FlagSources } from '../lib/flags.ts';

export interface MasterConfig {
  /** Port to listen on; 0 picks a free one (tests). */
  readonly port: number;
  /** Address to bind; 0.0.0.0 binds all and advertises the first external IPv4. */
  readonly ip: string;
  /** Hostname advertised in MasterInfo and offers' agent URLs; empty = the machine's name. */
  readonly hostname: string;
  readonly work_dir: string;
  readonly allocation_interval: number;
  readonly agent_ping_timeout: number;
  readonly max_agent_ping_timeouts: number;
  /** null: offers never expire (Mesos' default). */
  readonly offer_timeout: number | null;
  /** Scheduler stream heartbeat; Mesos hard-codes 15 s, ours is a flag so tests can shrink it. */
  readonly heartbeat_interval: number;
  /** `cpus:0.01|mem:32`: `;` joins resources of one set, `|` separates alternatives. */
  readonly min_allocatable_resources: string;
  readonly max_completed_frameworks: number;
  readonly max_completed_tasks_per_framework: number;
  readonly max_unreachable_tasks_per_framework: number;
  /** Largest request body the HTTP APIs accept, bytes; larger is 413. */
  readonly max_request_body_bytes: number;
  readonly zk: string;
  readonly zk_session_timeout: number;
  readonly cluster: string;
  readonly registry: string;
  readonly log_level: string;
}

const schema: convict.Schema<MasterConfig> = {
  port: { doc: 'Port to listen on', format: 'port', default: 5050 },
  ip: { doc: 'IP address to listen on', format: String, default: '0.0.0.0' },
  hostname: { doc: 'Hostname to advertise', format: String, default: '' },
  work_dir: { doc: 'Where the registry and other state are kept', format: String, default: '' },
  allocation_interval: { doc: 'Time between batch allocations', format: 'mesos-duration', default: 1000 },
  agent_ping_timeout: { doc: 'Time between pings to an agent; a missed pong counts as one timeout', format: 'mesos-duration', default: 15_000 },
  max_agent_ping_timeouts: { doc: 'Missed pongs before an agent is unreachable', format: 'nat', default: 5 },
  offer_timeout: { doc: 'Offers are rescinded after this long (unset: never)', format: 'mesos-duration', default: null, nullable: true },
  heartbeat_interval: { doc: 'Interval of HEARTBEAT events on scheduler streams', format: 'mesos-duration', default: 15_000 },
  min_allocatable_resources: { doc: 'Smallest offer worth making', format: String, default: 'cpus:0.01|mem:32' },
  max_completed_frameworks: { doc: 'Completed frameworks kept in memory', format: 'nat', default: 50 },
  max_completed_tasks_per_framework: { doc: 'Completed tasks kept per framework', format: 'nat', default: 1000 },
  max_unreachable_tasks_per_framework: { doc: 'Unreachable tasks kept per framework', format: 'nat', default: 1000 },
  max_request_body_bytes: { doc: 'Largest accepted request body in bytes', format: 'nat', default: 16 * 1024 * 1024 },
  zk: { doc: 'ZooKeeper URL (zk://host:port/path); empty = standalone', format: String, default: '' },
  zk_session_timeout: { doc: 'ZooKeeper session timeout', format: 'mesos-duration', default: 10_000 },
  cluster: { doc: 'Human readable cluster name', format: String, default: '' },
  registry: { doc: 'Registry store', format: ['in_memory', 'replicated_log'], default: 'in_memory' },
  log_level: {
    doc: 'Lowest level logged',
    format: ['trace', 'debug', 'info', 'warn', 'warning', 'error', 'fatal', 'INFO', 'WARNING', 'ERROR'],
    default: 'info',
  },
};

/** Flag names, for `/master/flags` and the docs. */
export const MASTER_FLAG_NAMES = Object.keys(schema) as (keyof MasterConfig)[];

/** Reads and validates the master's flags; throws ConfigError naming the first bad flag. */
export function loadMasterConfig(sources: FlagSources): MasterConfig {
  return loadFlags(schema, sources);
}

/** The defaults with overrides, for tests and embedding (`mesos local`). */
export function masterConfigWith(overrides: Partial<MasterConfig> = {}): MasterConfig {
  return Object.freeze({ ...loadFlags(schema, { argv: [], env: {} }), ...overrides });
}
