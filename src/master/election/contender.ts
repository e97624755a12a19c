/**
 * The MasterContender port: a master enters the election with its MasterInfo and gets a
 * candidacy that says when it leads and when it has lost. A master that loses (its node is
 * gone, its session is gone, or someone else leads after it did) must stop serving as leader;
 * Mesos exits and lets the supervisor restart it, and so should main.ts.
 * Implementations: standalone.ts (elected at once) and zookeeper-contender.ts.
 */
import type { MasterInfoWire } from '../wire.ts';

export interface Candidacy {
  /** Resolves when this master becomes the leader; never rejects. */
  readonly elected: Promise<void>;
  /** Resolves with the reason when the candidacy is lost; never resolves after `withdraw()`. */
  readonly lost: Promise<string>;
  readonly isLeader: boolean;
  /** Leaves the election (graceful shutdown): the next master in line takes over. */
  withdraw(): Promise<void>;
}

export interface MasterContender {
  /** Enters the election; rejects if the candidacy could not even be created. */
  contend(info: MasterInfoWire): Promise<Candidacy>;
  close(): Promise<void>;
}

/** The settle-once bookkeeping both implementations share. */
export class CandidacyState implements Candidacy {
  readonly elected: Promise<void>;
  readonly lost: Promise<string>;
  private resolveElected!: () => void;
  private resolveLost!: (reason: string) => void;
  private leading = false;
  private over = false;

  constructor(private readonly onWithdraw: () => Promise<void>) {
    this.elected = new Promise((resolve) => (this.resolveElected = resolve));
    this.lost = new Promise((resolve) => (this.resolveLost = resolve));
  }

  get isLeader(): boolean {
    return this.leading && !this.over;
  }

  get finished(): boolean {
    return this.over;
  }

  markElected(): void {
    if (this.over || this.leading) return;
    this.leading = true;
    this.resolveElected();
  }

  markLost(reason: string): void {
    if (this.over) return;
    this.over = true;
    this.resolveLost(reason);
  }

  async withdraw(): Promise<void> {
    if (this.over) return;
    this.over = true;
    await this.onWithdraw();
  }
}
