import test from 'ava';
import { formatNumber, formatTable } from './table.ts';

test('columns are as wide as their widest cell', (t) => {
  t.is(formatTable(['ID', 'NAME'], [['a-0000', 'x'], ['b', 'longer-name']]), ['ID      NAME', 'a-0000  x', 'b       longer-name'].join('\n'));
});

test('numbers drop float noise and missing ones show a dash', (t) => {
  t.is(formatNumber(0.1 + 0.2), '0.3');
  t.is(formatNumber(undefined), '-');
});
