/**
 * ZooKeeper election, Mesos' layout: each master creates an ephemeral sequential
 * `<path>/json.info_<seq>` holding its compact MasterInfo JSON; the lowest sequence leads. The
 * contender watches the children to learn when its own node comes first, and reports `lost`
 * when its node disappears, when another member leads after it did, or when the session ends.
 * The election path is created if missing.
 */
import type { Clock } from '../../lib/clock.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { silentLogger } from '../../lib/logger.ts';
import { isZkCode, ZkCode, ZkSessionLostError } from '../../lib/zookeeper/errors.ts';
import { leaderOf, MASTER_INFO_LABEL } from '../../lib/zookeeper/membership.ts';
import { CreateMode, type ZkSession } from '../../lib/zookeeper/session.ts';
import type { MasterInfoWire } from '../wire.ts';
import { type Candidacy, CandidacyState, type MasterContender } from './contender.ts';

export interface ZooKeeperContenderOptions {
  /** A connected session the contender may use; the candidacy lives and dies with it. */
  readonly session: ZkSession;
  /** Election path, e.g. `/mesos`. */
  readonly path: string;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Pause before re-reading after a connection blip. */
  readonly retryDelayMs?: number;
}

export class ZooKeeperMasterContender implements MasterContender {
  private readonly session: ZkSession;
  private readonly path: string;
  private readonly logger: Logger;
  private readonly clock: Clock;
  private readonly retryDelayMs: number;
  private readonly candidacies = new Set<CandidacyState>();

  constructor(options: ZooKeeperContenderOptions) {
    this.session = options.session;
    this.path = options.path;
    this.clock = options.clock ?? systemClock;
    this.retryDelayMs = options.retryDelayMs ?? 500;
    this.logger = (options.logger ?? silentLogger()).child({ component: 'zk-contender', path: options.path });
  }

  async contend(info: MasterInfoWire): Promise<Candidacy> {
    await this.session.ensurePath(this.path);
    const nodePath = await this.createMember(JSON.stringify(info));
    const nodeName = nodePath.slice(nodePath.lastIndexOf('/') + 1);
    const log = this.logger.child({ node: nodeName });
    log.info('entered the election');

    const candidacy = new CandidacyState(async () => {
      stopWatchingSession();
      this.candidacies.delete(candidacy);
      try {
        await this.session.delete(nodePath);
      } catch (error) {
        // Already gone (session ended or someone removed it): nothing left to withdraw.
        log.debug({ err: error }, 'withdrawing: node already gone');
      }
    });
    this.candidacies.add(candidacy);
    const lose = (reason: string): void => {
      if (candidacy.finished) return;
      log.warn({ reason }, 'lost the candidacy');
      stopWatchingSession();
      this.candidacies.delete(candidacy);
      candidacy.markLost(reason);
    };
    const stopWatchingSession = this.session.onLost((reason) => lose(`ZooKeeper session lost: ${reason}`));

    const check = async (): Promise<void> => {
      if (candidacy.finished) return;
      try {
        const children = await this.session.getChildren(this.path, () => void check());
        if (candidacy.finished) return;
        if (!children.includes(nodeName)) return lose(`candidacy node ${nodeName} was deleted`);
        const leader = leaderOf(children);
        if (leader?.name === nodeName) {
          if (!candidacy.isLeader) log.info('elected leading master');
          candidacy.markElected();
        } else if (candidacy.isLeader) {
          lose(`another member (${leader?.name ?? 'none'}) leads now`);
        }
      } catch (error) {
        if (error instanceof ZkSessionLostError) return lose(`ZooKeeper session lost: ${error.message}`);
        // A blip is not a loss: the session (and our node) survive it unless it lasts past the
        // timeout, which the session reports as lost.
        if (isZkCode(error, ZkCode.CONNECTION_LOSS) || isZkCode(error, ZkCode.OPERATION_TIMEOUT)) {
          this.clock.setTimer(this.retryDelayMs, () => void check());
          return;
        }
        // Any other failure means we can no longer tell whether we lead: abdicate rather than guess.
        lose(`could not read the election path: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    await check();
    return candidacy;
  }

  /**
   * Creates our ephemeral sequential member. If the connection drops mid-create the node may or
   * may not exist, and resending would make a second member that outlives nothing; so we look
   * for a member holding exactly our MasterInfo (its id is unique) before creating again.
   */
  private async createMember(data: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.session.create(`${this.path}/${MASTER_INFO_LABEL}`, data, CreateMode.EPHEMERAL_SEQUENTIAL);
      } catch (error) {
        if (!isZkCode(error, ZkCode.CONNECTION_LOSS) || attempt >= 3) throw error;
      }
      const ours = await this.findMemberHolding(data);
      if (ours) return ours;
    }
  }

  private async findMemberHolding(data: string): Promise<string | null> {
    for (const name of await this.session.getChildren(this.path)) {
      if (!name.startsWith(MASTER_INFO_LABEL)) continue;
      try {
        if ((await this.session.get(`${this.path}/${name}`)).data.toString('utf8') === data) return `${this.path}/${name}`;
      } catch (error) {
        if (!isZkCode(error, ZkCode.NO_NODE)) throw error;
      }
    }
    return null;
  }

  /** Withdraws every open candidacy; the session is the caller's to close. */
  async close(): Promise<void> {
    await Promise.all([...this.candidacies].map((c) => c.withdraw()));
  }
}
