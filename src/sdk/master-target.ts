/**
 * Which master a client talks to next. A fixed `host:port` is remembered and moved along by
 * 307 redirects; a `zk://` URL is followed through ZooKeeper's election, so a client finds the
 * leader without knowing any master's address and hears when leadership moves. `file://PATH`
 * (as Mesos' `--master` takes it) holds either form, keeping ZooKeeper credentials out of `ps`.
 */
import { readFileSync } from 'node:fs';
import type { Clock, TimerHandle } from '../lib/clock.ts';
import { systemClock } from '../lib/clock.ts';
import { ValidationError } from '../lib/errors.ts';
import type { MasterDetector } from '../lib/zookeeper/detector.ts';
import { leaderOrigin, masterDetectorFor } from '../lib/zookeeper/detector-for.ts';
import { isZkUrl, parseZkUrl } from '../lib/zk-url.ts';
import { ConnectionError } from './api-error.ts';
import { keepingProcessAlive } from './keep-alive.ts';
import { masterOrigin } from './master-address.ts';

/** How long a request waits for ZooKeeper to name a leader before failing like a refused connection. */
export const DEFAULT_LEADER_WAIT_MS = 15_000;

export type LeaderChangeListener = (origin: string | null) => void;

export interface MasterTarget {
  /** The origin (`http://host:port`) to send the next request to; waits for a leader if none is known. */
  origin(): Promise<string>;
  /** Where a request ended up after redirects, so the next one goes straight there. */
  answeredBy(origin: string): void;
  /** Runs on every change of detected leader; never for fixed masters. Returns an unsubscribe. */
  onLeaderChange(listener: LeaderChangeListener): () => void;
  close(): Promise<void>;
}

export interface MasterTargetOptions {
  readonly clock?: Clock;
  /** Names the option in errors: `master` for the SDK, `--master` wording comes from the CLI. */
  readonly field?: string;
  readonly leaderWaitMs?: number;
  /** Builds the detector for a zk:// URL; tests may substitute one. */
  readonly detectorFor?: (zkUrl: string) => MasterDetector;
  readonly readText?: (path: string) => string;
}

/**
 * Resolves `file://` indirection and validates what remains, without connecting anywhere.
 * Returns the `zk://...` URL or the `http://host:port` origin a target will use.
 */
export function resolveMasterAddress(master: string, field = 'master', readText: (path: string) => string = readUtf8): string {
  let text = master.trim();
  if (text.toLowerCase().startsWith('file://')) {
    const path = decodeURIComponent(text.slice('file://'.length));
    try {
      text = readText(path).trim();
    } catch (err) {
      throw ValidationError.of(field, `cannot read ${path}: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (text.toLowerCase().startsWith('file://')) throw ValidationError.of(field, `${path} points at another file; it must hold zk://... or host:port`);
  }
  if (isZkUrl(text)) {
    parseZkUrl(text, field);
    return text;
  }
  return masterOrigin(text, field);
}

export function masterTargetFor(master: string, options: MasterTargetOptions = {}): MasterTarget {
  const field = options.field ?? 'master';
  const address = resolveMasterAddress(master, field, options.readText);
  if (!isZkUrl(address)) return new FixedMasterTarget(address);
  const detector = options.detectorFor?.(address) ?? masterDetectorFor(address, { field, ...(options.clock ? { clock: options.clock } : {}) });
  return new DetectedMasterTarget(detector, withoutCredentials(address), options.clock ?? systemClock, options.leaderWaitMs ?? DEFAULT_LEADER_WAIT_MS);
}

export class FixedMasterTarget implements MasterTarget {
  constructor(private current: string) {}

  origin(): Promise<string> {
    return Promise.resolve(this.current);
  }

  answeredBy(origin: string): void {
    this.current = origin;
  }

  onLeaderChange(): () => void {
    return () => {};
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * Follows a MasterDetector. Redirects are not remembered: the election is the authority, and a
 * standby's 307 during a hand-over would otherwise pin the client to a stale answer.
 */
export class DetectedMasterTarget implements MasterTarget {
  private closed = false;
  private readonly abandonWaits = new Set<() => void>();

  constructor(
    private readonly detector: MasterDetector,
    private readonly description: string,
    private readonly clock: Clock,
    private readonly leaderWaitMs: number,
  ) {}

  origin(): Promise<string> {
    if (this.closed) return Promise.reject(new ConnectionError(this.description, { cause: new Error('the client is closed') }));
    const leader = this.detector.detect();
    if (leader) return Promise.resolve(leaderOrigin(leader));
    // A ZooKeeper still being dialled holds no socket: without the hold a CLI would exit mid-wait.
    return keepingProcessAlive(new Promise((resolve, reject) => {
      let timer: TimerHandle | undefined = undefined;
      const finish = (outcome: string | Error): void => {
        timer?.cancel();
        unsubscribe();
        this.abandonWaits.delete(abandon);
        if (typeof outcome === 'string') resolve(outcome);
        else reject(outcome);
      };
      const abandon = (): void => finish(new ConnectionError(this.description, { cause: new Error('the client was closed while waiting for a leader') }));
      const unsubscribe = this.detector.subscribe((leader) => {
        if (leader) finish(leaderOrigin(leader));
      });
      this.abandonWaits.add(abandon);
      timer = this.clock.setTimer(this.leaderWaitMs, () => finish(new ConnectionError(this.description, {
        cause: new Error(`no leading master found in ZooKeeper within ${this.leaderWaitMs} ms`),
      })));
    }));
  }

  answeredBy(): void {}

  onLeaderChange(listener: LeaderChangeListener): () => void {
    return this.detector.subscribe((leader) => listener(leader ? leaderOrigin(leader) : null));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const abandon of [...this.abandonWaits]) abandon();
    await this.detector.close();
  }
}

/** Errors name the URL; a digest password in it must not reach logs or terminals. */
function withoutCredentials(zkUrl: string): string {
  return zkUrl.replace(/^(zk:\/\/)[^@/]*@/i, '$1***@');
}

function readUtf8(path: string): string {
  return readFileSync(path, 'utf8');
}
