/**
 * Decline filters of one framework: per (role, agent) the resources it refused and until when.
 * An offer is filtered while it is a subset of the refused resources and the filter has not
 * expired. Expiry is checked lazily against the clock at lookup time, so no timers are needed;
 * expired entries are dropped when met. Agents are keyed by their dense index (a number key is a
 * cheaper Map lookup than a string, and this lookup sits on the hot path of declined clusters).
 */

export interface DeclineFilter<R> {
  readonly refused: R;
  readonly expiresAt: number;
}

export class DeclineFilters<R> {
  private readonly byRole = new Map<string, Map<number, DeclineFilter<R>>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  install(role: string, agentIndex: number, refused: R, expiresAt: number): void {
    let perAgent = this.byRole.get(role);
    if (!perAgent) {
      perAgent = new Map();
      this.byRole.set(role, perAgent);
    }
    if (!perAgent.has(agentIndex)) this.count++;
    perAgent.set(agentIndex, { refused, expiresAt });
  }

  /** The live filter for (role, agent), dropping it if it has expired. */
  active(role: string, agentIndex: number, now: number): DeclineFilter<R> | undefined {
    if (this.count === 0) return undefined;
    const perAgent = this.byRole.get(role);
    if (!perAgent) return undefined;
    const filter = perAgent.get(agentIndex);
    if (!filter) return undefined;
    if (filter.expiresAt <= now) {
      perAgent.delete(agentIndex);
      this.count--;
      return undefined;
    }
    return filter;
  }

  /** Clears filters of the given roles (all roles when omitted), as REVIVE does. */
  clear(roles?: Iterable<string>): void {
    if (!roles) {
      this.byRole.clear();
      this.count = 0;
      return;
    }
    for (const role of roles) {
      const perAgent = this.byRole.get(role);
      if (perAgent) {
        this.count -= perAgent.size;
        this.byRole.delete(role);
      }
    }
  }

  forgetAgent(agentIndex: number): void {
    for (const perAgent of this.byRole.values()) {
      if (perAgent.delete(agentIndex)) this.count--;
    }
  }

  /** Live filters as (role, agentIndex, expiresAt), for diagnostics; drops expired ones. */
  *live(now: number): IterableIterator<{ role: string; agentIndex: number; expiresAt: number }> {
    for (const [role, perAgent] of this.byRole) {
      for (const [agentIndex, filter] of perAgent) {
        if (filter.expiresAt <= now) {
          perAgent.delete(agentIndex);
          this.count--;
          continue;
        }
        yield { role, agentIndex, expiresAt: filter.expiresAt };
      }
    }
  }
}
