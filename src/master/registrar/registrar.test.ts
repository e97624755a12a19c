import test from 'ava';
import { FakeClock } from '../../lib/clock.ts';
import { FailingRegistryStore } from './failing-store.ts';
import { MemoryRegistryStore } from './memory-store.ts';
import { RegistryOperationError } from './operations.ts';
import { RegistrarFailedError, Registrar } from './registrar.ts';
import { RegistryConflictError } from './store.ts';
import { agentInfo, registryWith } from './store-conformance.ts';

const admit = (id: string, n = 1) => ({ type: 'admitAgent', agentId: id, info: agentInfo(n) }) as const;

async function recovered(store = new FailingRegistryStore(), clock = new FakeClock()): Promise<{ registrar: Registrar; store: FailingRegistryStore; clock: FakeClock }> {
  const registrar = new Registrar({ store, clock });
  await registrar.recover();
  return { registrar, store, clock };
}

test('recover loads what the store holds', async (t) => {
  const memory = new MemoryRegistryStore();
  await memory.store(registryWith([admit('a1')]), 0);
  const registrar = new Registrar({ store: memory });
  const registry = await registrar.recover();
  t.true(registry.agents.has('a1'));
  t.true(registrar.recovered);
});

test('apply before recover is refused', async (t) => {
  const registrar = new Registrar({ store: new MemoryRegistryStore() });
  await t.throwsAsync(registrar.apply(admit('a')), { message: /recover/ });
  t.throws(() => registrar.registry, { message: /recover/ });
});

test('an operation takes effect only once the store has persisted it', async (t) => {
  const { registrar, store } = await recovered();
  const release = store.gate();
  const applied = registrar.apply(admit('a1'));
  await new Promise((r) => setImmediate(r));
  t.is(store.storeCalls, 1);
  t.false(registrar.registry.agents.has('a1'), 'not visible while the write is in flight');
  release();
  t.deepEqual(await applied, { changed: true });
  t.true(registrar.registry.agents.has('a1'));
  t.true((await store.inner.fetch()).registry.agents.has('a1'));
});

test('operations arriving during a write are batched into the next single write', async (t) => {
  const { registrar, store } = await recovered();
  const release = store.gate();
  const first = registrar.apply(admit('a0'));
  await new Promise((r) => setImmediate(r));
  const rest = Array.from({ length: 20 }, (_, n) => registrar.apply(admit(`b${n}`, n)));
  release();
  await first;
  await Promise.all(rest);
  t.is(registrar.writes, 2);
  t.is(registrar.registry.agents.size, 21);
});

test('a refused operation fails alone; the rest of its batch is persisted', async (t) => {
  const { registrar, store } = await recovered();
  await registrar.apply(admit('a'));
  const release = store.gate();
  const blocker = registrar.apply(admit('z'));
  await new Promise((r) => setImmediate(r));
  const dup = registrar.apply(admit('a'));
  const ok = registrar.apply(admit('b'));
  release();
  await blocker;
  await t.throwsAsync(dup, { instanceOf: RegistryOperationError, message: /already admitted/ });
  t.deepEqual(await ok, { changed: true });
  t.deepEqual([...registrar.registry.agents.keys()].sort(), ['a', 'b', 'z']);
});

test('a no-op operation resolves unchanged without a write', async (t) => {
  const { registrar } = await recovered();
  await registrar.apply(admit('a'));
  const writes = registrar.writes;
  t.deepEqual(await registrar.apply({ type: 'markAgentReachable', agentId: 'a', info: agentInfo(1) }), { changed: false });
  t.is(registrar.writes, writes);
});

test('a failed write rejects its operations, changes nothing, and fails the registrar for good', async (t) => {
  const { registrar, store } = await recovered();
  await registrar.apply(admit('a'));
  store.failStores(new Error('disk on fire'));
  const error = await t.throwsAsync(registrar.apply(admit('b')), { instanceOf: RegistrarFailedError, message: /disk on fire/ });
  t.false(registrar.registry.agents.has('b'));
  t.is(await registrar.failed, error);
  store.heal();
  await t.throwsAsync(registrar.apply(admit('c')), { instanceOf: RegistrarFailedError });
});

test('another writer moving the store on is a failure (this master must step down)', async (t) => {
  const memory = new MemoryRegistryStore();
  const { registrar } = await recovered(new FailingRegistryStore(memory));
  await new MemoryRegistryStore(memory.backing).store(registryWith([admit('theirs')]), 0);
  const error = await t.throwsAsync(registrar.apply(admit('ours')), { instanceOf: RegistrarFailedError });
  t.true(error?.cause instanceof RegistryConflictError);
});

test('a write that hangs past the store timeout fails the registrar (clock injected)', async (t) => {
  const store = new FailingRegistryStore();
  const clock = new FakeClock();
  const registrar = new Registrar({ store, clock, storeTimeoutMs: 20_000 });
  await registrar.recover();
  store.gate();
  const applied = registrar.apply(admit('a'));
  await new Promise((r) => setImmediate(r));
  clock.advance(19_999);
  t.false(registrar.registry.agents.has('a'));
  clock.advance(1);
  await t.throwsAsync(applied, { instanceOf: RegistrarFailedError, message: /timed out/ });
});

test('a failed fetch fails recovery with the cause', async (t) => {
  const store = new FailingRegistryStore();
  store.failFetches(new Error('zk down'));
  const registrar = new Registrar({ store });
  await t.throwsAsync(registrar.recover(), { instanceOf: RegistrarFailedError, message: /zk down/ });
});
