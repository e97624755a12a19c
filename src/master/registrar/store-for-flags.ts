/**
 * Picks the registry store from the master's flags, as Mesos reads `--registry`: `in_memory`
 * (tests; lost on restart) or `replicated_log` (durable: in ZooKeeper next to the election when
 * `--zk` is given, else a file in `--work_dir`).
 */
import { ConfigError } from '../../lib/errors.ts';
import type { ZkSession } from '../../lib/zookeeper/session.ts';
import { FileRegistryStore } from './file-store.ts';
import { MemoryRegistryStore } from './memory-store.ts';
import type { RegistryStore } from './store.ts';
import { ZooKeeperRegistryStore } from './zookeeper-store.ts';

export interface RegistryStoreFlags {
  /** `--registry` */
  readonly registry: string;
  /** `--work_dir` */
  readonly workDir: string;
  /** The master's own ZooKeeper session and `--zk` path, when running with ZooKeeper. */
  readonly zk?: { readonly session: ZkSession; readonly path: string };
}

export function registryStoreFor(flags: RegistryStoreFlags): RegistryStore {
  switch (flags.registry) {
    case 'in_memory':
      return new MemoryRegistryStore();
    case 'replicated_log':
      if (flags.zk) return new ZooKeeperRegistryStore({ session: flags.zk.session, path: flags.zk.path });
      if (flags.workDir === '') throw new ConfigError('work_dir', 'is required with --registry=replicated_log');
      return FileRegistryStore.inWorkDir(flags.workDir);
    default:
      throw new ConfigError('registry', `must be in_memory or replicated_log, got '${flags.registry}'`);
  }
}
