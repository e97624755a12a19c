import test from 'ava';
import type { FrameworkInfoWire } from '../wire.ts';
import { coreFixture, frameworkInfo, RecordingSink } from './test-doubles.ts';

const MASTER_ID = '11111111-2222-3333-4444-555555555555';
const AGENT_RESOURCES = [
  { name: 'cpus', type: 'SCALAR' as const, scalar: { value: 4 } },
  { name: 'mem', type: 'SCALAR' as const, scalar: { value: 1024 } },
];

async function subscribeAgent(f: ReturnType<typeof coreFixture>, sink = new RecordingSink()) {
  const result = await f.core.subscribeAgent({ info: { hostname: 'a1', port: 5051 }, resources: AGENT_RESOURCES, version: '1', tasks: [], ip: '10.0.0.2' }, sink);
  if (!result.ok) throw new Error(result.message);
  return { agentId: result.agentId, sink };
}

test('ids have Mesos shapes: <master>-0000, <master>-S<n>, <master>-O<n>', async (t) => {
  const f = coreFixture();
  const a = f.core.subscribe(frameworkInfo(), [], new RecordingSink());
  const b = f.core.subscribe(frameworkInfo(), [], new RecordingSink());
  t.deepEqual([a.ok && a.frameworkId, b.ok && b.frameworkId], [`${MASTER_ID}-0000`, `${MASTER_ID}-0001`]);
  t.is((await subscribeAgent(f)).agentId, `${MASTER_ID}-S0`);
  const agentId = (await subscribeAgent(f)).agentId;
  t.is(agentId, `${MASTER_ID}-S1`);
  f.core.offer([{ frameworkId: `${MASTER_ID}-0000`, agentId, role: '*', resources: AGENT_RESOURCES }]);
  t.deepEqual([...f.core.registry.offers.keys()], [`${MASTER_ID}-O0`]);
});

test('SUBSCRIBED then HEARTBEAT at once, then one HEARTBEAT per interval', async (t) => {
  const f = coreFixture({ heartbeat_interval: 15_000 });
  const sink = new RecordingSink();
  f.core.subscribe(frameworkInfo(), [], sink);
  t.deepEqual(sink.types(), ['SUBSCRIBED', 'HEARTBEAT']);
  t.is((sink.events[0] as unknown as { subscribed: { heartbeat_interval_seconds: number } }).subscribed.heartbeat_interval_seconds, 15);
  f.clock.advance(14_999);
  t.is(sink.types().length, 2);
  f.clock.advance(1);
  f.clock.advance(30_000);
  t.deepEqual(sink.types(), ['SUBSCRIBED', 'HEARTBEAT', 'HEARTBEAT', 'HEARTBEAT', 'HEARTBEAT']);
});

test('failover timer: the framework survives until failover_timeout, then is removed', async (t) => {
  const f = coreFixture();
  const sink = new RecordingSink();
  const result = f.core.subscribe(frameworkInfo({ failover_timeout: 10 }), [], sink);
  if (!result.ok) return t.fail();
  f.core.schedulerStreamClosed(result.frameworkId, sink);
  const framework = f.core.registry.frameworks.get(result.frameworkId);
  t.is(framework?.state, 'disconnected');
  t.true(f.calls.some(([m, id]) => m === 'deactivateFramework' && id === result.frameworkId));
  f.clock.advance(9_999);
  t.true(f.core.registry.frameworks.has(result.frameworkId));
  f.clock.advance(1);
  t.false(f.core.registry.frameworks.has(result.frameworkId));
  t.true(f.core.registry.isRemovedFramework(result.frameworkId));
  t.true(f.calls.some(([m, id]) => m === 'removeFramework' && id === result.frameworkId));
});

test('resubscribing in time cancels the failover timer and keeps the framework', async (t) => {
  const f = coreFixture();
  const first = new RecordingSink();
  const result = f.core.subscribe(frameworkInfo({ failover_timeout: 10 }), [], first);
  if (!result.ok) return t.fail();
  f.core.schedulerStreamClosed(result.frameworkId, first);
  f.clock.advance(5_000);
  const second = new RecordingSink();
  const again = f.core.subscribe(frameworkInfo({ id: { value: result.frameworkId }, failover_timeout: 10 }), [], second);
  t.deepEqual(again, { ok: true, frameworkId: result.frameworkId });
  f.clock.advance(60_000);
  t.is(f.core.registry.frameworks.get(result.frameworkId)?.state, 'active');
  // A stale close of the first stream must not disconnect the new one.
  f.core.schedulerStreamClosed(result.frameworkId, first);
  t.is(f.core.registry.frameworks.get(result.frameworkId)?.state, 'active');
});

test('an agent missing max_agent_ping_timeouts pongs becomes unreachable; one answering stays', async (t) => {
  const f = coreFixture({ agent_ping_timeout: 1000, max_agent_ping_timeouts: 3 });
  const quiet = await subscribeAgent(f);
  const chatty = await subscribeAgent(f);
  const chattyAgent = f.core.registry.agents.get(chatty.agentId);
  if (!chattyAgent) return t.fail();
  for (let i = 0; i < 5; i++) {
    f.core.pong(chattyAgent);
    f.clock.advance(1000);
  }
  await flush();
  t.is(f.core.registry.agents.get(quiet.agentId)?.state, 'unreachable');
  t.deepEqual(f.registrar.applied.map((op) => op.type), ['admitAgent', 'admitAgent', 'markAgentUnreachable'], 'persisted before it took effect');
  t.is(chattyAgent.state, 'registered');
  t.true(f.calls.some(([m, id]) => m === 'removeAgent' && id === quiet.agentId));
  t.true(quiet.sink.closed);
  t.is(quiet.sink.types().filter((x) => x === 'PING').length, 3);
});

test('suppress and revive default to all of the framework roles', async (t) => {
  const f = coreFixture();
  const result = f.core.subscribe(frameworkInfo({ roles: ['a', 'b'], capabilities: [{ type: 'MULTI_ROLE' }] }), [], new RecordingSink());
  if (!result.ok) return t.fail();
  const framework = f.core.registry.frameworks.get(result.frameworkId);
  if (!framework) return t.fail();
  f.core.suppress(framework, []);
  t.deepEqual([...framework.suppressedRoles], ['a', 'b']);
  f.core.revive(framework, ['a']);
  t.deepEqual([...framework.suppressedRoles], ['b']);
  t.deepEqual(f.calls.filter(([m]) => m === 'reviveOffers').map((c) => c[2]), [['a']]);
});

test('offers for a disconnected framework go straight back to the allocator', async (t) => {
  const f = coreFixture();
  const sink = new RecordingSink();
  const result = f.core.subscribe(frameworkInfo({ failover_timeout: 100 }), [], sink);
  if (!result.ok) return t.fail();
  const { agentId } = await subscribeAgent(f);
  f.core.schedulerStreamClosed(result.frameworkId, sink);
  f.core.offer([{ frameworkId: result.frameworkId, agentId, role: '*', resources: AGENT_RESOURCES }]);
  t.is(f.core.registry.offers.size, 0);
  t.true(f.calls.some(([m, fid, aid]) => m === 'recoverResources' && fid === result.frameworkId && aid === agentId));
});

test('offer_timeout rescinds an unused offer and returns its resources', async (t) => {
  const f = coreFixture({ offer_timeout: 30_000 });
  const sink = new RecordingSink();
  const result = f.core.subscribe(frameworkInfo(), [], sink);
  if (!result.ok) return t.fail();
  const { agentId } = await subscribeAgent(f);
  f.core.offer([{ frameworkId: result.frameworkId, agentId, role: '*', resources: AGENT_RESOURCES }]);
  t.is(f.core.registry.offers.size, 1);
  f.clock.advance(30_000);
  t.is(f.core.registry.offers.size, 0);
  t.true(sink.types().includes('RESCIND'));
});

/** Lets the registrar's (already resolved) promises run their continuations. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

test('an agent marked gone in the registry is refused; an unreachable one comes back reachable', async (t) => {
  const f = coreFixture({ agent_ping_timeout: 1000, max_agent_ping_timeouts: 1 });
  await f.registrar.apply({ type: 'admitAgent', agentId: 'old-S7', info: { hostname: 'h' } });
  await f.registrar.apply({ type: 'markAgentGone', agentId: 'old-S7', timeMs: 1 });
  const refused = await f.core.subscribeAgent({ info: { hostname: 'h' }, resources: AGENT_RESOURCES, version: '1', tasks: [], ip: '10.0.0.2', agentId: 'old-S7' }, new RecordingSink());
  t.deepEqual(refused, { ok: false, message: 'Agent old-S7 has been marked gone', shutdown: true });

  const { agentId } = await subscribeAgent(f);
  f.clock.advance(1000);
  await flush();
  t.is(f.core.registry.agents.get(agentId)?.state, 'unreachable');
  const back = await f.core.subscribeAgent({ info: { hostname: 'a1' }, resources: AGENT_RESOURCES, version: '1', tasks: [], ip: '10.0.0.2', agentId }, new RecordingSink());
  t.deepEqual(back, { ok: true, agentId });
  t.is(f.core.registry.agents.get(agentId)?.state, 'registered');
  t.true(f.registrar.registry.agents.has(agentId));
  t.false(f.registrar.registry.unreachable.has(agentId));
});

test('reconciliation after failover: silent for recovered agents, UNREACHABLE/GONE from the registry', async (t) => {
  const f = coreFixture();
  await f.registrar.apply({ type: 'admitAgent', agentId: 'prev-S1', info: { hostname: 'h1' } });
  await f.registrar.apply({ type: 'admitAgent', agentId: 'prev-S2', info: { hostname: 'h2' } });
  await f.registrar.apply({ type: 'markAgentUnreachable', agentId: 'prev-S2', timeMs: 5000 });
  await f.registrar.apply({ type: 'admitAgent', agentId: 'prev-S3', info: { hostname: 'h3' } });
  await f.registrar.apply({ type: 'markAgentGone', agentId: 'prev-S3', timeMs: 6000 });
  const sink = new RecordingSink();
  const result = f.core.subscribe(frameworkInfo({ capabilities: [{ type: 'PARTITION_AWARE' }] }), [], sink);
  if (!result.ok) return t.fail();
  const framework = f.core.registry.frameworks.get(result.frameworkId);
  if (!framework) return t.fail();
  f.core.reconcile(framework, [
    { taskId: 'on-recovering', agentId: 'prev-S1' },
    { taskId: 'on-unreachable', agentId: 'prev-S2' },
    { taskId: 'on-gone', agentId: 'prev-S3' },
    { taskId: 'nowhere' },
  ]);
  const updates = sink.events.filter((e) => e.type === 'UPDATE').map((e) => (e as unknown as { update: { status: { task_id: { value: string }; state: string; unreachable_time?: { nanoseconds: number } } } }).update.status);
  t.deepEqual(updates.map((s) => [s.task_id.value, s.state]), [['on-unreachable', 'TASK_UNREACHABLE'], ['on-gone', 'TASK_GONE_BY_OPERATOR']]);
  t.is(updates[0]?.unreachable_time?.nanoseconds, 5000 * 1e6);
});

test('a failover timeout of a year is honoured (beyond the platform timer limit)', async (t) => {
  const f = coreFixture();
  const sink = new RecordingSink();
  const result = f.core.subscribe(frameworkInfo({ failover_timeout: 365 * 86_400 }), [], sink);
  if (!result.ok) return t.fail();
  f.core.schedulerStreamClosed(result.frameworkId, sink);
  f.clock.advance(30 * 86_400_000);
  t.is(f.core.registry.frameworks.get(result.frameworkId)?.state, 'disconnected');
  f.clock.advance(335 * 86_400_000);
  t.false(f.core.registry.frameworks.has(result.frameworkId));
});

test('a retried update is forwarded again without a second state change; one for an untracked task is still forwarded', async (t) => {
  const f = coreFixture();
  const sink = new RecordingSink();
  const result = f.core.subscribe(frameworkInfo(), [], sink);
  if (!result.ok) return t.fail();
  const framework = f.core.registry.frameworks.get(result.frameworkId);
  const { agentId } = await subscribeAgent(f);
  const agent = f.core.registry.agents.get(agentId);
  if (!framework || !agent) return t.fail();
  f.core.offer([{ frameworkId: framework.id, agentId, role: '*', resources: AGENT_RESOURCES }]);
  const [offerId] = [...framework.offers];
  f.core.accept(framework, { offerIds: [{ value: offerId }], operations: [{ type: 'LAUNCH', launch: { task_infos: [{ name: 't', task_id: { value: 't' }, agent_id: { value: agentId }, command: { value: 'x' }, resources: [AGENT_RESOURCES[0]] }] } }] });
  const running = { task_id: { value: 't' }, state: 'TASK_RUNNING' as const, uuid: 'AAAAAAAAAAAAAAAAAAAAAA==' };
  f.core.statusUpdate(agent, framework.id, running);
  f.core.statusUpdate(agent, framework.id, running);
  t.is(framework.tasks.get('t')?.statuses.length, 1);
  f.core.statusUpdate(agent, framework.id, { task_id: { value: 'ghost' }, state: 'TASK_FINISHED', uuid: 'BBBBBBBBBBBBBBBBBBBBBB==' });
  const forwarded = sink.events.filter((e) => e.type === 'UPDATE').map((e) => (e as unknown as { update: { status: { task_id: { value: string } } } }).update.status.task_id.value);
  t.deepEqual(forwarded, ['t', 't', 'ghost']);
});

test('offer_filters reach the allocator as per-role minimums; bad ones are refused naming the field', async (t) => {
  const f = coreFixture();
  const offerFilters: FrameworkInfoWire['offer_filters'] = { web: { min_allocatable_resources: { quantities: [{ quantities: { cpus: { value: 2 }, mem: { value: 512 } } }, { quantities: { gpus: { value: 1 } } }] } } };
  const ok = f.core.subscribe(frameworkInfo({ offer_filters: offerFilters }), [], new RecordingSink());
  t.true(ok.ok);
  const added = f.calls.find(([m]) => m === 'addFramework');
  t.deepEqual((added?.[2] as { minAllocatable: unknown }).minAllocatable, { web: [{ cpus: 2, mem: 512 }, { gpus: 1 }] });
  const bad = f.core.subscribe(frameworkInfo({ offer_filters: { web: { min_allocatable_resources: { quantities: [{ quantities: { cpus: { value: -1 } } }] } } } }), [], new RecordingSink());
  t.false(bad.ok);
  t.regex(bad.ok ? '' : bad.message, /offer_filters\["web"\]\.min_allocatable_resources\.quantities\[0\]\.quantities\["cpus"\]/);
});

test('offers rescinded because their agent disconnected give their resources back', async (t) => {
  const f = coreFixture();
  const result = f.core.subscribe(frameworkInfo(), [], new RecordingSink());
  if (!result.ok) return t.fail();
  const sink = new RecordingSink();
  const { agentId } = await subscribeAgent(f, sink);
  f.core.offer([{ frameworkId: result.frameworkId, agentId, role: '*', resources: AGENT_RESOURCES }]);
  f.core.agentStreamClosed(agentId, sink);
  t.is(f.core.registry.offers.size, 0);
  t.true(f.calls.some(([m, fid, aid]) => m === 'recoverResources' && fid === result.frameworkId && aid === agentId));
  t.true(f.calls.some(([m, aid]) => m === 'deactivateAgent' && aid === agentId));
});
