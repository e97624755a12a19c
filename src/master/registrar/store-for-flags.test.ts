import test from 'ava';
import { ConfigError } from '../../lib/errors.ts';
import type { ZkSession } from '../../lib/zookeeper/session.ts';
import { FileRegistryStore } from './file-store.ts';
import { MemoryRegistryStore } from './memory-store.ts';
import { registryStoreFor } from './store-for-flags.ts';
import { ZooKeeperRegistryStore } from './zookeeper-store.ts';

test('in_memory is a memory store; replicated_log is ZooKeeper with --zk, else a file in the work dir', (t) => {
  t.true(registryStoreFor({ registry: 'in_memory', workDir: '' }) instanceof MemoryRegistryStore);
  const file = registryStoreFor({ registry: 'replicated_log', workDir: '/var/lib/mesos' });
  t.true(file instanceof FileRegistryStore);
  t.is((file as FileRegistryStore).path, '/var/lib/mesos/registry.json');
  const session = {} as ZkSession; // not touched until the store is used
  const zk = registryStoreFor({ registry: 'replicated_log', workDir: '', zk: { session, path: '/mesos' } });
  t.true(zk instanceof ZooKeeperRegistryStore);
  t.is((zk as ZooKeeperRegistryStore).manifestPath, '/mesos/registry');
});

test('bad combinations name the flag', (t) => {
  t.throws(() => registryStoreFor({ registry: 'replicated_log', workDir: '' }), { instanceOf: ConfigError, message: /--work_dir/ });
  t.throws(() => registryStoreFor({ registry: 'leveldb', workDir: '/w' }), { instanceOf: ConfigError, message: /--registry/ });
});
