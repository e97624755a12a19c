/**
 * The master's composition root: builds the core, the allocator and the HTTP app from a
 * validated config, listens, and hands back a handle. The only place that touches the network
 * interface list and the machine's hostname; nothing here reads process.env.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname as machineHostname, networkInterfaces } from 'node:os';
import { type Clock, systemClock } from '../lib/clock.ts';
import { newUuid } from '../lib/ids.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { bindAllocator } from './allocator-port.ts';
import type { MasterConfig } from './config.ts';
import { MasterCore } from './core/master-core.ts';
import { type Election, joinElection } from './election/leadership.ts';
import { createMasterApp } from './http/app.ts';
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

export async function startMaster(config: MasterConfig, options: StartMasterOptions = {}): Promise<MasterHandle> {
  const logger = options.logger ?? createLogger({ level: pinoLevel(config.log_level), name: 'master' });
  const clock = options.clock ?? systemClock;
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
    minAllocatable: config.min_allocatable_resources,
    onAllocations: (allocations) => holder.core?.offer(allocations),
  });
  const core = new MasterCore({ config, clock, logger: logger.child({ component: 'core' }), allocator: allocatorPort, masterInfo });
  holder.core = core;

  let election: Election;
  try {
    election = await joinElection(masterInfo, { zk: config.zk, sessionTimeoutMs: config.zk_session_timeout, clock, logger: logger.child({ component: 'election' }) });
  } catch (error) {
    server.close();
    throw error;
  }
  const metricsSource = { registry: core.registry, startTimeMs, nowMs: () => clock.now(), elected: () => election.isLeader() };
  const app = createMasterApp({
    core,
    logger,
    maxBodyBytes: config.max_request_body_bytes,
    metrics: createMasterMetrics(metricsSource),
    snapshot: () => masterSnapshot(metricsSource),
    leader: election,
    state: () => ({ registry: core.registry, masterInfo, config, startTimeMs, electedTimeMs: electedTimeMs ?? startTimeMs }),
  });
  const callback = app.callback();
  setHandler((req, res) => void callback(req, res));

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
  const elected = election.candidacy.elected.then(() => {
    electedTimeMs = clock.now();
    allocator.start();
    logger.info({ masterId }, 'elected leading master');
  });
  const lost = election.candidacy.lost.then(async (reason) => {
    logger.fatal({ masterId, reason }, 'lost leadership; this master stops');
    await stop();
    return reason;
  });
  logger.info({ masterId, url: `http://${advertisedIp}:${port}`, hostname, zk: config.zk || undefined }, 'master started');

  return { url: `http://${advertisedIp}:${port}`, port, masterId, core, elected, lost, stop };
}
