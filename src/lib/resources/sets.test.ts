import test from 'ava';
import fc from 'fast-check';
import { normalizeItems, addItems, subtractItems, itemsContain, itemsEqual, formatItems } from './sets.ts';

const items = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'zz'), { maxLength: 6 }).map((x) => normalizeItems(x));

test('set operations agree with JavaScript sets', (t) => {
  fc.assert(
    fc.property(items, items, (a, b) => {
      const sa = new Set(a);
      const sb = new Set(b);
      return (
        itemsEqual(addItems(a, b), normalizeItems([...a, ...b])) &&
        itemsEqual(subtractItems(a, b), a.filter((x) => !sb.has(x))) &&
        itemsContain(a, b) === b.every((x) => sa.has(x))
      );
    }),
  );
  t.is(formatItems(['a', 'b']), '{a, b}');
  t.deepEqual(normalizeItems(['b', 'a', 'b']), ['a', 'b']);
});
