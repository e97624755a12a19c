/**
 * The registry in memory (Mesos' `--registry=in_memory`, `mesos local`, tests). Registries are
 * immutable values, so the store keeps the reference it was given: a write costs O(1), not a
 * serialisation of every agent (which made admitting N agents O(N^2) in the master benchmark).
 * Two instances sharing one `MemoryBacking` behave like two masters sharing a real store; the
 * durable stores' round trip through the codec is covered by their own conformance runs.
 */
import { EMPTY_REGISTRY, type Registry } from './registry.ts';
import { RegistryConflictError, type RegistryStore, type StoredRegistry } from './store.ts';

export interface MemoryBacking {
  registry: Registry;
  version: number;
}

export class MemoryRegistryStore implements RegistryStore {
  readonly backing: MemoryBacking;

  constructor(backing: MemoryBacking = { registry: EMPTY_REGISTRY, version: 0 }) {
    this.backing = backing;
  }

  fetch(): Promise<StoredRegistry> {
    return Promise.resolve({ registry: this.backing.registry, version: this.backing.version });
  }

  store(registry: Registry, expectedVersion: number): Promise<number> {
    if (this.backing.version !== expectedVersion) return Promise.reject(new RegistryConflictError(expectedVersion, `store is at version ${this.backing.version}`));
    this.backing.registry = registry;
    this.backing.version = expectedVersion + 1;
    return Promise.resolve(this.backing.version);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
