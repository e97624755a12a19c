/**
 * Binds the master core's AllocatorPort (wire resources) to the HierarchicalAllocator
 * (Resources values), and turns its offer callback into the core's allocation list.
 */
import { ConfigError } from '../lib/errors.ts';
import { Resources } from '../lib/resources/index.ts';
import { HierarchicalAllocator, type MinAllocatableSpec, type OfferSet } from './allocator/index.ts';
import type { Clock } from '../lib/clock.ts';
import type { Allocation, AllocatorPort } from './core/ports.ts';
import type { ResourceWire } from './wire.ts';

/** `cpus:0.01|mem:32`: `|` separates alternatives, `;` joins requirements of one alternative. */
export function parseMinAllocatable(text: string): MinAllocatableSpec {
  return text.split('|').filter((set) => set.trim() !== '').map((set) => {
    const requirement: Record<string, number> = {};
    for (const part of set.split(';')) {
      const [name, value] = part.split(':').map((s) => s.trim());
      const amount = Number(value);
      if (!name || value === undefined || !Number.isFinite(amount) || amount < 0) {
        throw new ConfigError('min_allocatable_resources', `'${part}' is not name:quantity (e.g. cpus:0.01|mem:32)`);
      }
      requirement[name] = amount;
    }
    return requirement;
  });
}

function resources(list: readonly ResourceWire[]): Resources {
  return Resources.fromWire(list);
}

function usedMap(used: ReadonlyMap<string, ResourceWire[]>): Map<string, Resources> {
  return new Map([...used].map(([id, list]) => [id, resources(list)]));
}

export interface AllocatorBinding {
  readonly allocator: HierarchicalAllocator;
  readonly port: AllocatorPort;
}

export function bindAllocator(options: {
  clock: Clock;
  allocationIntervalMs: number;
  minAllocatable: MinAllocatableSpec;
  onAllocations: (allocations: Allocation[]) => void;
}): AllocatorBinding {
  const allocator = new HierarchicalAllocator({
    clock: options.clock,
    allocationIntervalMs: options.allocationIntervalMs,
    minAllocatable: options.minAllocatable,
    onOffers: (frameworkId: string, offers: OfferSet) => {
      const allocations: Allocation[] = [];
      for (const [role, byAgent] of offers) {
        for (const [agentId, offered] of byAgent) allocations.push({ frameworkId, agentId, role, resources: offered.toWire() });
      }
      options.onAllocations(allocations);
    },
  });
  const port: AllocatorPort = {
    addFramework: (id, framework, active) => allocator.addFramework(id, framework, new Map(), active),
    updateFramework: (id, framework) => allocator.updateFramework(id, framework, framework.suppressedRoles),
    removeFramework: (id) => allocator.removeFramework(id),
    activateFramework: (id) => allocator.activateFramework(id),
    deactivateFramework: (id) => allocator.deactivateFramework(id),
    addAgent: (id, hostname, total, used) => allocator.addAgent(id, { hostname }, resources(total), usedMap(used)),
    updateAgentTotal: (id, total) => allocator.updateAgent(id, resources(total)),
    removeAgent: (id) => allocator.removeAgent(id),
    activateAgent: (id) => allocator.activateAgent(id),
    deactivateAgent: (id) => allocator.deactivateAgent(id),
    recoverResources: (frameworkId, agentId, list, refuseSeconds) =>
      allocator.recoverResources(frameworkId, agentId, resources(list), refuseSeconds === undefined ? undefined : { refuseSeconds }),
    suppressOffers: (id, roles) => allocator.suppressOffers(id, roles),
    reviveOffers: (id, roles) => allocator.reviveOffers(id, roles),
  };
  return { allocator, port };
}
