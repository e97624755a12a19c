/**
 * An offer's life: made once, then ended exactly once.
 *
 *   outstanding ──accept──> accepted
 *        ├───────decline──> declined
 *        ├───────rescind──> rescinded   (agent lost, framework disconnected/failed over, role removed)
 *        └───────timeout──> expired     (--offer_timeout)
 *
 * Every ending returns the unused resources to the allocator.
 */
import { defineMachine } from './machine.ts';

export type OfferState =
  /** Sent to the framework; its resources count as allocated to it. */
  | 'outstanding'
  /** Used by ACCEPT (the unused part was declined). */
  | 'accepted'
  /** Returned by DECLINE. */
  | 'declined'
  /** Taken back by the master; the framework got RESCIND. */
  | 'rescinded'
  /** Outlived --offer_timeout; rescinded as well. */
  | 'expired';

export type OfferEvent = 'accept' | 'decline' | 'rescind' | 'timeout';

export const offerMachine = defineMachine<OfferState, OfferEvent>('offer', {
  outstanding: { accept: 'accepted', decline: 'declined', rescind: 'rescinded', timeout: 'expired' },
  accepted: {},
  declined: {},
  rescinded: {},
  expired: {},
});
