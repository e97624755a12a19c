import test from 'ava';
import { runCli } from './run.ts';
import { recordingIo } from './test-io.ts';
import { verbs } from './verbs/index.ts';

test('a bad flag prints one line naming it and exits 2', async (t) => {
  for (const [verb, argv, flag] of [
    ['execute', ['--name=x', '--command=true', '--cpu=1'], '--cpu'],
    ['execute', ['--name=x', '--command=true', '--cpus=lots'], '--cpus'],
    ['execute', ['--name=x', '--command=true', '--mem=-5'], '--mem'],
    ['execute', ['--command=true'], '--name'],
    ['execute', ['--name=x', '--command=true', '--env=NOEQUALS'], '--env'],
    ['tasks', ['--master=zk://zk1:2181'], '--master'],
    ['frameworks', ['--master=zk://zk1:notaport/mesos'], '--master'],
    ['execute', ['--name=x', '--command=true', '--master=zk:///mesos'], '--master'],
    ['agents', ['--master=file:///no/such/master-file'], '--master'],
    ['agents', ['stray'], '--stray'],
    ['frameworks', ['--jsn'], '--jsn'],
    ['master', ['--allocation_interval=soon'], '--allocation_interval'],
    ['master', ['--bogus=1'], '--bogus'],
    ['agent', ['--master=127.0.0.1:5050'], '--work_dir'],
    ['local', ['--agents=many'], '--agents'],
    ['local', ['--resourcez=cpus:1'], '--resourcez'],
  ] as const) {
    const io = recordingIo();
    const code = await runCli([verb, ...argv], verbs, io);
    t.is(code, 2, `${verb} ${argv.join(' ')}`);
    t.is(io.stderr.length, 1, io.stderr.join('\n'));
    t.true(io.stderr[0]?.startsWith(`mesos ${verb}: ${flag}:`), io.stderr[0]);
  }
});

test('an unknown verb exits 2 and points at help', async (t) => {
  const io = recordingIo();
  t.is(await runCli(['lanch'], verbs, io), 2);
  t.regex(io.stderr[0] ?? '', /unknown verb 'lanch'.*mesos help/);
});

test('help lists every verb, and each verb has its own help', async (t) => {
  const io = recordingIo();
  t.is(await runCli([], verbs, io), 0);
  for (const verb of verbs) t.true(io.stdout.some((line) => line.trimStart().startsWith(verb.name)), verb.name);

  const verbHelp = recordingIo();
  t.is(await runCli(['execute', '--help'], verbs, verbHelp), 0);
  t.regex(verbHelp.stdout.join('\n'), /--docker_image/);
  const viaHelp = recordingIo();
  t.is(await runCli(['help', 'tasks'], verbs, viaHelp), 0);
  t.regex(viaHelp.stdout.join('\n'), /--json/);
});

test('an unreachable master is a failure (1), not a usage error', async (t) => {
  const io = recordingIo();
  t.is(await runCli(['frameworks', '--master=127.0.0.1:1'], verbs, io), 1);
  t.regex(io.stderr[0] ?? '', /could not reach http:\/\/127\.0\.0\.1:1/);
});

test('a port already in use is a one-line failure (1), not a stack trace', async (t) => {
  const { createServer } = await import('node:net');
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  t.teardown(() => blocker.close());
  const port = (blocker.address() as { port: number }).port;
  const io = recordingIo();
  t.is(await runCli(['master', `--port=${port}`, '--ip=127.0.0.1', '--log_level=error'], verbs, io), 1);
  t.is(io.stderr.length, 1, io.stderr.join('\n'));
  t.regex(io.stderr[0] ?? '', /^mesos master: .*EADDRINUSE/);
});
