import test from 'ava';
import { parseCpuacctStat, parseCpuStatV2, parseKeyValues, parseOutOfMemory, parsePids, parseRssBytes, sharesToWeight } from './cgroup-files.ts';

test('cpuacct.stat ticks and cpu.stat microseconds become seconds', (t) => {
  t.deepEqual(parseCpuacctStat('user 250\nsystem 30\n'), { userSecs: 2.5, systemSecs: 0.3 });
  t.deepEqual(parseCpuStatV2('usage_usec 3000000\nuser_usec 2500000\nsystem_usec 500000\nnr_periods 0\n'), { userSecs: 2.5, systemSecs: 0.5 });
});

test('rss comes from total_rss on v1 and anon on v2', (t) => {
  t.is(parseRssBytes('cache 10\nrss 4096\ntotal_cache 10\ntotal_rss 8192\n', 'v1'), 8192);
  t.is(parseRssBytes('anon 12288\nfile 4096\n', 'v2'), 12288);
  t.is(parseRssBytes('', 'v2'), 0);
});

test('out of memory is read from oom_control and memory.events alike, paused or killed', (t) => {
  t.true(parseOutOfMemory('oom_kill_disable 0\nunder_oom 0\noom_kill 2\n'));
  t.true(parseOutOfMemory('oom_kill_disable 1\nunder_oom 1\noom_kill 0\n'), 'v1 with the killer disabled: paused');
  t.true(parseOutOfMemory('low 0\nhigh 0\nmax 5\noom 1\noom_kill 1\noom_group_kill 0\n'));
  t.false(parseOutOfMemory('low 0\nhigh 0\nmax 5\noom 0\noom_kill 0\n'), 'hitting max and reclaiming is not OOM');
  t.false(parseOutOfMemory('oom_kill_disable 0\nunder_oom 0\n'));
});

test('pids and key values ignore blank and malformed lines', (t) => {
  t.deepEqual(parsePids('12\n\n345\nx\n'), [12, 345]);
  t.deepEqual([...parseKeyValues('a 1\nbroken\nb notanumber\n c 3 \n')], [['a', 1], ['c', 3]]);
});

test('cpu.weight conversion keeps the default 1024 shares near the default weight 100', (t) => {
  t.is(sharesToWeight(2), 1);
  t.is(sharesToWeight(262_144), 10_000);
  t.is(sharesToWeight(1024), 40);
});
