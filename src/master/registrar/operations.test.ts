import test from 'ava';
import { applyOperation, type RegistryOperation, RegistryOperationError } from './operations.ts';
import { EMPTY_REGISTRY, type Registry } from './registry.ts';
import { agentInfo, registryWith } from './store-conformance.ts';

const T1 = 1_700_000_000_000;
const admitted = (...ids: string[]): Registry => registryWith(ids.map((id, n) => ({ type: 'admitAgent', agentId: id, info: agentInfo(n) })));

function refused(registry: Registry, op: RegistryOperation): string {
  const result = applyOperation(registry, op);
  if (result.ok) throw new Error(`expected ${op.type} to be refused`);
  return result.error.message;
}

test('admitting an agent adds it and leaves the input registry untouched', (t) => {
  const result = applyOperation(EMPTY_REGISTRY, { type: 'admitAgent', agentId: 'a1', info: agentInfo(1) });
  t.true(result.ok && result.changed);
  t.deepEqual(result.ok ? result.registry.agents.get('a1') : undefined, agentInfo(1));
  t.is(EMPTY_REGISTRY.agents.size, 0);
});

test('an agent cannot be admitted twice, nor while unreachable, nor once gone', (t) => {
  const registry = registryWith(
    [
      { type: 'markAgentUnreachable', agentId: 'u', timeMs: T1 },
      { type: 'markAgentGone', agentId: 'g', timeMs: T1 },
    ],
    admitted('a', 'u', 'g'),
  );
  t.regex(refused(registry, { type: 'admitAgent', agentId: 'a', info: agentInfo(9) }), /already admitted/);
  t.regex(refused(registry, { type: 'admitAgent', agentId: 'u', info: agentInfo(9) }), /unreachable/);
  t.regex(refused(registry, { type: 'admitAgent', agentId: 'g', info: agentInfo(9) }), /agent is gone/);
});

test('marking unreachable moves an admitted agent and records the time', (t) => {
  const result = applyOperation(admitted('a'), { type: 'markAgentUnreachable', agentId: 'a', timeMs: T1 });
  if (!result.ok) return t.fail(result.error.message);
  t.false(result.registry.agents.has('a'));
  t.is(result.registry.unreachable.get('a'), T1);
});

test('only admitted agents can be marked unreachable, with a valid time', (t) => {
  t.regex(refused(EMPTY_REGISTRY, { type: 'markAgentUnreachable', agentId: 'x', timeMs: T1 }), /not admitted/);
  const unreachable = registryWith([{ type: 'markAgentUnreachable', agentId: 'a', timeMs: T1 }], admitted('a'));
  t.regex(refused(unreachable, { type: 'markAgentUnreachable', agentId: 'a', timeMs: T1 }), /already unreachable/);
  t.regex(refused(admitted('a'), { type: 'markAgentUnreachable', agentId: 'a', timeMs: Number.NaN }), /timeMs/);
  t.regex(refused(admitted('a'), { type: 'markAgentUnreachable', agentId: 'a', timeMs: -1 }), /timeMs/);
});

test('marking reachable re-admits an unreachable agent with its new info; an admitted one is a no-op', (t) => {
  const unreachable = registryWith([{ type: 'markAgentUnreachable', agentId: 'a', timeMs: T1 }], admitted('a'));
  const back = applyOperation(unreachable, { type: 'markAgentReachable', agentId: 'a', info: agentInfo(42) });
  if (!back.ok) return t.fail(back.error.message);
  t.true(back.changed);
  t.false(back.registry.unreachable.has('a'));
  t.deepEqual(back.registry.agents.get('a'), agentInfo(42));

  const again = applyOperation(back.registry, { type: 'markAgentReachable', agentId: 'a', info: agentInfo(43) });
  t.true(again.ok && !again.changed && again.registry === back.registry);
});

test('marking reachable an agent unknown to the registry admits it (registry older than the agent)', (t) => {
  const result = applyOperation(EMPTY_REGISTRY, { type: 'markAgentReachable', agentId: 'new', info: agentInfo(1) });
  t.true(result.ok && result.changed && result.registry.agents.has('new'));
});

test('a gone agent never comes back', (t) => {
  const gone = registryWith([{ type: 'markAgentGone', agentId: 'a', timeMs: T1 }], admitted('a'));
  t.regex(refused(gone, { type: 'markAgentReachable', agentId: 'a', info: agentInfo(1) }), /agent is gone/);
  t.regex(refused(gone, { type: 'markAgentUnreachable', agentId: 'a', timeMs: T1 }), /agent is gone/);
  const twice = applyOperation(gone, { type: 'markAgentGone', agentId: 'a', timeMs: T1 + 5 });
  t.true(twice.ok && !twice.changed);
  t.is(twice.ok ? twice.registry.gone.get('a') : undefined, T1, 'first time kept');
});

test('marking gone works from admitted and from unreachable, not for unknown agents', (t) => {
  const registry = registryWith([{ type: 'markAgentUnreachable', agentId: 'u', timeMs: T1 }], admitted('a', 'u'));
  const fromAdmitted = applyOperation(registry, { type: 'markAgentGone', agentId: 'a', timeMs: T1 + 1 });
  const fromUnreachable = applyOperation(registry, { type: 'markAgentGone', agentId: 'u', timeMs: T1 + 2 });
  t.true(fromAdmitted.ok && !fromAdmitted.registry.agents.has('a') && fromAdmitted.registry.gone.get('a') === T1 + 1);
  t.true(fromUnreachable.ok && !fromUnreachable.registry.unreachable.has('u') && fromUnreachable.registry.gone.get('u') === T1 + 2);
  t.regex(refused(registry, { type: 'markAgentGone', agentId: 'nobody', timeMs: T1 }), /not known/);
});

test('removing an agent drops it; removing one that is not admitted is refused', (t) => {
  const result = applyOperation(admitted('a', 'b'), { type: 'removeAgent', agentId: 'a' });
  t.deepEqual(result.ok ? [...result.registry.agents.keys()] : [], ['b']);
  t.regex(refused(EMPTY_REGISTRY, { type: 'removeAgent', agentId: 'a' }), /not admitted/);
});

test('refusals are typed errors naming the operation and the agent; empty ids are refused', (t) => {
  const result = applyOperation(EMPTY_REGISTRY, { type: 'removeAgent', agentId: 'zz' });
  t.false(result.ok);
  if (result.ok) return;
  t.true(result.error instanceof RegistryOperationError);
  t.is(result.error.operation, 'removeAgent');
  t.is(result.error.agentId, 'zz');
  t.regex(refused(EMPTY_REGISTRY, { type: 'admitAgent', agentId: '', info: agentInfo(1) }), /agentId/);
});
