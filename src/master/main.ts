/**
 * The master's composition root: builds the core, the allocator and the HTTP app from a
 * validated config, listens, and hands back a handle. The only place that touches the network
 * interface list and the machine's hostname; nothing here reads process.env.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname as machineHostname, networkInterfaces } from 'node:os';
import { type Clock, systemClock } from '../lib/clock.ts';
import { ConfigError } from '../lib/errors.ts';
import { newUuid } from '../lib/ids.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { bindAllocator, parseMinAllocatable } from './bind-allocator.ts';
import type { MasterConfig } from './config.ts';
import { MasterCore } from './core/master-core.ts';
import { type Election, joinElection } from './election/leadership.ts';
import { FileRegistryStore } from './registrar/file-store.ts';
import { MemoryRegistryStore } from './registrar/memory-store.ts';
import { Registrar } from './registrar/registrar.ts';
import type { RegistryStore } from './registrar/store.ts';
import { ZooKeeperRegistryStore } from './registrar/zookeeper-store.ts';
import { createMasterHandler } from './http/app.ts';
import { masterInfoFor } from './master-info.ts';
import { createMasterMetrics, masterSnapshot } from './metrics.ts';

export interface MasterHandle {
  /** `http://<advertised ip>:<port>` */
  readonly url: string;
  readonly port: number;
  readonly masterId: string;
  /** The core, for in-process tests and the embedded `mesos local`. */
  readonly core: MasterCore;
  /** Resolves when this master becomes the leader (at once when standalone). */
  readonly elected: Promise<void>;
  /**
   * Resolves with a reason if leadership is lost (ZooKeeper). The master has then already
   * stopped serving; Mesos exits here and lets its supervisor restart it, so should the CLI.
   */
  readonly lost: Promise<string>;
  /** Leaves the election, closes every stream, stops timers and the server. Idempotent. */
  stop(): Promise<void>;
}

export interface StartMasterOptions {
  readonly logger?: Logger;
  readonly clock?: Clock;
}

/** The first non-internal IPv4 address, or loopback. */
function externalIpv4(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const address of list ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return '127.0.0.1';
}

function pinoLevel(level: string): string {
  const lower = level.toLowerCase();
  return lower === 'warning' ? 'warn' : lower;
}

async function listen(config: MasterConfig): Promise<{ server: Server; setHandler(h: RequestListener): void }> {
  let handler: RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end('Master has not finished recovery');
  };
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.ip, () => resolve());
  });
  return { server, setHandler: (h) => (handler = h) };
}

/**
 * `--registry=in_memory`: forgotten on restart (tests, `mesos local`). `replicated_log`: kept in
 * ZooKeeper beside the election when `--zk` is set, else in `--work_dir`.
 */
function registryStore(config: MasterConfig, election: Election): RegistryStore {
  if (config.registry === 'in_memory') return new MemoryRegistryStore();
  if (election.zookeeper) return new ZooKeeperRegistryStore(election.zookeeper);
  if (config.work_dir === '') throw new ConfigError('work_dir', 'is required with --registry=replicated_log (or give --zk)');
  return FileRegistryStore.inWorkDir(config.work_dir);
}

export async function startMaster(config: MasterConfig, options: StartMasterOptions = {}): Promise<MasterHandle> {
  const logger = options.logger ?? createLogger({ level: pinoLevel(config.log_level), name: 'master' });
  const clock = options.clock ?? systemClock;
  // Flags that only parse here fail before anything listens.
  const minAllocatable = parseMinAllocatable(config.min_allocatable_resources);
  const { server, setHandler } = await listen(config);
  const port = (server.address() as AddressInfo).port;
  const advertisedIp = config.ip === '0.0.0.0' ? externalIpv4() : config.ip;
  const hostname = config.hostname !== '' ? config.hostname : machineHostname();
  const masterId = newUuid();
  const masterInfo = masterInfoFor(masterId, advertisedIp, port, hostname);
  const startTimeMs = clock.now();
  let electedTimeMs: number | undefined;

  // The allocator's callback and the core refer to each other; the holder breaks the knot.
  const holder: { core?: MasterCore } = {};
  const { allocator, port: allocatorPort } = bindAllocator({
    clock,
    allocationIntervalMs: config.allocation_interval,
    minAllocatable,
    onAllocations: (allocations) => holder.core?.offer(allocations),
  });
  let election: Election;
  let registrar: Registrar;
  try {
    election = await joinElection(masterInfo, { zk: config.zk, sessionTimeoutMs: config.zk_session_timeout, clock, logger: logger.child({ component: 'election' }) });
    registrar = new Registrar({ store: registryStore(config, election), clock, logger });
  } catch (error) {
    server.close();
    throw error;
  }
  const core = new MasterCore({ config, clock, logger: logger.child({ component: 'core' }), allocator: allocatorPort, registrar, masterInfo });
  holder.core = core;
  const metricsSource = { registry: core.registry, startTimeMs, nowMs: () => clock.now(), elected: () => election.isLeader() };
  const handler = createMasterHandler({
    core,
    logger,
    maxBodyBytes: config.max_request_body_bytes,
    metrics: createMasterMetrics(metricsSource),
    snapshot: () => masterSnapshot(metricsSource),
    leader: election,
    recovered: () => registrar.recovered,
    state: () => ({ registry: core.registry, masterInfo, config, startTimeMs, electedTimeMs: electedTimeMs ?? startTimeMs }),
  });
  setHandler(handler);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      allocator.stop();
      core.stop();
      await election.close().catch((error: unknown) => logger.warn({ err: error }, 'leaving the election failed'));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    })();
    return stopping;
  };
  // Elected: read the registry (503 until then), then allocate. Losing the election or the
  // registry means this master can no longer be sure what it owns: it stops, as Mesos exits.
  const elected = election.candidacy.elected.then(async () => {
    electedTimeMs = clock.now();
    await registrar.recover();
    allocator.start();
    logger.info({ masterId }, 'elected leading master; registry recovered');
  });
  const lost = Promise.race([
    election.candidacy.lost,
    registrar.failed.then((error) => `registry failed: ${error.message}`),
    elected.then(() => new Promise<string>(() => undefined), (error: unknown) => `recovery failed: ${error instanceof Error ? error.message : String(error)}`),
  ]).then(async (reason) => {
    logger.fatal({ masterId, reason }, 'this master stops');
    await stop();
    return reason;
  });
  logger.info({ masterId, url: `http://${advertisedIp}:${port}`, hostname, zk: config.zk || undefined }, 'master started');
  // Standalone leads at once: hand back a master that already serves. A ZooKeeper standby
  // returns now and serves redirects until (if ever) it is elected.
  if (config.zk === '') await elected;

  return { url: `http://${advertisedIp}:${port}`, port, masterId, core, elected, lost, stop };
}
