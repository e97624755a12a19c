/**
 * Backends by name, as `--containerizers=docker,linux,posix` names them. A backend registers a
 * factory; the agent builds the ones its flag lists and fails start-up naming any it cannot build.
 */
import type { Clock } from '../lib/clock.ts';
import { ConfigError } from '../lib/errors.ts';
import type { Containerizer } from './containerizer.ts';
import { createPosixContainerizer } from './posix/posix-containerizer.ts';

export interface ContainerizerDeps {
  readonly clock: Clock;
  /** Agent work directory, for backends that keep state of their own. */
  readonly workDir: string;
}

export type ContainerizerFactory = (deps: ContainerizerDeps) => Containerizer;

export class ContainerizerRegistry {
  private readonly factories = new Map<string, ContainerizerFactory>();

  register(name: string, factory: ContainerizerFactory): this {
    if (this.factories.has(name)) throw new Error(`containerizer '${name}' is already registered`);
    this.factories.set(name, factory);
    return this;
  }

  names(): string[] {
    return [...this.factories.keys()];
  }

  /** Builds each named backend in order; an unknown name or a failing factory is a ConfigError. */
  create(names: readonly string[], deps: ContainerizerDeps): Containerizer[] {
    if (names.length === 0) throw new ConfigError('containerizers', 'must name at least one backend');
    return names.map((name) => {
      const factory = this.factories.get(name);
      if (!factory) {
        throw new ConfigError('containerizers', `unknown backend '${name}' (known: ${this.names().join(', ')})`);
      }
      try {
        return factory(deps);
      } catch (error) {
        throw new ConfigError('containerizers', `backend '${name}' failed to start: ${(error as Error).message}`, { cause: error });
      }
    });
  }
}

/** The registry with every backend this build ships. */
export function defaultContainerizerRegistry(): ContainerizerRegistry {
  return new ContainerizerRegistry().register('posix', (deps) => createPosixContainerizer({ clock: deps.clock }));
}
