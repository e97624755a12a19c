/**
 * Drives an SDK SchedulerClient for a bench: reads its events in the background, acknowledges
 * every update that carries a uuid (through a concurrency limit, without holding up the event
 * loop), keeps the offers nobody has taken yet, and lets the bench wait for offers and updates.
 */
import type { Offer, SchedulerClient, SchedulerEvent, TaskStatus } from '../../src/sdk/index.ts';
import { ConcurrencyLimit } from './concurrency-limit.ts';
import { sampleError } from './error-samples.ts';

export type UpdateListener = (status: TaskStatus, receivedAt: number) => void;

export class SchedulerTap {
  /** Offers received and not yet taken, oldest first. */
  private readonly offers: Offer[] = [];
  private offerWaiters: (() => void)[] = [];
  private readonly updateListeners = new Set<UpdateListener>();
  private readonly acks: ConcurrencyLimit;
  acknowledged = 0;
  ackFailures = 0;
  private closed = false;
  readonly done: Promise<void>;

  constructor(readonly client: SchedulerClient, ackConcurrency = 16) {
    this.acks = new ConcurrencyLimit(ackConcurrency);
    this.done = this.read();
  }

  private async read(): Promise<void> {
    for await (const event of this.client.events()) this.onEvent(event);
  }

  private onEvent(event: SchedulerEvent): void {
    if (event.type === 'OFFERS') {
      this.offers.push(...(event.offers?.offers ?? []));
      for (const wake of this.offerWaiters.splice(0)) wake();
    } else if (event.type === 'RESCIND' && event.rescind) {
      const gone = event.rescind.offer_id.value;
      const index = this.offers.findIndex((offer) => offer.id.value === gone);
      if (index !== -1) this.offers.splice(index, 1);
    } else if (event.type === 'UPDATE' && event.update) {
      const status = event.update.status;
      const receivedAt = performance.now();
      if (status.uuid !== undefined) this.acknowledge(status);
      for (const listener of this.updateListeners) listener(status, receivedAt);
    }
  }

  private acknowledge(status: TaskStatus): void {
    this.acks.run(() => this.client.acknowledge(status)).then(
      () => { this.acknowledged++; },
      (err: unknown) => {
        this.ackFailures++;
        sampleError('ACKNOWLEDGE', String(err));
      },
    );
  }

  /** Takes every offer held now, waiting for at least one. */
  async takeOffers(): Promise<Offer[]> {
    while (this.offers.length === 0) {
      if (this.closed) throw new Error('the scheduler was closed while waiting for offers');
      await new Promise<void>((resolve) => this.offerWaiters.push(resolve));
    }
    return this.offers.splice(0);
  }

  onUpdate(listener: UpdateListener): () => void {
    this.updateListeners.add(listener);
    return () => this.updateListeners.delete(listener);
  }

  /** Wakes `takeOffers` waiters so a bench that is giving up does not hang on them. */
  close(): void {
    this.closed = true;
    this.client.close();
    for (const wake of this.offerWaiters.splice(0)) wake();
  }
}

/** Sum of an offer's scalar resource `name` over all its roles. */
export function offeredScalar(offer: Offer, name: string): number {
  let total = 0;
  for (const resource of offer.resources ?? []) if (resource.name === name) total += resource.scalar?.value ?? 0;
  return total;
}
