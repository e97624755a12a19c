import test from 'ava';
import { ValidationError } from '../lib/errors.ts';
import { masterOrigin, redirectOrigin } from './master-address.ts';

test('accepts host:port and http URLs, normalising to an origin', (t) => {
  t.is(masterOrigin('10.0.0.1:5050'), 'http://10.0.0.1:5050');
  t.is(masterOrigin('http://m1:5050/'), 'http://m1:5050');
  t.is(masterOrigin(' https://m1:8443 '), 'https://m1:8443');
});

test('rejects what it cannot reach, naming the field', (t) => {
  for (const bad of ['', 'zk://zk1:2181/mesos', 'ftp://m1:21', 'http://']) {
    const error = t.throws(() => masterOrigin(bad, 'master'), { instanceOf: ValidationError });
    t.is(error?.problems[0]?.path, 'master', bad);
  }
});

test('a protocol-relative Location keeps the scheme and moves only host and port', (t) => {
  t.is(redirectOrigin('http://m2:5050', '//m1:5050/master/api/v1/scheduler'), 'http://m1:5050');
  t.is(redirectOrigin('https://m2:5050', '//m1:6060'), 'https://m1:6060');
});
