/**
 * The registry in a real 3-node ZooKeeper ensemble: the store conformance suite, chunking past
 * the 1 MB node limit, failover between registrars, and one node stopped and restarted while
 * the registry keeps being written.
 */
import test from 'ava';
import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../src/lib/errors.ts';
import { connectZk, type ZkSession } from '../../src/lib/zookeeper/session.ts';
import { Registrar, RegistrarFailedError } from '../../src/master/registrar/registrar.ts';
import { RegistryConflictError } from '../../src/master/registrar/store.ts';
import { agentInfo, registryStoreConformance } from '../../src/master/registrar/store-conformance.ts';
import { ZooKeeperRegistryStore } from '../../src/master/registrar/zookeeper-store.ts';
import { fourLetterWord, startZooKeeper, type ZooKeeperCluster } from '../../src/testing/zookeeper.ts';

let zk: ZooKeeperCluster;

test.before(async () => {
  zk = await startZooKeeper({ nodes: 3 });
});

test.after.always(async () => {
  await zk?.stop();
});

const uniquePath = (): string => `/mesos-${randomUUID().slice(0, 8)}`;

async function openSession(connectString = zk.connectString): Promise<ZkSession> {
  return connectZk({ connectString, sessionTimeoutMs: 6000, connectTimeoutMs: 15_000 });
}

/** The ensemble node (1-based) a session's connection is on, found with the `cons` word. */
async function nodeServing(session: ZkSession): Promise<number> {
  const id = BigInt(`0x${session.sessionId}`).toString(16);
  for (const node of zk.nodes) {
    const connections = await fourLetterWord(node.clientPort, 'cons');
    if (connections.includes(`sid=0x${id}`)) return node.id;
  }
  throw new Error(`session ${session.sessionId} not found on any node`);
}

registryStoreConformance(test, 'zookeeper store', async () => {
  const path = uniquePath();
  const sessions: ZkSession[] = [];
  return {
    async open() {
      const session = await openSession();
      sessions.push(session);
      return new ZooKeeperRegistryStore({ session, path });
    },
    async cleanup() {
      await Promise.all(sessions.map((s) => s.close()));
    },
  };
});

test('the registry is chunked below the node limit and old chunks are swept after each commit', async (t) => {
  const session = await openSession();
  try {
    const path = uniquePath();
    const store = new ZooKeeperRegistryStore({ session, path, chunkBytes: 64 * 1024 });
    const registrar = new Registrar({ store });
    await registrar.recover();
    await Promise.all(Array.from({ length: 300 }, (_, n) => registrar.apply({ type: 'admitAgent', agentId: `a${n}`, info: agentInfo(n, 800) })));
    await registrar.apply({ type: 'markAgentGone', agentId: 'a0', timeMs: 1 });

    const chunks = await session.getChildren(`${path}/registry`);
    const generations = new Set(chunks.map((name) => name.slice(0, name.lastIndexOf('-'))));
    t.is(generations.size, 1, `only the committed generation is left: ${[...generations].join(', ')}`);
    t.true(chunks.length >= 4, `${chunks.length} chunks`);
    for (const name of chunks) t.true((await session.get(`${path}/registry/${name}`)).data.length <= 64 * 1024);

    // The election path's other children are not disturbed, and the registry is not a member.
    t.deepEqual(await session.getChildren(path), ['registry']);
    const fresh = await new ZooKeeperRegistryStore({ session, path }).fetch();
    t.is(fresh.registry.agents.size, 299);
    t.true(fresh.registry.gone.has('a0'));
  } finally {
    await session.close();
  }
});

test('a new leader recovers what the old one wrote; the old one can no longer write', async (t) => {
  const path = uniquePath();
  const oldSession = await openSession();
  const newSession = await openSession();
  try {
    const oldLeader = new Registrar({ store: new ZooKeeperRegistryStore({ session: oldSession, path }) });
    await oldLeader.recover();
    await oldLeader.apply({ type: 'admitAgent', agentId: 'a1', info: agentInfo(1) });
    await oldLeader.apply({ type: 'markAgentUnreachable', agentId: 'a1', timeMs: 1_700_000_000_000 });

    const newLeader = new Registrar({ store: new ZooKeeperRegistryStore({ session: newSession, path }) });
    const recovered = await newLeader.recover();
    t.is(recovered.unreachable.get('a1'), 1_700_000_000_000);
    await newLeader.apply({ type: 'markAgentReachable', agentId: 'a1', info: agentInfo(1) });

    const error = await t.throwsAsync(oldLeader.apply({ type: 'admitAgent', agentId: 'stale', info: agentInfo(2) }), { instanceOf: RegistrarFailedError });
    t.true(error?.cause instanceof RegistryConflictError);
    const final = await new ZooKeeperRegistryStore({ session: newSession, path }).fetch();
    t.true(final.registry.agents.has('a1'));
    t.false(final.registry.agents.has('stale'));
  } finally {
    await oldSession.close();
    await newSession.close();
  }
});

test('with one ensemble node stopped the registry keeps working, and the node catches up on restart', async (t) => {
  const path = uniquePath();
  const session = await openSession();
  try {
    const registrar = new Registrar({ store: new ZooKeeperRegistryStore({ session, path }) });
    await registrar.recover();
    await registrar.apply({ type: 'admitAgent', agentId: 'before', info: agentInfo(1) });

    // Stop the very node this session is connected to, so the client has to fail over.
    const victim = await nodeServing(session);
    await zk.stopNode(victim);
    t.false(zk.nodes[victim - 1]?.running);
    await registrar.apply({ type: 'admitAgent', agentId: 'during', info: agentInfo(2) });
    t.false(session.lost);
    t.true(registrar.registry.agents.has('during'));

    await zk.startNode(victim);
    const onlyRestarted = await openSession(`127.0.0.1:${zk.nodes[victim - 1]?.clientPort ?? 0}`);
    try {
      const seen = await new ZooKeeperRegistryStore({ session: onlyRestarted, path }).fetch();
      t.deepEqual([...seen.registry.agents.keys()].sort(), ['before', 'during']);
    } finally {
      await onlyRestarted.close();
    }
    await registrar.apply({ type: 'removeAgent', agentId: 'before' });
    t.deepEqual([...registrar.registry.agents.keys()], ['during']);
  } finally {
    await session.close();
  }
});

test('a damaged registry node is an error naming the node and field, not a crash', async (t) => {
  const path = uniquePath();
  const session = await openSession();
  try {
    const store = new ZooKeeperRegistryStore({ session, path });
    await store.fetch(); // creates the node
    await session.set(`${path}/registry`, '{"base":0,"generation":"nope","chunks":0,"bytes":-1}', -1);
    const error = await t.throwsAsync(store.fetch(), { instanceOf: ValidationError });
    const fields = error?.problems.map((p) => p.path) ?? [];
    t.deepEqual(fields.sort(), [`${path}/registry.bytes`, `${path}/registry.chunks`, `${path}/registry.generation`]);
    await session.set(`${path}/registry`, 'garbage', -1);
    await t.throwsAsync(store.fetch(), { instanceOf: ValidationError, message: /not JSON/ });
  } finally {
    await session.close();
  }
});
