/** The registrar's public surface: operations, the Registrar, stores and their selection. */
export { EMPTY_REGISTRY, type Registry } from './registry.ts';
export { applyOperation, type ApplyResult, type RegistryOperation, RegistryOperationError } from './operations.ts';
export { type ApplyOutcome, DEFAULT_REGISTRY_FETCH_TIMEOUT_MS, DEFAULT_REGISTRY_STORE_TIMEOUT_MS, Registrar, RegistrarFailedError, type RegistrarOptions } from './registrar.ts';
export { RegistryConflictError, type RegistryStore, type StoredRegistry } from './store.ts';
export { MemoryRegistryStore } from './memory-store.ts';
export { FileRegistryStore, registryFilePath } from './file-store.ts';
export { ZooKeeperRegistryStore } from './zookeeper-store.ts';
export { FailingRegistryStore } from './failing-store.ts';
export { registryStoreFor, type RegistryStoreFlags } from './store-for-flags.ts';
export { DEFAULT_REGISTRY_GC_INTERVAL_MS, DEFAULT_REGISTRY_MAX_AGENT_AGE_MS, DEFAULT_REGISTRY_MAX_AGENT_COUNT, pruneOperation } from './gc.ts';
