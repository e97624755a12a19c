/**
 * Follows the leading master through ZooKeeper, the way Mesos' detector and Mesos-aware clients
 * do: list the election path's children with a watch, take the lowest sequence, read its
 * `json.info_` data. The session is the detector's own; when it is lost the leader becomes
 * unknown and a fresh session is opened after a pause, so agents and schedulers keep following
 * across ZooKeeper outages. A missing election path is waited for, not an error.
 */
import type { Clock, TimerHandle } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { silentLogger } from '../logger.ts';
import type { MasterInfo } from '../../protocol/index.ts';
import { parseZkUrl, type ZkUrl } from '../zk-url.ts';
import type { LeaderListener, MasterDetector } from './detector.ts';
import { isZkCode, ZkCode, ZkSessionLostError } from './errors.ts';
import { decodeMasterInfo, leaderOf, MASTER_INFO_LABEL } from './membership.ts';
import { connectZk, type ZkConnectOptions, type ZkSession } from './session.ts';

/** Mesos' `--zk_session_timeout` default. */
export const DEFAULT_ZK_SESSION_TIMEOUT_MS = 10_000;

export interface ZooKeeperDetectorOptions {
  /** `zk://host:port,.../path`, parsed or not. */
  readonly url: string | ZkUrl;
  readonly sessionTimeoutMs?: number;
  readonly clock?: Clock;
  readonly logger?: Logger;
  /** Pause before reconnecting or re-reading after a failure. */
  readonly retryDelayMs?: number;
  /** Opens sessions; tests may wrap it. */
  readonly connect?: (options: ZkConnectOptions) => Promise<ZkSession>;
}

export class ZooKeeperMasterDetector implements MasterDetector {
  private readonly url: ZkUrl;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly sessionTimeoutMs: number;
  private readonly retryDelayMs: number;
  private readonly connect: (options: ZkConnectOptions) => Promise<ZkSession>;
  private readonly listeners = new Set<LeaderListener>();
  private session: ZkSession | undefined;
  private leader: MasterInfo | null = null;
  /** Child name of the node `leader` was read from; null when no member leads. */
  private leaderNode: string | null = null;
  private refreshing = false;
  private refreshAgain = false;
  private retryTimer: TimerHandle | undefined;
  private closed = false;
  private syncedOnce = false;
  private readonly syncWaiters: (() => void)[] = [];

  /** Starts following at once; see `synced()` to wait for the first answer. */
  constructor(options: ZooKeeperDetectorOptions) {
    this.url = typeof options.url === 'string' ? parseZkUrl(options.url, 'master') : options.url;
    this.clock = options.clock ?? systemClock;
    this.logger = (options.logger ?? silentLogger()).child({ component: 'zk-detector', path: this.url.path });
    this.sessionTimeoutMs = options.sessionTimeoutMs ?? DEFAULT_ZK_SESSION_TIMEOUT_MS;
    this.retryDelayMs = options.retryDelayMs ?? 1000;
    this.connect = options.connect ?? connectZk;
    void this.openSession();
  }

  detect(): MasterInfo | null {
    return this.leader;
  }

  subscribe(listener: LeaderListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the election path has been read (successfully) at least once. */
  synced(): Promise<void> {
    if (this.syncedOnce) return Promise.resolve();
    return new Promise((resolve) => this.syncWaiters.push(resolve));
  }

  async close(): Promise<void> {
    this.closed = true;
    this.retryTimer?.cancel();
    this.listeners.clear();
    const session = this.session;
    this.session = undefined;
    await session?.close();
  }

  private async openSession(): Promise<void> {
    if (this.closed) return;
    try {
      const session = await this.connect({
        connectString: this.url.connectString,
        sessionTimeoutMs: this.sessionTimeoutMs,
        clock: this.clock,
        ...(this.url.credentials ? { credentials: this.url.credentials } : {}),
      });
      if (this.closed) {
        await session.close();
        return;
      }
      this.session = session;
      // A pass stuck on the old session has been settled by its loss; start clean.
      this.refreshing = false;
      session.onLost((reason) => {
        if (this.session !== session) return;
        this.logger.warn({ reason }, 'ZooKeeper session lost; leader unknown until reconnected');
        this.session = undefined;
        this.setLeader(null, null);
        this.retryLater(() => void this.openSession());
      });
      await this.refresh();
    } catch (error) {
      this.logger.warn({ err: error }, 'could not connect to ZooKeeper; retrying');
      this.retryLater(() => void this.openSession());
    }
  }

  private retryLater(run: () => void): void {
    if (this.closed) return;
    this.retryTimer?.cancel();
    this.retryTimer = this.clock.setTimer(this.retryDelayMs, run);
  }

  /** Re-reads the membership; overlapping calls collapse into one more pass. */
  private async refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = true;
    try {
      do {
        this.refreshAgain = false;
        await this.readOnce();
      } while (this.refreshAgain && !this.closed);
    } finally {
      this.refreshing = false;
    }
  }

  private async readOnce(): Promise<void> {
    const session = this.session;
    if (!session || this.closed) return;
    const watch = (): void => void this.refresh();
    try {
      let children: string[];
      try {
        children = await session.getChildren(this.url.path, watch);
      } catch (error) {
        if (!isZkCode(error, ZkCode.NO_NODE)) throw error;
        // No master has created the path yet: wait for it to appear.
        if ((await session.exists(this.url.path, watch)) !== null) this.refreshAgain = true;
        this.setLeader(null, null);
        this.markSynced();
        return;
      }
      const member = leaderOf(children);
      if (!member) {
        this.setLeader(null, null);
      } else if (member.name !== this.leaderNode) {
        await this.readLeader(session, member.name, member.label);
      }
      this.markSynced();
    } catch (error) {
      if (error instanceof ZkSessionLostError || this.closed) return;
      this.logger.warn({ err: error }, 'reading the election path failed; retrying');
      this.retryLater(() => void this.refresh());
    }
  }

  private async readLeader(session: ZkSession, name: string, label: string): Promise<void> {
    if (label !== MASTER_INFO_LABEL) {
      this.logger.warn({ node: name, label }, 'leading member is not a json.info_ node; leader unknown');
      this.setLeader(null, name);
      return;
    }
    try {
      const node = await session.get(`${this.url.path}/${name}`);
      this.setLeader(decodeMasterInfo(node.data), name);
    } catch (error) {
      // Gone between the listing and the read: the child watch brings the next leader.
      if (isZkCode(error, ZkCode.NO_NODE)) {
        this.refreshAgain = true;
        return;
      }
      if (error instanceof ZkSessionLostError) throw error;
      if (error instanceof Error && error.name === 'ValidationError') {
        this.logger.warn({ node: name, err: error }, 'leader node holds invalid MasterInfo; leader unknown');
        this.setLeader(null, name);
        return;
      }
      throw error;
    }
  }

  private setLeader(leader: MasterInfo | null, node: string | null): void {
    const changed = node !== this.leaderNode || (leader === null) !== (this.leader === null);
    this.leader = leader;
    this.leaderNode = node;
    if (!changed) return;
    this.logger.info({ node, leader: leader?.id ?? null }, 'leading master changed');
    for (const listener of [...this.listeners]) listener(leader);
  }

  private markSynced(): void {
    if (this.syncedOnce) return;
    this.syncedOnce = true;
    for (const resolve of this.syncWaiters.splice(0)) resolve();
  }
}
