/**
 * The MasterDetector port: who leads now, and a push when that changes. Masters use it to
 * redirect, agents/SDK/CLI to follow the leader. Two implementations: `StandaloneMasterDetector`
 * here (the leader is whoever is appointed: `mesos local`, `--master=host:port`) and
 * `ZooKeeperMasterDetector` (zk-detector.ts).
 */
import type { Clock } from '../clock.ts';
import type { MasterInfo } from '../../protocol/index.ts';

export type LeaderListener = (leader: MasterInfo | null) => void;

export interface MasterDetector {
  /** The current leader as last seen, or null when none is known. */
  detect(): MasterInfo | null;
  /** `listener` runs on every change of leader (not immediately); returns an unsubscribe. */
  subscribe(listener: LeaderListener): () => void;
  close(): Promise<void>;
}

/** A detector told who leads: by the master itself (standalone) or from a fixed `--master`. */
export class StandaloneMasterDetector implements MasterDetector {
  private leader: MasterInfo | null;
  private readonly listeners = new Set<LeaderListener>();

  constructor(initial: MasterInfo | null = null) {
    this.leader = initial;
  }

  appoint(leader: MasterInfo | null): void {
    if (leader === this.leader) return;
    this.leader = leader;
    for (const listener of [...this.listeners]) listener(leader);
  }

  detect(): MasterInfo | null {
    return this.leader;
  }

  subscribe(listener: LeaderListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): Promise<void> {
    this.listeners.clear();
    return Promise.resolve();
  }
}

/**
 * Resolves with the first known leader (at once if one is known), or null after `timeoutMs`.
 * `accept` narrows what counts, e.g. "a leader other than the one that just failed".
 */
export function waitForLeader(detector: MasterDetector, clock: Clock, timeoutMs: number, accept: (leader: MasterInfo) => boolean = () => true): Promise<MasterInfo | null> {
  const current = detector.detect();
  if (current && accept(current)) return Promise.resolve(current);
  return new Promise((resolve) => {
    const unsubscribe = detector.subscribe((leader) => {
      if (!leader || !accept(leader)) return;
      timer.cancel();
      unsubscribe();
      resolve(leader);
    });
    const timer = clock.setTimer(timeoutMs, () => {
      unsubscribe();
      resolve(null);
    });
  });
}
