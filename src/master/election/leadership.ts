/**
 * Election wiring for the composition root: standalone (no `--zk`: elected at once) or
 * ZooKeeper (Mesos' json.info_ layout). Hands back who leads now, for leader routing, and the
 * candidacy, whose loss must stop this master.
 */
import type { Clock } from '../../lib/clock.ts';
import { ConfigError, ValidationError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import { parseZkUrl } from '../../lib/zk-url.ts';
import { type MasterDetector, StandaloneMasterDetector } from '../../lib/zookeeper/detector.ts';
import { connectZk, type ZkSession } from '../../lib/zookeeper/session.ts';
import { ZooKeeperMasterDetector } from '../../lib/zookeeper/zk-detector.ts';
import type { MasterInfoWire } from '../wire.ts';
import type { Candidacy } from './contender.ts';
import { StandaloneMasterContender } from './standalone.ts';
import { ZooKeeperMasterContender } from './zookeeper-contender.ts';

/** Who leads, as the HTTP layer needs to know it. */
export interface LeaderView {
  isLeader(): boolean;
  /** The leader's advertised address, or null when none is known. */
  leaderAddress(): { readonly hostname: string; readonly port: number } | null;
}

export interface Election extends LeaderView {
  readonly candidacy: Candidacy;
  /** The ZooKeeper session and path when electing through ZooKeeper (the registry may live there too). */
  readonly zookeeper?: { readonly session: ZkSession; readonly path: string };
  close(): Promise<void>;
}

export interface ElectionOptions {
  readonly zk: string;
  readonly sessionTimeoutMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
}

function viewOf(detector: MasterDetector, candidacy: Candidacy): LeaderView {
  return {
    isLeader: () => candidacy.isLeader,
    leaderAddress() {
      const leader = detector.detect();
      if (!leader) return null;
      const hostname = leader.address?.hostname ?? leader.hostname ?? leader.address?.ip;
      const port = leader.address?.port ?? leader.port;
      return hostname ? { hostname, port } : null;
    },
  };
}

/** Enters the election with `info`; resolves once the candidacy exists (not when elected). */
export async function joinElection(info: MasterInfoWire, options: ElectionOptions): Promise<Election> {
  if (options.zk === '') {
    const detector = new StandaloneMasterDetector();
    const contender = new StandaloneMasterContender(detector);
    const candidacy = await contender.contend(info);
    return { ...viewOf(detector, candidacy), candidacy, close: async () => { await candidacy.withdraw(); await detector.close(); } };
  }
  let url;
  try {
    url = parseZkUrl(options.zk, 'zk');
  } catch (error) {
    throw new ConfigError('zk', error instanceof ValidationError ? error.message : String(error), { cause: error });
  }
  const session: ZkSession = await connectZk({
    connectString: url.connectString,
    sessionTimeoutMs: options.sessionTimeoutMs,
    clock: options.clock,
    ...(url.credentials ? { credentials: url.credentials } : {}),
  });
  const detector = new ZooKeeperMasterDetector({ url, sessionTimeoutMs: options.sessionTimeoutMs, clock: options.clock, logger: options.logger });
  const contender = new ZooKeeperMasterContender({ session, path: url.path, clock: options.clock, logger: options.logger });
  let candidacy: Candidacy;
  try {
    candidacy = await contender.contend(info);
  } catch (error) {
    // Start-up fails; leave no session or detector behind to keep the process alive.
    await detector.close();
    await session.close();
    throw error;
  }
  return {
    ...viewOf(detector, candidacy),
    candidacy,
    zookeeper: { session, path: url.path },
    async close() {
      await candidacy.withdraw();
      await detector.close();
      await session.close();
    },
  };
}
