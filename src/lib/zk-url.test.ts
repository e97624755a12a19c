import test from 'ava';
import { ValidationError } from './errors.ts';
import { isZkUrl, parseZkUrl, resolveZkUrl } from './zk-url.ts';

test('parses hosts, ports and the path of a Mesos zk URL', (t) => {
  const url = parseZkUrl('zk://zk1:2181,zk2:2182,10.0.0.3/mesos');
  t.deepEqual(url.servers, [
    { host: 'zk1', port: 2181 },
    { host: 'zk2', port: 2182 },
    { host: '10.0.0.3', port: 2181 },
  ]);
  t.is(url.connectString, 'zk1:2181,zk2:2182,10.0.0.3:2181');
  t.is(url.path, '/mesos');
  t.is(url.credentials, undefined);
});

test('takes user:pass@ credentials, nested paths and a trailing slash', (t) => {
  const url = parseZkUrl('zk://alice:s%40cret@zk1:2181/clusters/prod/');
  t.deepEqual(url.credentials, { user: 'alice', password: 's@cret' });
  t.is(url.path, '/clusters/prod');
  t.is(url.connectString, 'zk1:2181');
});

test('IPv6 servers keep their brackets in the connect string', (t) => {
  t.is(parseZkUrl('zk://[::1]:2181/mesos').connectString, '[::1]:2181');
});

test('recognises zk URLs among the other --master forms', (t) => {
  t.true(isZkUrl('zk://h:2181/mesos'));
  t.true(isZkUrl(' ZK://h:2181/mesos'));
  t.false(isZkUrl('host:5050'));
  t.false(isZkUrl('http://host:5050'));
});

test('bad URLs name the field and list every problem', (t) => {
  const error = t.throws(() => parseZkUrl('zk://u@h1:99999,,h3:x/', 'master'), { instanceOf: ValidationError });
  t.true(error.problems.every((p) => p.path === 'master'));
  const messages = error.problems.map((p) => p.message).join('\n');
  t.regex(messages, /user:pass/);
  t.regex(messages, /invalid port '99999'/);
  t.regex(messages, /empty server entry/);
  t.regex(messages, /invalid port 'x'/);
  t.regex(messages, /root/);
});

test('rejects non-zk schemes, missing paths and empty host lists', (t) => {
  t.throws(() => parseZkUrl('http://h:2181/mesos'), { instanceOf: ValidationError, message: /expected zk:\/\// });
  t.throws(() => parseZkUrl('zk://h:2181'), { instanceOf: ValidationError, message: /missing znode path/ });
  t.throws(() => parseZkUrl('zk:///mesos'), { instanceOf: ValidationError, message: /no ZooKeeper servers/ });
  t.throws(() => parseZkUrl('zk://h/a//b'), { instanceOf: ValidationError, message: /invalid znode path/ });
});

test('file:// indirection reads the URL from the file, and a missing file names the field', async (t) => {
  const files: Record<string, string> = { '/etc/mesos/zk': 'zk://u:p@zk1:2181/mesos\n' };
  const read = (path: string): Promise<string> => (path in files ? Promise.resolve(files[path] ?? '') : Promise.reject(new Error('ENOENT')));
  const url = await resolveZkUrl('file:///etc/mesos/zk', read);
  t.is(url.connectString, 'zk1:2181');
  t.deepEqual(url.credentials, { user: 'u', password: 'p' });
  t.is((await resolveZkUrl('zk://h:1/x', read)).path, '/x');
  await t.throwsAsync(resolveZkUrl('file:///nope', read, 'master'), { instanceOf: ValidationError, message: /'master': cannot read \/nope/ });
});
