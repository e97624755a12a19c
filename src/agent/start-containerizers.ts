/**
 * Builds the backends `--containerizers` names and checks each can work on this host before the
 * agent registers: a factory that throws (no cgroups, no Docker socket) or a recovery that fails
 * (the engine does not answer) stops start-up with one line naming the backend. Recovery is handed
 * no containers, as the agent does not re-adopt executors yet, so each backend clears the
 * containers this agent left behind (its scope only: the work dir).
 */
import type { Clock } from '../lib/clock.ts';
import { ConfigError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { Containerizer } from '../isolation/containerizer.ts';
import { FIX_HINT, type ContainerizerRegistry } from '../isolation/registry.ts';
import { containerizerFlags, containerizerNames, type AgentConfig } from './config.ts';

export async function startContainerizers(registry: ContainerizerRegistry, config: AgentConfig, clock: Clock, logger: Logger): Promise<Containerizer[]> {
  const log = logger.child({ component: 'isolation' });
  const containerizers = registry.create(containerizerNames(config), { clock, workDir: config.work_dir, flags: containerizerFlags(config), log });
  try {
    for (const containerizer of containerizers) {
      try {
        await containerizer.recover([]);
      } catch (error) {
        throw new ConfigError('containerizers', `backend '${containerizer.name}' cannot work here: ${(error as Error).message}; ${FIX_HINT(containerizer.name)}`, { cause: error });
      }
    }
  } catch (error) {
    await Promise.all(containerizers.map((c) => c.close?.().catch(() => undefined)));
    throw error;
  }
  log.info({ containerizers: containerizers.map((c) => c.name) }, 'isolation backends ready');
  return containerizers;
}
