/**
 * A store that fails on command, for tests of what the master does when the registry cannot be
 * written or read. Delegates to a real store otherwise; `gate()` holds writes until released, so
 * tests can observe that nothing takes effect before it is persisted.
 */
import { MemoryRegistryStore } from './memory-store.ts';
import type { Registry } from './registry.ts';
import type { RegistryStore, StoredRegistry } from './store.ts';

export class FailingRegistryStore implements RegistryStore {
  private storeFailure: Error | undefined;
  private fetchFailure: Error | undefined;
  private held: (() => void)[] | undefined;
  /** Writes attempted (including failed and held ones). */
  storeCalls = 0;

  constructor(readonly inner: RegistryStore = new MemoryRegistryStore()) {}

  /** Every write fails with `error` until `heal()`. */
  failStores(error: Error = new Error('injected registry store failure')): void {
    this.storeFailure = error;
  }

  failFetches(error: Error = new Error('injected registry fetch failure')): void {
    this.fetchFailure = error;
  }

  heal(): void {
    this.storeFailure = undefined;
    this.fetchFailure = undefined;
  }

  /** Holds writes until the returned release is called. */
  gate(): () => void {
    const held: (() => void)[] = [];
    this.held = held;
    return () => {
      if (this.held === held) this.held = undefined;
      for (const release of held.splice(0)) release();
    };
  }

  fetch(): Promise<StoredRegistry> {
    if (this.fetchFailure) return Promise.reject(this.fetchFailure);
    return this.inner.fetch();
  }

  async store(registry: Registry, expectedVersion: number): Promise<number> {
    this.storeCalls++;
    const held = this.held;
    if (held) await new Promise<void>((resolve) => held.push(resolve));
    if (this.storeFailure) throw this.storeFailure;
    return this.inner.store(registry, expectedVersion);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
