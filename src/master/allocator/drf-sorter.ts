/**
 * One level of Mesos' DRF sorter: clients (roles, or the frameworks of one role) ordered by
 * dominant share of the cluster, divided by the client's weight. Only active clients sit in the
 * heap; inactive ones keep their allocation (it still counts) but are never picked. A change in
 * one client's allocation re-positions that client alone; a change of the cluster total marks the
 * whole sorter stale, and it is refreshed once, lazily, before the next round reads it.
 */
import { ClientHeap } from './client-heap.ts';
import type { HeapClient } from './client-heap.ts';
import { addInto, dominantShare } from './quantity-vector.ts';
import type { QuantityVector } from './quantity-vector.ts';

export interface SorterClient extends HeapClient {
  /** What this client holds now, offered or in use, in thousandths per kind. */
  readonly allocated: QuantityVector;
  weight: number;
}

/** The cluster's total scalar quantities; `version` moves whenever they change. */
export interface ClusterTotals {
  readonly values: QuantityVector;
  version: number;
}

export class DrfSorter<T extends SorterClient> {
  readonly heap = new ClientHeap<T>();
  private readonly clients = new Set<T>();
  private seenTotalsVersion = -1;

  constructor(private readonly totals: ClusterTotals) {}

  get clientCount(): number {
    return this.clients.size;
  }

  get activeCount(): number {
    return this.heap.size;
  }

  add(client: T, active: boolean): void {
    this.clients.add(client);
    client.share = this.shareOf(client);
    if (active) this.heap.insert(client);
  }

  remove(client: T): void {
    this.heap.remove(client);
    this.clients.delete(client);
  }

  setActive(client: T, active: boolean): void {
    if (!this.clients.has(client)) return;
    if (active) {
      client.share = this.shareOf(client);
      this.heap.insert(client);
    } else {
      this.heap.remove(client);
    }
  }

  isActive(client: T): boolean {
    return this.heap.has(client);
  }

  /** Adds (sign 1) or removes (sign -1) quantities; an allocation also counts toward the tie-break. */
  change(client: T, delta: QuantityVector, sign: 1 | -1): void {
    addInto(client.allocated, delta, sign);
    if (sign > 0) client.allocations++;
    client.share = this.shareOf(client);
    this.heap.update(client);
  }

  setWeight(client: T, weight: number): void {
    client.weight = weight;
    client.share = this.shareOf(client);
    this.heap.update(client);
  }

  /** Recomputes every share if the cluster total moved since the last look. */
  refresh(): void {
    if (this.seenTotalsVersion === this.totals.version) return;
    this.seenTotalsVersion = this.totals.version;
    for (const client of this.clients) client.share = this.shareOf(client);
    this.heap.rebuild();
  }

  all(): IterableIterator<T> {
    return this.clients.values();
  }

  private shareOf(client: T): number {
    return dominantShare(client.allocated, this.totals.values) / client.weight;
  }
}
