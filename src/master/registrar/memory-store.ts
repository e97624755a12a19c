/**
 * The registry in memory (Mesos' `--registry=in_memory`, and tests). Holds serialized text, not
 * live objects, so it round-trips through the codec like the durable stores and two instances
 * sharing one `MemoryBacking` behave like two masters sharing a real store.
 */
import { parseRegistry, serializeRegistry } from './codec.ts';
import { EMPTY_REGISTRY, type Registry } from './registry.ts';
import { RegistryConflictError, type RegistryStore, type StoredRegistry } from './store.ts';

export interface MemoryBacking {
  text: string | null;
  version: number;
}

export class MemoryRegistryStore implements RegistryStore {
  readonly backing: MemoryBacking;

  constructor(backing: MemoryBacking = { text: null, version: 0 }) {
    this.backing = backing;
  }

  fetch(): Promise<StoredRegistry> {
    const { text, version } = this.backing;
    return Promise.resolve({ registry: text === null ? EMPTY_REGISTRY : parseRegistry(text, 'memory registry'), version });
  }

  store(registry: Registry, expectedVersion: number): Promise<number> {
    if (this.backing.version !== expectedVersion) return Promise.reject(new RegistryConflictError(expectedVersion, `store is at version ${this.backing.version}`));
    this.backing.text = serializeRegistry(registry);
    this.backing.version = expectedVersion + 1;
    return Promise.resolve(this.backing.version);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
