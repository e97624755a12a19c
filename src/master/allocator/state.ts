/**
 * The allocator's records. Agents and frameworks get a dense numeric index at creation so hot
 * lookups (decline filters) key on numbers. Everything per-agent that the round reads on every
 * visit is kept as plain fields and vectors; `Resources` values are only built for what changes.
 */
import { Resources } from '../../lib/resources/index.ts';
import { DeclineFilters } from './decline-filters.ts';
import { DrfSorter } from './drf-sorter.ts';
import type { ClusterTotals, SorterClient } from './drf-sorter.ts';
import { freshNote } from './diagnostics.ts';
import type { RoundNote } from './diagnostics.ts';
import type { QuantityVector } from './quantity-vector.ts';
import type { OfferSet } from './types.ts';

/** What one framework holds in one role on one agent (offered or in use), kept without allocation_info. */
export interface Allocation {
  resources: Resources;
  /** All scalars, thousandths per kind. */
  q: QuantityVector;
  /** Unreserved scalars only (what counts against quota limits). */
  uq: QuantityVector;
}

export class AgentState {
  active = true;
  total: Resources = Resources.empty();
  totalQ: QuantityVector = [];
  /** Scalars reserved to each role in `total`. */
  reservedQ = new Map<string, QuantityVector>();
  hasReservations = false;
  hasGpus = false;
  hasRevocable = false;
  /** total minus everything allocated; never carries allocation_info. */
  free: Resources = Resources.empty();
  freeQ: QuantityVector = [];
  freeUnreservedQ: QuantityVector = [];
  /** Keyed by the (framework, role) sorter client: one map per agent, no per-framework maps. */
  readonly allocations = new Map<FrameworkClient, Allocation>();
  /** A released allocation record, reused by the next allocation on this agent (see Ledger.forget). */
  spare: Allocation | undefined;
  /** Moves whenever `free` changes; part of the key of `nobodyTakes`. */
  freeVersion = 0;
  /**
   * The last round found that no framework of `role` would take this agent's remainder (all
   * filtered or below their minimums). While the remainder, the role's candidates and the clock
   * (before `until`, the first filter expiry) stay the same, the walk would find the same again.
   */
  nobodyTakes: { role: RoleState; roleVersion: number; freeVersion: number; until: number } | undefined;
  /**
   * The last offer's plain and allocated forms: a cluster that declines or recovers whole offers
   * hands back the very object it was offered, and the same remainder is offered again next round,
   * so both conversions hit this cache instead of rebuilding Resources.
   */
  cachePlain: Resources | undefined;
  cacheRole: string | undefined;
  cacheAllocated: Resources | undefined;

  constructor(
    readonly id: string,
    readonly index: number,
    public hostname: string,
    public attributes: unknown,
  ) {}
}

export interface FrameworkClient extends SorterClient {
  readonly framework: FrameworkState;
  readonly role: string;
  /** The role this client sorts in; a role is only dropped once it has no clients left. */
  readonly roleState: RoleState;
}

export class FrameworkState {
  active = true;
  roles = new Set<string>();
  suppressed = new Set<string>();
  capabilities = new Set<string>();
  /** Per-role minimum allocatable overrides, compiled. */
  minAllocatable = new Map<string, QuantityVector[]>();
  readonly filters = new DeclineFilters<Resources>();
  readonly clients = new Map<string, FrameworkClient>();
  note: RoundNote = freshNote(0);
  /** Offers being collected in round `offersRound`; handed out and dropped when the round ends. */
  offers: OfferSet | undefined;
  offersRound = 0;

  constructor(
    readonly id: string,
    readonly index: number,
  ) {}

  wantsOffers(role: string): boolean {
    return this.active && this.roles.has(role) && !this.suppressed.has(role);
  }
}

export interface RoleClient extends SorterClient {
  readonly roleState: RoleState;
}

export class RoleState {
  readonly client: RoleClient;
  readonly frameworks: DrfSorter<FrameworkClient>;
  /** Unreserved scalars allocated to this role: with its reservations, what quota counts as consumed. */
  readonly allocatedUnreservedQ: QuantityVector = [];
  /** Moves whenever a framework in this role may have become willing to take more (see AgentState.nobodyTakes). */
  version = 0;

  constructor(
    readonly name: string,
    totals: ClusterTotals,
    weight: number,
  ) {
    this.client = { name, share: 0, allocations: 0, heapIndex: -1, allocated: [], weight, roleState: this };
    this.frameworks = new DrfSorter<FrameworkClient>(totals);
  }
}
