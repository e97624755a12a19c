/**
 * What the master core needs from the outside, as interfaces, so the core can be driven in
 * tests with fakes and composed with the real allocator in main.ts.
 */
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import type { MasterConfig } from '../config.ts';
import type { RegistryOperation } from '../registrar/operations.ts';
import type { Registry } from '../registrar/registry.ts';
import type { MasterInfoWire, ResourceWire } from '../wire.ts';

/**
 * The allocator as the master drives it. Resources travel in wire form with allocation_info;
 * main.ts adapts this onto the HierarchicalAllocator.
 */
/** What the allocator needs to know of a framework. */
export interface FrameworkAllocation {
  readonly roles: readonly string[];
  readonly suppressedRoles: readonly string[];
  /** FrameworkInfo.capabilities type names (GPU_RESOURCES, REVOCABLE_RESOURCES...). */
  readonly capabilities: readonly string[];
  /** Per role, FrameworkInfo.offer_filters[role].min_allocatable_resources as OR-ed sets. */
  readonly minAllocatable: Readonly<Record<string, ReadonlyArray<Readonly<Record<string, number>>>>>;
}

export interface AllocatorPort {
  addFramework(frameworkId: string, framework: FrameworkAllocation, active: boolean): void;
  updateFramework(frameworkId: string, framework: FrameworkAllocation): void;
  removeFramework(frameworkId: string): void;
  activateFramework(frameworkId: string): void;
  deactivateFramework(frameworkId: string): void;
  /** `used`: resources already held on the agent, by framework id (re-registration). */
  addAgent(agentId: string, hostname: string, total: readonly ResourceWire[], used: ReadonlyMap<string, ResourceWire[]>): void;
  updateAgentTotal(agentId: string, total: readonly ResourceWire[]): void;
  removeAgent(agentId: string): void;
  activateAgent(agentId: string): void;
  deactivateAgent(agentId: string): void;
  /** Hands resources back; `refuseSeconds` installs a decline filter when set. */
  recoverResources(frameworkId: string, agentId: string, resources: readonly ResourceWire[], refuseSeconds?: number): void;
  suppressOffers(frameworkId: string, roles: readonly string[]): void;
  reviveOffers(frameworkId: string, roles: readonly string[]): void;
}

/** One allocation decision: resources of one agent for one role of one framework. */
export interface Allocation {
  readonly frameworkId: string;
  readonly agentId: string;
  readonly role: string;
  readonly resources: ResourceWire[];
}

/**
 * The registrar as the core uses it: operations are persisted before they take effect, so the
 * core awaits `apply` and then looks its records up again. `registry` is what was persisted
 * (after recovery: agents a previous leader admitted, marked unreachable or gone).
 */
export interface RegistrarPort {
  apply(operation: RegistryOperation): Promise<unknown>;
  readonly recovered: boolean;
  readonly registry: Registry;
}

export interface MasterDeps {
  readonly config: MasterConfig;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly allocator: AllocatorPort;
  readonly registrar: RegistrarPort;
  readonly masterInfo: MasterInfoWire;
}
