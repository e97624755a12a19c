import test from 'ava';
import fc from 'fast-check';
import { ClientHeap, OrderedWalk, comesBefore } from './client-heap.ts';
import type { HeapClient } from './client-heap.ts';

const client = (name: string, share: number, allocations = 0): HeapClient => ({ name, share, allocations, heapIndex: -1 });

function walkAll(heap: ClientHeap<HeapClient>): string[] {
  const walk = new OrderedWalk<HeapClient>().start(heap);
  const names: string[] = [];
  for (let c = walk.next(); c; c = walk.next()) names.push(c.name);
  return names;
}

function sortedNames(clients: HeapClient[]): string[] {
  return [...clients].sort((a, b) => (comesBefore(a, b) ? -1 : comesBefore(b, a) ? 1 : 0)).map((c) => c.name);
}

test('ties break on fewer allocations, then name', (t) => {
  const heap = new ClientHeap<HeapClient>();
  for (const c of [client('b', 0.5, 1), client('a', 0.5, 1), client('c', 0.5, 0), client('z', 0.1, 9)]) heap.insert(c);
  t.deepEqual(walkAll(heap), ['z', 'c', 'a', 'b']);
});

test('walks in sorted order after arbitrary inserts, updates and removals', (t) => {
  const op = fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), share: fc.double({ min: 0, max: 1, noNaN: true }), allocations: fc.nat(3) }),
    fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 120 }), (ops) => {
      const heap = new ClientHeap<HeapClient>();
      const live: HeapClient[] = [];
      let n = 0;
      for (const o of ops) {
        if (o.kind === 'insert') {
          const c = client(`c${String(n++).padStart(4, '0')}`, o.share, o.allocations);
          heap.insert(c);
          live.push(c);
        } else if (live.length > 0) {
          const c = live[o.pick % live.length] as HeapClient;
          if (o.kind === 'update') {
            c.share = o.share;
            heap.update(c);
          } else {
            heap.remove(c);
            live.splice(live.indexOf(c), 1);
            if (heap.has(c)) return false;
          }
        }
      }
      t.is(heap.size, live.length);
      return JSON.stringify(walkAll(heap)) === JSON.stringify(sortedNames(live)) && heap.peek()?.name === sortedNames(live)[0];
    }),
  );
  t.pass();
});

test('rebuild restores order after many keys changed at once', (t) => {
  const heap = new ClientHeap<HeapClient>();
  const clients = Array.from({ length: 50 }, (_, i) => client(`c${String(i).padStart(2, '0')}`, i / 50));
  for (const c of clients) heap.insert(c);
  for (const c of clients) c.share = 1 - c.share;
  heap.rebuild();
  t.deepEqual(walkAll(heap), sortedNames(clients));
  t.is(walkAll(heap)[0], 'c49');
});
