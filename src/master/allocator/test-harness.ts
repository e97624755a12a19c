/**
 * A small harness for allocator tests: a FakeClock, a deterministic agent order, and a log of
 * every offer delivered, with helpers that act like frameworks (decline, keep part, sum up).
 * Lives beside the allocator because only its tests use it.
 */
import { FakeClock } from '../../lib/clock.ts';
import { Resources } from '../../lib/resources/index.ts';
import { HierarchicalAllocator } from './allocator.ts';
import type { AllocatorOptions, OfferSet } from './types.ts';

export interface DeliveredOffer {
  round: number;
  frameworkId: string;
  role: string;
  agentId: string;
  resources: Resources;
}

/** A repeatable pseudo-random sequence (mulberry32), so agent order is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Harness {
  readonly clock = new FakeClock();
  readonly offers: DeliveredOffer[] = [];
  readonly allocator: HierarchicalAllocator;
  private rounds = 0;
  private seen = 0;

  constructor(options: Partial<Omit<AllocatorOptions, 'clock' | 'onOffers'>> = {}) {
    this.allocator = new HierarchicalAllocator({
      clock: this.clock,
      random: seededRandom(42),
      ...options,
      onOffers: (frameworkId, set) => this.collect(frameworkId, set),
    });
  }

  /**
   * Runs one round and returns every offer delivered since the last call: this round's, plus any
   * from rounds the allocator ran itself on a timer while the clock advanced.
   */
  round(): DeliveredOffer[] {
    this.rounds++;
    this.allocator.runRound();
    const fresh = this.offers.slice(this.seen);
    this.seen = this.offers.length;
    return fresh;
  }

  addAgent(id: string, resources: string): void {
    this.allocator.addAgent(id, { hostname: `${id}.example` }, Resources.parse(resources));
  }

  /** Hands an offer back; `refuseSeconds` undefined means no filter (like a rescind). */
  recover(offer: DeliveredOffer, refuseSeconds?: number): void {
    this.allocator.recoverResources(offer.frameworkId, offer.agentId, offer.resources, refuseSeconds === undefined ? undefined : { refuseSeconds });
  }

  private collect(frameworkId: string, set: OfferSet): void {
    for (const [role, byAgent] of set) {
      for (const [agentId, resources] of byAgent) this.offers.push({ round: this.rounds, frameworkId, role, agentId, resources });
    }
  }
}

export function sumScalar(offers: readonly DeliveredOffer[], name: string): number {
  return offers.reduce((sum, o) => sum + o.resources.scalar(name), 0);
}

export function byFramework(offers: readonly DeliveredOffer[], frameworkId: string): DeliveredOffer[] {
  return offers.filter((o) => o.frameworkId === frameworkId);
}
