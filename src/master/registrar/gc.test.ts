import test from 'ava';
import { pruneOperation } from './gc.ts';
import { applyOperation } from './operations.ts';
import { agentInfo, registryWith } from './store-conformance.ts';

const HOUR = 3_600_000;
const NOW = 1_700_000_000_000;

// Five agents admitted, a0..a2 unreachable 1, 5 and 30 hours ago, a3..a4 gone 2 and 40 hours ago.
const registry = registryWith([
  ...[0, 1, 2, 3, 4].map((n) => ({ type: 'admitAgent', agentId: `a${n}`, info: agentInfo(n) }) as const),
  { type: 'markAgentUnreachable', agentId: 'a0', timeMs: NOW - 1 * HOUR },
  { type: 'markAgentUnreachable', agentId: 'a1', timeMs: NOW - 5 * HOUR },
  { type: 'markAgentUnreachable', agentId: 'a2', timeMs: NOW - 30 * HOUR },
  { type: 'markAgentGone', agentId: 'a3', timeMs: NOW - 2 * HOUR },
  { type: 'markAgentGone', agentId: 'a4', timeMs: NOW - 40 * HOUR },
]);

test('entries older than the maximum age are pruned from both lists', (t) => {
  t.deepEqual(pruneOperation(registry, NOW, { maxAgeMs: 24 * HOUR, maxCount: 100 }), { type: 'pruneAgents', unreachable: ['a2'], gone: ['a4'] });
});

test('beyond the maximum count the oldest entries go, the newest stay', (t) => {
  t.deepEqual(pruneOperation(registry, NOW, { maxAgeMs: 1000 * HOUR, maxCount: 1 }), { type: 'pruneAgents', unreachable: ['a1', 'a2'], gone: ['a4'] });
});

test('nothing to prune gives no operation', (t) => {
  t.is(pruneOperation(registry, NOW, { maxAgeMs: 1000 * HOUR, maxCount: 10 }), null);
});

test('applying the prune forgets the entries and leaves admitted agents alone; pruning again is a no-op', (t) => {
  const op = pruneOperation(registry, NOW, { maxAgeMs: 24 * HOUR, maxCount: 100 });
  if (!op) return t.fail('expected a prune');
  const result = applyOperation(registry, op);
  if (!result.ok) return t.fail(result.error.message);
  t.deepEqual([...result.registry.unreachable.keys()].sort(), ['a0', 'a1']);
  t.deepEqual([...result.registry.gone.keys()], ['a3']);
  t.is(result.registry.agents.size, 0);
  const again = applyOperation(result.registry, op);
  t.true(again.ok && !again.changed);
});
