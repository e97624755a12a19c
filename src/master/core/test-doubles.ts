/**
 * Test doubles for the master core's unit tests: an allocator that records calls and a sink
 * that records events. Not used by production code.
 */
import { FakeClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { masterConfigWith, type MasterConfig } from '../config.ts';
import { masterInfoFor } from '../master-info.ts';
import type { FrameworkInfoWire } from '../wire.ts';
import { MasterCore } from './master-core.ts';
import type { EventSink } from './model.ts';
import { applyOperation, type RegistryOperation } from '../registrar/operations.ts';
import { EMPTY_REGISTRY, type Registry } from '../registrar/registry.ts';
import type { AllocatorPort, RegistrarPort } from './ports.ts';

export type AllocatorCall = [method: keyof AllocatorPort, ...args: unknown[]];

export function recordingAllocator(calls: AllocatorCall[]): AllocatorPort {
  const record = (method: keyof AllocatorPort) => (...args: unknown[]) => void calls.push([method, ...args]);
  return {
    addFramework: record('addFramework'),
    updateFramework: record('updateFramework'),
    removeFramework: record('removeFramework'),
    activateFramework: record('activateFramework'),
    deactivateFramework: record('deactivateFramework'),
    addAgent: record('addAgent'),
    updateAgentTotal: record('updateAgentTotal'),
    removeAgent: record('removeAgent'),
    activateAgent: record('activateAgent'),
    deactivateAgent: record('deactivateAgent'),
    recoverResources: record('recoverResources'),
    suppressOffers: record('suppressOffers'),
    reviveOffers: record('reviveOffers'),
  };
}

/** A registrar that persists nowhere but applies operations by the real rules. */
export class MemoryRegistrar implements RegistrarPort {
  registry: Registry = EMPTY_REGISTRY;
  readonly recovered = true;
  readonly applied: RegistryOperation[] = [];

  apply(operation: RegistryOperation): Promise<unknown> {
    const result = applyOperation(this.registry, operation);
    if (!result.ok) return Promise.reject(result.error);
    this.registry = result.registry;
    this.applied.push(operation);
    return Promise.resolve({ changed: result.changed });
  }
}

export class RecordingSink implements EventSink {
  readonly events: { type: string; [key: string]: unknown }[] = [];
  closed = false;
  constructor(readonly streamId = `stream-${Math.random().toString(16).slice(2)}`) {}
  send(event: object): void {
    if (!this.closed) this.events.push(event as { type: string });
  }
  close(): void {
    this.closed = true;
  }
  types(): string[] {
    return this.events.map((e) => e.type);
  }
}

export interface CoreFixture {
  readonly core: MasterCore;
  readonly clock: FakeClock;
  readonly calls: AllocatorCall[];
  readonly registrar: MemoryRegistrar;
}

export function coreFixture(overrides: Partial<MasterConfig> = {}): CoreFixture {
  const clock = new FakeClock();
  const calls: AllocatorCall[] = [];
  const registrar = new MemoryRegistrar();
  const core = new MasterCore({
    registrar,
    config: masterConfigWith({ heartbeat_interval: 15_000, ...overrides }),
    clock,
    logger: silentLogger(),
    allocator: recordingAllocator(calls),
    masterInfo: masterInfoFor('11111111-2222-3333-4444-555555555555', '10.0.0.1', 5050, 'm1'),
  });
  return { core, clock, calls, registrar };
}

export function frameworkInfo(extra: Partial<FrameworkInfoWire> = {}): FrameworkInfoWire {
  return { user: 'u', name: 'fw', ...extra };
}
