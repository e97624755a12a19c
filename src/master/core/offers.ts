/**
 * Offers: turning the allocator's decisions into OFFERS events, and ending offers (rescind,
 * expiry, use) with their resources handed back. Outstanding offers count as allocated.
 */
import { Resources } from '../../lib/resources/index.ts';
import { offerMachine, type OfferEvent } from '../state/offer.ts';
import type { OfferWire, ResourceWire } from '../wire.ts';
import { type MasterContext, sendToFramework } from './context.ts';
import { offersEvent, rescindEvent } from './events.ts';
import { setLongTimer } from './long-timer.ts';
import { type AgentRecord, type FrameworkRecord, hasCapability, inAllocator, type OfferRecord } from './model.ts';
import type { Allocation } from './ports.ts';

export function withAllocationRole(resources: readonly ResourceWire[], role: string): ResourceWire[] {
  return resources.map((r) => ({ ...r, allocation_info: { role } }));
}

export function withoutAllocationInfo(resources: readonly ResourceWire[]): ResourceWire[] {
  return resources.map(({ allocation_info: _dropped, ...rest }) => rest);
}

/** Sends each framework one OFFERS event with its new offers; undeliverable ones go straight back. */
export function makeOffers(ctx: MasterContext, allocations: readonly Allocation[]): void {
  const byFramework = new Map<string, OfferWire[]>();
  for (const allocation of allocations) {
    const framework = ctx.registry.frameworks.get(allocation.frameworkId);
    const agent = ctx.registry.agents.get(allocation.agentId);
    if (!framework || framework.state !== 'active' || !agent || agent.state !== 'registered') {
      ctx.allocator.recoverResources(allocation.frameworkId, allocation.agentId, allocation.resources);
      continue;
    }
    const offer: OfferRecord = {
      id: ctx.registry.nextOfferId(),
      frameworkId: framework.id,
      agentId: agent.id,
      role: allocation.role,
      resources: withAllocationRole(allocation.resources, allocation.role),
      state: 'outstanding',
      timer: null,
    };
    ctx.registry.offers.set(offer.id, offer);
    framework.offers.add(offer.id);
    agent.offers.add(offer.id);
    const timeout = ctx.config.offer_timeout;
    if (timeout !== null) offer.timer = setLongTimer(ctx.clock, timeout, () => rescindOffer(ctx, offer, 'timeout'));
    const list = byFramework.get(framework.id) ?? [];
    list.push(offerToWire(offer, framework, agent));
    byFramework.set(framework.id, list);
  }
  for (const [frameworkId, offers] of byFramework) {
    sendToFramework(ctx.registry.frameworks.get(frameworkId), offersEvent(offers));
  }
}

/** The Offer message as this framework may see it (allocation_info only for MULTI_ROLE). */
export function offerToWire(offer: OfferRecord, framework: FrameworkRecord, agent: AgentRecord): OfferWire {
  const multiRole = hasCapability(framework.info, 'MULTI_ROLE');
  const executorIds = [...(framework.executors.get(agent.id)?.keys() ?? [])].map((value) => ({ value }));
  return {
    id: { value: offer.id },
    framework_id: { value: framework.id },
    agent_id: { value: agent.id },
    hostname: agent.info.hostname,
    url: { scheme: 'http', address: { hostname: agent.info.hostname, ip: agent.ip, port: agent.port }, path: '/slave(1)' },
    resources: resourcesFor(framework, offer.resources),
    ...(agent.info.attributes?.length ? { attributes: agent.info.attributes } : {}),
    ...(executorIds.length ? { executor_ids: executorIds } : {}),
    ...(multiRole ? { allocation_info: { role: offer.role } } : {}),
  };
}

/**
 * Resources as this framework may see them: reservations in the pre-refinement form (`role`,
 * `"*"` when unreserved) unless it has RESERVATION_REFINEMENT, allocation_info only for MULTI_ROLE.
 */
export function resourcesFor(framework: FrameworkRecord, resources: readonly ResourceWire[]): ResourceWire[] {
  const shaped = hasCapability(framework.info, 'RESERVATION_REFINEMENT') ? [...resources] : Resources.fromWire(resources).toPreRefinementWire();
  return hasCapability(framework.info, 'MULTI_ROLE') ? shaped : withoutAllocationInfo(shaped);
}

/** Ends an offer's life (no resource handling): the caller decides where its resources go. */
export function endOffer(ctx: MasterContext, offer: OfferRecord, event: OfferEvent): void {
  offer.state = offerMachine.transition(offer.state, event);
  offer.timer?.cancel();
  offer.timer = null;
  ctx.registry.offers.delete(offer.id);
  ctx.registry.frameworks.get(offer.frameworkId)?.offers.delete(offer.id);
  ctx.registry.agents.get(offer.agentId)?.offers.delete(offer.id);
}

/**
 * Takes an offer back: resources return to the allocator (no filter) and the framework is told
 * with RESCIND when it still has a stream.
 */
export function rescindOffer(ctx: MasterContext, offer: OfferRecord, event: 'rescind' | 'timeout' = 'rescind'): void {
  if (offer.state !== 'outstanding') return;
  endOffer(ctx, offer, event);
  if (inAllocator(ctx.registry.agents.get(offer.agentId))) {
    ctx.allocator.recoverResources(offer.frameworkId, offer.agentId, offer.resources);
  }
  sendToFramework(ctx.registry.frameworks.get(offer.frameworkId), rescindEvent(offer.id));
}

export function rescindFrameworkOffers(ctx: MasterContext, framework: FrameworkRecord, roles?: ReadonlySet<string>): void {
  for (const id of [...framework.offers]) {
    const offer = ctx.registry.offers.get(id);
    if (offer && (roles === undefined || roles.has(offer.role))) rescindOffer(ctx, offer);
  }
}

export function rescindAgentOffers(ctx: MasterContext, agent: AgentRecord): void {
  for (const id of [...agent.offers]) {
    const offer = ctx.registry.offers.get(id);
    if (offer) rescindOffer(ctx, offer);
  }
}
