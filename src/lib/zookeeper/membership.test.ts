import test from 'ava';
import { ValidationError } from '../errors.ts';
import { decodeMasterInfo, leaderOf, masterEndpoint, membersOf, parseMember } from './membership.ts';

test('members are labelled 10-digit sequences; everything else is ignored', (t) => {
  t.deepEqual(parseMember('json.info_0000000042'), { name: 'json.info_0000000042', label: 'json.info_', sequence: 42 });
  t.deepEqual(parseMember('info_0000000007'), { name: 'info_0000000007', label: 'info_', sequence: 7 });
  t.deepEqual(parseMember('0000000003'), { name: '0000000003', label: '', sequence: 3 });
  for (const other of ['log_replicas', 'registry', 'json.info_42', 'json.info_00000000001', 'x_0000000001']) t.is(parseMember(other), null, other);
});

test('the lowest sequence leads whatever its label', (t) => {
  const children = ['log_replicas', 'json.info_0000000010', 'info_0000000002', 'json.info_0000000003', 'registry'];
  t.deepEqual(membersOf(children).map((m) => m.sequence), [2, 3, 10]);
  t.is(leaderOf(children)?.name, 'info_0000000002');
  t.is(leaderOf(['log_replicas']), null);
  t.is(leaderOf([]), null);
});

test('decodes Mesos MasterInfo JSON and finds where to connect', (t) => {
  const info = decodeMasterInfo('{"address":{"hostname":"m1","ip":"10.0.0.1","port":5050},"hostname":"m1","id":"x","ip":16777226,"pid":"master@10.0.0.1:5050","port":5050,"version":"1.11.0","future_field":1}');
  t.is(info.id, 'x');
  t.deepEqual(masterEndpoint(info), { host: 'm1', port: 5050 });
  // Without address: fall back to the legacy hostname, then the packed ip (10.0.0.1 packed little-endian).
  t.deepEqual(masterEndpoint(decodeMasterInfo('{"id":"y","ip":16777226,"port":5051}')), { host: '10.0.0.1', port: 5051 });
});

test('invalid MasterInfo names the field', (t) => {
  const error = t.throws(() => decodeMasterInfo('{"hostname":"m1"}'), { instanceOf: ValidationError });
  t.true(error.problems.some((p) => p.path.startsWith('MasterInfo')), JSON.stringify(error.problems));
  t.throws(() => decodeMasterInfo('not json'), { instanceOf: ValidationError, message: /malformed JSON/ });
});
