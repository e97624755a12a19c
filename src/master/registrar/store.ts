/**
 * Where the registry is kept: the RegistryStore port. Writes are versioned compare-and-set, so
 * two masters that both think they lead cannot silently overwrite each other: the second write
 * from a stale version fails with RegistryConflictError, and that master must step down.
 * Implementations: memory-store.ts (tests), file-store.ts (standalone, in the work dir),
 * zookeeper-store.ts (HA), failing-store.ts (tests of failure paths). All pass store-conformance.ts.
 */
import type { Registry } from './registry.ts';

export interface StoredRegistry {
  readonly registry: Registry;
  /** Opaque to callers except as the `expectedVersion` of the next `store`. */
  readonly version: number;
}

export interface RegistryStore {
  /** The latest stored registry; an empty one (and its version) when nothing was stored yet. */
  fetch(): Promise<StoredRegistry>;
  /**
   * Replaces the stored registry if it is still at `expectedVersion`; resolves with the new
   * version once the write is durable. Throws RegistryConflictError if someone else wrote first.
   */
  store(registry: Registry, expectedVersion: number): Promise<number>;
  close(): Promise<void>;
}

/** Another writer changed the registry since our version: we are not the only leader. */
export class RegistryConflictError extends Error {
  override readonly name = 'RegistryConflictError';
  constructor(readonly expectedVersion: number, detail: string) {
    super(`registry was changed by another writer (expected version ${expectedVersion}): ${detail}`);
  }
}
