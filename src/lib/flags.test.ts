import test from 'ava';
import { flagsFromEnv, formatDuration, parseArgv, parseBytes, parseDuration } from './flags.ts';

test('argv: =value, space value, bare boolean, --no-, dashes and positional words', (t) => {
  const { flags, positional } = parseArgv(['local', '--agents=3', '--work-dir', '/tmp/w', '--verbose', '--no-hostname_lookup', 'extra', '--', '--not-a-flag']);
  t.deepEqual(flags, { agents: '3', work_dir: '/tmp/w', verbose: true, hostname_lookup: false });
  t.deepEqual(positional, ['local', 'extra', '--not-a-flag']);
});

test('durations in Mesos syntax become milliseconds', (t) => {
  t.is(parseDuration('15secs'), 15_000);
  t.is(parseDuration('500ms'), 500);
  t.is(parseDuration('10mins'), 600_000);
  t.is(parseDuration('2weeks'), 1_209_600_000);
  t.is(parseDuration('1.5hrs'), 5_400_000);
  t.is(parseDuration('3'), 3000);
  t.throws(() => parseDuration('soon'), { message: /not a duration/ });
  t.throws(() => parseDuration('5fortnights'), { message: /unknown unit 'fortnights'/ });
  t.is(formatDuration(15_000), '15secs');
  t.is(formatDuration(600_000), '10mins');
  t.is(formatDuration(250), '250ms');
});

test('byte sizes', (t) => {
  t.is(parseBytes('64MB'), 64 * 1024 * 1024);
  t.is(parseBytes('512'), 512);
  t.throws(() => parseBytes('lots'), { message: /not a size/ });
});

test('MESOS_* environment variables map to known flags only', (t) => {
  const env = { MESOS_WORK_DIR: '/w', MESOS_SANDBOX: '/s', PATH: '/bin' };
  t.deepEqual(flagsFromEnv(env, ['work_dir', 'port']), { work_dir: '/w' });
});
