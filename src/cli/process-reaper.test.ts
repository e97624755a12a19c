import test from 'ava';
import { descendantsOf, isRunning, parseProcStat } from './process-reaper.ts';

test('reads pid, parent and group even when the command name holds spaces and parentheses', (t) => {
  t.deepEqual(parseProcStat('4242 (node (my) app) S 17 4242 17 0 -1 4194560'), { pid: 4242, comm: 'node (my) app', state: 'S', ppid: 17, pgid: 4242 });
  t.is(parseProcStat('garbage'), undefined);
});

test('finds children and grandchildren but not siblings', (t) => {
  const stats = [
    { pid: 10, comm: 'node', state: 'S', ppid: 1, pgid: 10 },
    { pid: 11, comm: 'sh', state: 'S', ppid: 10, pgid: 11 },
    { pid: 12, comm: 'sleep', state: 'S', ppid: 11, pgid: 11 },
    { pid: 13, comm: 'bash', state: 'S', ppid: 1, pgid: 13 },
  ];
  t.deepEqual(descendantsOf(10, stats).map((s) => s.pid), [11, 12]);
});

test('a process counts as running until it has exited', (t) => {
  t.true(isRunning(process.pid));
  t.false(isRunning(2 ** 22 + 1));
});
