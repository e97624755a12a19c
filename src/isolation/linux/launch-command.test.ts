import test from 'ava';
import { assertRunnable, commandArgv, launchArgv } from './launch-command.ts';

test('a shell command runs under /bin/sh -c', (t) => {
  t.deepEqual(commandArgv({ shell: true, value: 'echo hi' }), ['/bin/sh', '-c', 'echo hi']);
});

test('argv form execs value with the arguments after argv[0]; a different argv[0] goes through exec -a', (t) => {
  t.deepEqual(commandArgv({ shell: false, value: '/bin/echo', arguments: ['/bin/echo', 'a', 'b'] }), ['/bin/echo', 'a', 'b']);
  t.deepEqual(commandArgv({ shell: false, value: '/bin/echo' }), ['/bin/echo']);
  t.deepEqual(
    commandArgv({ shell: false, value: '/bin/sh', arguments: ['sh', '-c', 'x'] }),
    ['/bin/bash', '-c', 'exec -a "$0" "$@"', 'sh', '/bin/sh', '-c', 'x'],
  );
});

test('pid isolation puts unshare in front of the command', (t) => {
  t.deepEqual(launchArgv({ shell: true, value: 'true' }, false), ['/bin/sh', '-c', 'true']);
  const isolated = launchArgv({ shell: true, value: 'true' }, true);
  t.deepEqual(isolated.slice(0, 2), ['/usr/bin/unshare', '--pid']);
  t.deepEqual(isolated.slice(-3), ['/bin/sh', '-c', 'true']);
});

test('assertRunnable finds commands by path or PATH and names what is missing', async (t) => {
  await t.notThrowsAsync(assertRunnable({ shell: false, value: '/bin/sh' }));
  await t.notThrowsAsync(assertRunnable({ shell: false, value: 'sh', environment: { PATH: '/nonexistent:/bin' } }));
  const missing = await t.throwsAsync(assertRunnable({ shell: false, value: '/no/such/binary' }));
  t.regex(missing.message, /\/no\/such\/binary/);
  const notInPath = await t.throwsAsync(assertRunnable({ shell: false, value: 'no-such-tool', environment: { PATH: '/bin' } }));
  t.regex(notInPath.message, /no-such-tool.*PATH/);
  await t.notThrowsAsync(assertRunnable({ shell: true, value: 'anything' }));
});
