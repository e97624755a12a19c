/**
 * The Registrar: the only way the registry changes. Callers `apply` a named operation and await
 * it; the operation takes effect (shows in `registry`) only after the store has persisted it.
 * Operations that arrive while a write is in flight are gathered into the next write, so a burst
 * of agent registrations costs one store round trip, not one each.
 *
 * A failed or timed-out write, or a version conflict, fails the registrar for good: every waiting
 * and later operation is rejected and `failed` settles. The master should then exit, as Mesos does,
 * because it can no longer be sure what the registry holds or that it still leads.
 */
import type { Clock } from '../../lib/clock.ts';
import { systemClock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { silentLogger } from '../../lib/logger.ts';
import { applyToDraft, type RegistryOperation, RegistryOperationError } from './operations.ts';
import { draftOf, type Registry } from './registry.ts';
import type { RegistryStore } from './store.ts';

/** Mesos' `--registry_store_timeout` and `--registry_fetch_timeout` defaults. */
export const DEFAULT_REGISTRY_STORE_TIMEOUT_MS = 20_000;
export const DEFAULT_REGISTRY_FETCH_TIMEOUT_MS = 60_000;

export interface RegistrarOptions {
  readonly store: RegistryStore;
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly storeTimeoutMs?: number;
  readonly fetchTimeoutMs?: number;
}

export interface ApplyOutcome {
  /** False when the operation was valid but changed nothing (e.g. marking a gone agent gone). */
  readonly changed: boolean;
}

/** The registrar can no longer write: the store failed, timed out, or another master wrote. */
export class RegistrarFailedError extends Error {
  override readonly name = 'RegistrarFailedError';
}

interface Pending {
  readonly operation: RegistryOperation;
  resolve(outcome: ApplyOutcome): void;
  reject(error: Error): void;
}

export class Registrar {
  readonly failed: Promise<RegistrarFailedError>;
  private readonly store: RegistryStore;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly storeTimeoutMs: number;
  private readonly fetchTimeoutMs: number;
  private committed: Registry | undefined;
  private version = 0;
  private queue: Pending[] = [];
  private writing = false;
  private failure: RegistrarFailedError | undefined;
  private resolveFailed!: (error: RegistrarFailedError) => void;
  /** Store writes made, for metrics and tests of batching. */
  writes = 0;

  constructor(options: RegistrarOptions) {
    this.store = options.store;
    this.clock = options.clock ?? systemClock;
    this.logger = (options.logger ?? silentLogger()).child({ component: 'registrar' });
    this.storeTimeoutMs = options.storeTimeoutMs ?? DEFAULT_REGISTRY_STORE_TIMEOUT_MS;
    this.fetchTimeoutMs = options.fetchTimeoutMs ?? DEFAULT_REGISTRY_FETCH_TIMEOUT_MS;
    this.failed = new Promise((resolve) => (this.resolveFailed = resolve));
  }

  /** Reads the registry from the store; the newly elected master calls this before serving. */
  async recover(): Promise<Registry> {
    try {
      const stored = await this.withTimeout(this.store.fetch(), this.fetchTimeoutMs, 'fetch');
      this.committed = stored.registry;
      this.version = stored.version;
      this.logger.info({ agents: stored.registry.agents.size, unreachable: stored.registry.unreachable.size, gone: stored.registry.gone.size, version: stored.version }, 'registry recovered');
      return stored.registry;
    } catch (error) {
      throw this.fail(error, 'fetch');
    }
  }

  /** The registry as last persisted. Throws before `recover()`. */
  get registry(): Registry {
    if (!this.committed) throw new Error('registrar: recover() has not completed');
    return this.committed;
  }

  get recovered(): boolean {
    return this.committed !== undefined;
  }

  /**
   * Applies `operation` once persisted. Rejects with RegistryOperationError if the registry
   * refuses it (nothing is written), or RegistrarFailedError if it could not be persisted.
   */
  apply(operation: RegistryOperation): Promise<ApplyOutcome> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.committed) return Promise.reject(new Error('registrar: recover() has not completed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ operation, resolve, reject });
      if (!this.writing) void this.writeBatches();
    });
  }

  private async writeBatches(): Promise<void> {
    this.writing = true;
    try {
      while (this.queue.length > 0 && !this.failure) await this.writeBatch(this.queue.splice(0));
    } finally {
      this.writing = false;
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    const base = this.committed;
    if (!base) return;
    const draft = draftOf(base);
    const accepted: { pending: Pending; changed: boolean }[] = [];
    for (const pending of batch) {
      const outcome = applyToDraft(draft, pending.operation);
      if (outcome instanceof RegistryOperationError) pending.reject(outcome);
      else accepted.push({ pending, changed: outcome });
    }
    if (accepted.length === 0) return;
    if (accepted.some((a) => a.changed)) {
      try {
        this.writes++;
        this.version = await this.withTimeout(this.store.store(draft, this.version), this.storeTimeoutMs, 'store');
        this.committed = draft;
      } catch (error) {
        const failure = this.fail(error, 'store');
        for (const { pending } of accepted) pending.reject(failure);
        for (const pending of this.queue.splice(0)) pending.reject(failure);
        return;
      }
    }
    for (const { pending, changed } of accepted) pending.resolve({ changed });
  }

  private fail(error: unknown, what: 'fetch' | 'store'): RegistrarFailedError {
    if (this.failure) return this.failure;
    const message = error instanceof Error ? error.message : String(error);
    this.failure = new RegistrarFailedError(`registry ${what} failed: ${message}`, { cause: error });
    this.logger.error({ err: error }, `registry ${what} failed; the registrar accepts no more operations`);
    this.resolveFailed(this.failure);
    return this.failure;
  }

  private withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = this.clock.setTimer(ms, () => reject(new Error(`registry ${what} timed out after ${ms} ms`)));
      promise.then(
        (value) => {
          timer.cancel();
          resolve(value);
        },
        (error: unknown) => {
          timer.cancel();
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }
}
