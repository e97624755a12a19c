/**
 * The master's composition root: builds the core, the allocator and the HTTP app from a
 * validated config, listens, and hands back a handle. The only place that touches the network
 * interface list and the machine's hostname; nothing here reads process.env.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname as machineHostname, networkInterfaces } from 'node:os';
import { type Clock, systemClock } from '../lib/clock.ts';
import { newUuid } from '../lib/ids.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { bindAllocator } from './allocator-port.ts';
import type { MasterConfig } from './config.ts';
import { MasterCore } from './core/master-core.ts';
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
  /** Closes every stream, stops timers and the server. */
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

export async function startMaster(config: MasterConfig, options: StartMasterOptions = {}): Promise<MasterHandle> {
  const logger = options.logger ?? createLogger({ level: config.log_level === 'warning' || config.log_level === 'WARNING' ? 'warn' : config.log_level.toLowerCase(), name: 'master' });
  const clock = options.clock ?? systemClock;
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end('Master has not finished recovery');
  };
  const server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.ip, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const advertisedIp = config.ip === '0.0.0.0' ? externalIpv4() : config.ip;
  const hostname = config.hostname !== '' ? config.hostname : machineHostname();
  const masterId = newUuid();
  const masterInfo = masterInfoFor(masterId, advertisedIp, port, hostname);
  const startTimeMs = clock.now();

  // The allocator's callback and the core refer to each other; the holder breaks the knot.
  const holder: { core?: MasterCore } = {};
  const { allocator, port: allocatorPort } = bindAllocator({
    clock,
    allocationIntervalMs: config.allocation_interval,
    minAllocatable: config.min_allocatable_resources,
    onAllocations: (allocations) => holder.core?.offer(allocations),
  });
  const liveCore = new MasterCore({ config, clock, logger: logger.child({ component: 'core' }), allocator: allocatorPort, masterInfo });
  holder.core = liveCore;
  const metricsSource = { registry: liveCore.registry, startTimeMs, nowMs: () => clock.now() };
  const app = createMasterApp({
    core: liveCore,
    metrics: createMasterMetrics(metricsSource),
    snapshot: () => masterSnapshot(metricsSource),
    logger,
    maxBodyBytes: config.max_request_body_bytes,
    state: () => ({ registry: liveCore.registry, masterInfo, config, startTimeMs, electedTimeMs: startTimeMs }),
  });
  const callback = app.callback();
  handler = (req, res) => void callback(req, res);
  allocator.start();
  logger.info({ masterId, url: `http://${advertisedIp}:${port}`, hostname }, 'master started');

  return {
    url: `http://${advertisedIp === '0.0.0.0' ? '127.0.0.1' : advertisedIp}:${port}`,
    port,
    masterId,
    core: liveCore,
    async stop() {
      allocator.stop();
      liveCore.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
