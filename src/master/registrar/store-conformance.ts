/**
 * What every RegistryStore must do, as one ava suite run against each implementation (memory,
 * file and ZooKeeper stores). A fixture opens any number of stores over the same backing, which
 * is how two masters see one registry.
 */
import type { ExecutionContext, TestFn } from 'ava';
import type { AgentInfoWire } from '../wire.ts';
import { applyOperation, type RegistryOperation } from './operations.ts';
import { EMPTY_REGISTRY, type Registry, sameRegistry } from './registry.ts';
import { RegistryConflictError, type RegistryStore } from './store.ts';

export interface StoreFixture {
  /** A new store over the fixture's shared backing. */
  open(): Promise<RegistryStore>;
  cleanup(): Promise<void>;
}

export function agentInfo(n: number, padding = 0): AgentInfoWire {
  return {
    hostname: `agent-${n}.example.org`,
    port: 5051,
    id: { value: `S${n}` },
    resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 4 } }],
    ...(padding > 0 ? { attributes: [{ name: 'rack', type: 'TEXT', text: { value: 'r'.repeat(padding) } }] } : {}),
  } as AgentInfoWire;
}

export function registryWith(operations: readonly RegistryOperation[], from: Registry = EMPTY_REGISTRY): Registry {
  let registry = from;
  for (const op of operations) {
    const result = applyOperation(registry, op);
    if (!result.ok) throw result.error;
    registry = result.registry;
  }
  return registry;
}

const sample = (): Registry =>
  registryWith([
    { type: 'admitAgent', agentId: 'a1', info: agentInfo(1) },
    { type: 'admitAgent', agentId: 'a2', info: agentInfo(2) },
    { type: 'admitAgent', agentId: 'a3', info: agentInfo(3) },
    { type: 'markAgentUnreachable', agentId: 'a2', timeMs: 1_700_000_000_123 },
    { type: 'markAgentGone', agentId: 'a3', timeMs: 1_700_000_000_456 },
  ]);

export function registryStoreConformance(test: TestFn, name: string, makeFixture: () => Promise<StoreFixture>): void {
  const withFixture = (title: string, body: (fixture: StoreFixture, t: ExecutionContext) => Promise<void>): void => {
    test(`${name}: ${title}`, async (t) => {
      const fixture = await makeFixture();
      try {
        await body(fixture, t);
      } finally {
        await fixture.cleanup();
      }
    });
  };

  withFixture('a fresh store holds the empty registry', async (fixture, t) => {
    const store = await fixture.open();
    const { registry } = await store.fetch();
    t.true(sameRegistry(registry, EMPTY_REGISTRY));
  });

  withFixture('what one store writes, another reads back exactly', async (fixture, t) => {
    const writer = await fixture.open();
    const { version } = await writer.fetch();
    const written = sample();
    await writer.store(written, version);
    const read = (await (await fixture.open()).fetch()).registry;
    t.true(sameRegistry(read, written));
    t.deepEqual(read.agents.get('a1'), agentInfo(1));
    t.is(read.unreachable.get('a2'), 1_700_000_000_123);
    t.is(read.gone.get('a3'), 1_700_000_000_456);
    t.false(read.agents.has('a2'));
  });

  withFixture('successive writes move the version on and the latest wins', async (fixture, t) => {
    const store = await fixture.open();
    let { version } = await store.fetch();
    const first = sample();
    version = await store.store(first, version);
    const second = registryWith([{ type: 'removeAgent', agentId: 'a1' }], first);
    const after = await store.store(second, version);
    t.not(after, version);
    const fetched = await (await fixture.open()).fetch();
    t.is(fetched.version, after);
    t.true(sameRegistry(fetched.registry, second));
  });

  withFixture('a write from a stale version is refused and changes nothing', async (fixture, t) => {
    const a = await fixture.open();
    const b = await fixture.open();
    const start = (await a.fetch()).version;
    t.is((await b.fetch()).version, start);
    const winner = sample();
    await a.store(winner, start);
    await t.throwsAsync(b.store(EMPTY_REGISTRY, start), { instanceOf: RegistryConflictError });
    t.true(sameRegistry((await (await fixture.open()).fetch()).registry, winner));
  });

  withFixture('two writers racing from one version: exactly one wins', async (fixture, t) => {
    const a = await fixture.open();
    const b = await fixture.open();
    const start = (await a.fetch()).version;
    const ra = registryWith([{ type: 'admitAgent', agentId: 'from-a', info: agentInfo(10) }]);
    const rb = registryWith([{ type: 'admitAgent', agentId: 'from-b', info: agentInfo(11) }]);
    const results = await Promise.allSettled([a.store(ra, start), b.store(rb, start)]);
    t.is(results.filter((r) => r.status === 'fulfilled').length, 1);
    const loser = results.find((r) => r.status === 'rejected');
    t.true(loser?.status === 'rejected' && loser.reason instanceof RegistryConflictError);
    const stored = (await (await fixture.open()).fetch()).registry;
    t.true(sameRegistry(stored, results[0]?.status === 'fulfilled' ? ra : rb));
  });

  withFixture('a registry larger than a ZooKeeper node (over 1 MB) round-trips', async (fixture, t) => {
    const store = await fixture.open();
    const { version } = await store.fetch();
    const ops: RegistryOperation[] = [];
    for (let n = 0; n < 1500; n++) ops.push({ type: 'admitAgent', agentId: `big-${n}`, info: agentInfo(n, 800) });
    const big = registryWith(ops);
    const next = await store.store(big, version);
    const fetched = await (await fixture.open()).fetch();
    t.is(fetched.version, next);
    t.is(fetched.registry.agents.size, 1500);
    t.true(sameRegistry(fetched.registry, big));
    // And shrinking again leaves no trace of the big one.
    const small = registryWith([{ type: 'admitAgent', agentId: 'only', info: agentInfo(1) }]);
    await store.store(small, next);
    t.true(sameRegistry((await (await fixture.open()).fetch()).registry, small));
  });
}
