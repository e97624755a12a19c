import test from 'ava';
import { ConfigError } from '../../lib/errors.ts';
import { parseEnvFlag, parseExecuteOptions } from './options.ts';

test('reads mesos-execute style flags with defaults', (t) => {
  const options = parseExecuteOptions(['--master', '10.0.0.1:5050', '--name=hi', '--command', 'echo hello', '--cpus=0.5'], { USER: 'alice' });
  t.like(options, { master: 'http://10.0.0.1:5050', name: 'hi', command: 'echo hello', cpus: 0.5, mem: 32, dockerImage: undefined, user: 'alice', role: '*' });
});

test('--env repeats, splits on commas and accepts a JSON object', (t) => {
  const options = parseExecuteOptions(['--name=a', '--command=env', '--env', 'A=1', '--env=B=2,C=x=y', '--env', '{"D":"4"}'], {});
  t.deepEqual(options.env, { A: '1', B: '2', C: 'x=y', D: '4' });
  t.throws(() => parseEnvFlag('{"D":4}'), { instanceOf: ConfigError, message: /--env: value of 'D'/ });
});

test('the master defaults to MESOS_MASTER but no other MESOS_* variable leaks in', (t) => {
  const options = parseExecuteOptions(['--name=a', '--command=true'], { MESOS_MASTER: 'm1:5050', MESOS_NAME: 'ignored' });
  t.is(options.master, 'http://m1:5050');
  t.is(options.name, 'a');
});
