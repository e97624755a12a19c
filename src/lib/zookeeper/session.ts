/**
 * One ZooKeeper session over the `zookeeper` package (the C client binding), behind a small
 * promise API with typed errors. The session reports `lost` exactly once: on expiry, on an
 * unexpected close, or, as Mesos does, when it stays disconnected longer than its own timeout
 * (the server would expire it by then anyway, and a master must not keep leading blind).
 */
import ZooKeeper from 'zookeeper';
import type { Clock, TimerHandle } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { ZkCredentials } from '../zk-url.ts';
import { isZkCode, toZkError, ZkCode, ZkSessionLostError } from './errors.ts';

export const CreateMode = {
  PERSISTENT: 'persistent',
  EPHEMERAL: 'ephemeral',
  EPHEMERAL_SEQUENTIAL: 'ephemeral_sequential',
} as const;
export type CreateMode = (typeof CreateMode)[keyof typeof CreateMode];

export interface ZkNode {
  readonly data: Buffer;
  /** The znode's data version, for conditional `set`. */
  readonly version: number;
}

/** Called once when a one-shot watch fires (any change, or the session ending). */
export type ZkWatch = () => void;

export interface ZkSession {
  /** Hex session id, for logs. */
  readonly sessionId: string;
  readonly lost: boolean;
  /** Id and password that resume this session from another client (tests use them to expire it). */
  sessionCredentials(): { readonly id: string; readonly password: string };
  create(path: string, data: Buffer | string, mode: CreateMode): Promise<string>;
  get(path: string, watch?: ZkWatch): Promise<ZkNode>;
  /** The node's data version, or null if it does not exist. */
  exists(path: string, watch?: ZkWatch): Promise<number | null>;
  getChildren(path: string, watch?: ZkWatch): Promise<string[]>;
  /**
   * Writes only if the node is still at `version` (-1: any); returns the new version. Like every
   * call but sequential creates, it is resent after a connection loss, so a write that had
   * landed may come back BAD_VERSION: callers that care compare the node with what they wrote.
   */
  set(path: string, data: Buffer | string, version: number): Promise<number>;
  delete(path: string, version?: number): Promise<void>;
  /** Creates `path` and its missing parents as empty persistent nodes. */
  ensurePath(path: string): Promise<void>;
  /** `listener(reason)` runs once when the session is lost; returns an unsubscribe. */
  onLost(listener: (reason: string) => void): () => void;
  close(): Promise<void>;
}

export interface ZkConnectOptions {
  readonly connectString: string;
  readonly sessionTimeoutMs: number;
  readonly credentials?: ZkCredentials;
  readonly clock?: Clock;
  /** Give up the first connection after this long; defaults to the session timeout. */
  readonly connectTimeoutMs?: number;
}

const { constants } = ZooKeeper;

const MODE_FLAGS: Record<CreateMode, number> = {
  persistent: constants.ZOO_PERSISTENT,
  ephemeral: constants.ZOO_EPHEMERAL,
  ephemeral_sequential: constants.ZOO_EPHEMERAL_SEQUENTIAL,
};

/** Opens a session and waits until it is connected (and authenticated, with credentials). */
export async function connectZk(options: ZkConnectOptions): Promise<ZkSession> {
  const clock = options.clock ?? systemClock;
  const client = new ZooKeeper({
    connect: options.connectString,
    timeout: options.sessionTimeoutMs,
    debug_level: constants.ZOO_LOG_LEVEL_ERROR,
    host_order_deterministic: false,
  });
  const session = new NativeZkSession(client, clock, options.sessionTimeoutMs);
  await session.open(options.connectTimeoutMs ?? options.sessionTimeoutMs);
  if (options.credentials) {
    try {
      await session.authenticate(options.credentials);
    } catch (error) {
      await session.close();
      throw error;
    }
  }
  return session;
}

class NativeZkSession implements ZkSession {
  private readonly lostListeners = new Set<(reason: string) => void>();
  private lostReason: string | undefined;
  private closing = false;
  private everConnected = false;
  /** Bumped on every (re)connect, so a failed call can tell whether the link came back since. */
  private epoch = 0;
  private readonly reconnectWaiters = new Set<() => void>();
  private disconnectTimer: TimerHandle | undefined;

  /** Settles every call: once the handle is closed the C client may never answer what was pending. */
  private readonly ended: Promise<never>;
  private rejectEnded: (error: Error) => void = () => undefined;

  constructor(private readonly client: ZooKeeper, private readonly clock: Clock, private readonly sessionTimeoutMs: number) {
    this.ended = new Promise<never>((_, reject) => {
      this.rejectEnded = reject;
    });
    // Nobody may be racing it when it rejects; that is not an error.
    this.ended.catch(() => undefined);
  }

  get sessionId(): string {
    return String(this.client.client_id);
  }

  get lost(): boolean {
    return this.lostReason !== undefined;
  }

  sessionCredentials(): { id: string; password: string } {
    return { id: String(this.client.client_id), password: String(this.client.client_password) };
  }

  open(connectTimeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const giveUp = this.clock.setTimer(connectTimeoutMs, () => {
        this.markLost('could not connect');
        reject(new ZkSessionLostError(`could not connect to ZooKeeper within ${connectTimeoutMs} ms`));
      });
      this.client.on('connect', () => {
        this.everConnected = true;
        this.epoch++;
        this.disconnectTimer?.cancel();
        this.disconnectTimer = undefined;
        giveUp.cancel();
        for (const wake of [...this.reconnectWaiters]) wake();
        this.reconnectWaiters.clear();
        resolve();
      });
      this.client.on('connecting', () => {
        // The C client reconnects on its own; we only bound how long we stay blind.
        if (!this.everConnected || this.disconnectTimer || this.lost) return;
        this.disconnectTimer = this.clock.setTimer(this.sessionTimeoutMs, () => {
          this.markLost(`disconnected for longer than the session timeout (${this.sessionTimeoutMs} ms)`);
        });
      });
      this.client.on('close', () => {
        giveUp.cancel();
        if (!this.closing) this.markLost('session expired or closed by the server');
      });
      this.client.init({});
    });
  }

  async authenticate(credentials: ZkCredentials): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.client.add_auth('digest', `${credentials.user}:${credentials.password}`, (rc: number, error: number) => {
        if (rc === 0) resolve();
        else reject(toZkError(new Error(`${rc} ${error}`), 'add_auth', ''));
      });
    });
  }

  private markLost(reason: string): void {
    if (this.lostReason !== undefined || this.closing) return;
    this.lostReason = reason;
    this.disconnectTimer?.cancel();
    this.closing = true;
    this.rejectEnded(new ZkSessionLostError(`session lost: ${reason}`));
    this.client.close();
    for (const listener of [...this.lostListeners]) listener(reason);
    this.lostListeners.clear();
  }

  onLost(listener: (reason: string) => void): () => void {
    if (this.lostReason !== undefined) {
      const reason = this.lostReason;
      queueMicrotask(() => listener(reason));
      return () => undefined;
    }
    this.lostListeners.add(listener);
    return () => this.lostListeners.delete(listener);
  }


  /**
   * Runs one request. On CONNECTION_LOSS (the server we were on went away) a `retriable` request
   * is sent again once the client has reconnected to some server; the session's own timeout
   * bounds the wait, since the session is reported lost if the outage lasts longer.
   */
  private async call<T>(operation: string, path: string, run: () => Promise<T>, retriable = true): Promise<T> {
    for (;;) {
      if (this.lostReason !== undefined || this.closing) throw new ZkSessionLostError(`zookeeper ${operation} ${path}: session ${this.lostReason ?? 'closed'}`);
      const epoch = this.epoch;
      try {
        return await Promise.race([run(), this.ended]);
      } catch (error) {
        if (error instanceof ZkSessionLostError) throw new ZkSessionLostError(`zookeeper ${operation} ${path}: ${error.message}`);
        const zkError = toZkError(error, operation, path);
        if (!retriable || !isZkCode(zkError, ZkCode.CONNECTION_LOSS)) throw zkError;
        await this.reconnectedSince(epoch);
      }
    }
  }

  /** Resolves once a connect newer than `epoch` has happened; rejects when the session ends. */
  private reconnectedSince(epoch: number): Promise<void> {
    if (this.epoch > epoch) return Promise.resolve();
    return Promise.race([new Promise<void>((resolve) => this.reconnectWaiters.add(resolve)), this.ended]);
  }

  /**
   * Persistent creates are resent after a connection loss (a resent create that had landed
   * answers NODE_EXISTS, which callers of unique paths treat as done); sequential ones are not,
   * since a resend would make a second member.
   */
  create(path: string, data: Buffer | string, mode: CreateMode): Promise<string> {
    return this.call('create', path, () => this.client.create(path, data, MODE_FLAGS[mode]), mode === CreateMode.PERSISTENT);
  }

  get(path: string, watch?: ZkWatch): Promise<ZkNode> {
    return this.call('get', path, async () => {
      const [stat, data] = (watch ? await this.client.w_get(path, watchCallback(watch)) : await this.client.get(path, false)) as [{ version: number }, Buffer | string | null];
      return { data: typeof data === 'string' ? Buffer.from(data) : (data ?? Buffer.alloc(0)), version: stat.version };
    });
  }

  exists(path: string, watch?: ZkWatch): Promise<number | null> {
    return this.call('exists', path, async () => {
      try {
        const stat = watch ? await this.client.w_exists(path, watchCallback(watch)) : await this.client.exists(path, false);
        return stat.version;
      } catch (error) {
        if (isZkCode(toZkError(error, 'exists', path), ZkCode.NO_NODE)) return null;
        throw error;
      }
    });
  }

  getChildren(path: string, watch?: ZkWatch): Promise<string[]> {
    return this.call('get_children', path, () => (watch ? this.client.w_get_children(path, watchCallback(watch)) : this.client.get_children(path, false)));
  }

  set(path: string, data: Buffer | string, version: number): Promise<number> {
    return this.call('set', path, async () => (await this.client.set(path, data, version)).version);
  }

  delete(path: string, version = -1): Promise<void> {
    return this.call('delete', path, async () => {
      await this.client.delete_(path, version);
    });
  }

  async ensurePath(path: string): Promise<void> {
    const parts = path.split('/').filter((p) => p !== '');
    let current = '';
    for (const part of parts) {
      current += `/${part}`;
      try {
        await this.create(current, '', CreateMode.PERSISTENT);
      } catch (error) {
        if (!isZkCode(error, ZkCode.NODE_EXISTS)) throw error;
      }
    }
  }

  close(): Promise<void> {
    this.disconnectTimer?.cancel();
    if (this.closing) return Promise.resolve();
    this.closing = true;
    this.lostListeners.clear();
    this.rejectEnded(new ZkSessionLostError('session closed'));
    return new Promise<void>((resolve) => {
      this.client.once('close', () => resolve());
      this.client.close();
    });
  }
}

/** Watches fire once; a session event (disconnect) also fires them, and a re-read is right then too. */
function watchCallback(watch: ZkWatch): (type: number, state: number, path: string) => void {
  let fired = false;
  return () => {
    if (fired) return;
    fired = true;
    watch();
  };
}
