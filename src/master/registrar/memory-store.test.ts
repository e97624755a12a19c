import test from 'ava';
import { MemoryRegistryStore, type MemoryBacking } from './memory-store.ts';
import { EMPTY_REGISTRY } from './registry.ts';
import { registryStoreConformance } from './store-conformance.ts';

registryStoreConformance(test, 'memory store', () => {
  const backing: MemoryBacking = { registry: EMPTY_REGISTRY, version: 0 };
  return Promise.resolve({ open: () => Promise.resolve(new MemoryRegistryStore(backing)), cleanup: () => Promise.resolve() });
});
