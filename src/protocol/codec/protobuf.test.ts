import { deepStrictEqual } from 'node:assert';
import test from 'ava';
import fc from 'fast-check';
import { AgentCall } from '../agent/call.ts';
import { HealthCheckHTTP } from '../v1/checks.ts';
import { ContainerID, TaskID } from '../v1/ids.ts';
import { Filters } from '../v1/offer.ts';
import { EventFailure, SchedulerCall, SchedulerEvent } from '../v1/scheduler.ts';
import { TaskInfo, TaskStatus } from '../v1/task.ts';
import { ValueRange } from '../v1/values.ts';
import { messageOf } from './arbitrary.testkit.ts';
import { decode } from './decode.ts';
import { decodeProtobuf } from './protobuf-decode.ts';
import { encodeProtobuf } from './protobuf-encode.ts';
import type { MessageSchemaOf } from './schema.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytesOf = (h: string) => new Uint8Array(Buffer.from(h.replaceAll(' ', ''), 'hex'));

// Byte vectors worked out by hand from the protobuf encoding rules.
test('known encodings: strings, doubles, varints, enums, nested messages, maps', (t) => {
  t.is(hex(encodeProtobuf(TaskID, { value: 't1' })), '0a027431');
  t.is(hex(encodeProtobuf(Filters, { refuse_seconds: 5 })), '090000000000001440');
  t.is(hex(encodeProtobuf(ValueRange, { begin: 31000, end: 32000 })), '0898f2011080fa01');
  t.is(hex(encodeProtobuf(TaskStatus, { task_id: { value: 't' }, state: 'TASK_RUNNING' })), '0a030a01741001');
  // A negative int32 is sign-extended to ten bytes.
  t.is(hex(encodeProtobuf(EventFailure, { status: -1 })), '18ffffffffffffffffff01');
  const task = { name: 'n', task_id: { value: 't' }, agent_id: { value: 'a' }, limits: { cpus: { value: 1 } } };
  t.is(hex(encodeProtobuf(TaskInfo, task)), '0a016e' + '12030a0174' + '1a030a0161' + '7a11' + '0a0463707573' + '1209' + '09000000000000f03f');
});

test('known encodings decode back', (t) => {
  t.deepEqual(decodeProtobuf(EventFailure, bytesOf('18ffffffffffffffffff01')), { ok: true, value: { status: -1 } });
  t.deepEqual(decodeProtobuf(ValueRange, bytesOf('0898f2011080fa01')), { ok: true, value: { begin: 31000, end: 32000 } });
  const r = decodeProtobuf(TaskInfo, bytesOf('0a016e12030a01741a030a01617a110a04637075731209' + '09000000000000f03f'));
  t.deepEqual(r, { ok: true, value: { name: 'n', task_id: { value: 't' }, agent_id: { value: 'a' }, limits: { cpus: { value: 1 } } } });
});

test('repeated scalars are read packed or unpacked', (t) => {
  const unpacked = bytesOf('08 50' + '20 c801' + '20 f403');
  const packed = bytesOf('08 50' + '22 04 c801 f403');
  const expected = { ok: true, value: { port: 80, statuses: [200, 500] } };
  t.deepEqual(decodeProtobuf(HealthCheckHTTP, unpacked), expected);
  t.deepEqual(decodeProtobuf(HealthCheckHTTP, packed), expected);
  t.is(hex(encodeProtobuf(HealthCheckHTTP, { port: 80, statuses: [200, 500] })), '085020c80120f403');
});

test('unknown fields are skipped; an unknown enum number leaves a required field missing', (t) => {
  // field 99 varint, field 100 fixed32, field 101 bytes, then TaskID.value
  t.deepEqual(decodeProtobuf(TaskID, bytesOf('9806 01' + 'a506 01020304' + 'aa06 02 abcd' + '0a027431')), { ok: true, value: { value: 't1' } });
  t.deepEqual(decodeProtobuf(TaskStatus, bytesOf('0a030a0174' + '1063')), { ok: false, problems: [{ path: 'state', message: 'required field is missing' }] });
});

test('broken bytes give problems with paths, never a throw', (t) => {
  const truncated = decodeProtobuf(TaskStatus, bytesOf('0a050a0174'));
  t.false(truncated.ok);
  t.is(truncated.ok ? '' : truncated.problems[0]?.message, 'length runs past the end of the message');
  const nested = decodeProtobuf(TaskStatus, bytesOf('0a030a03741001'));
  t.deepEqual(nested.ok ? [] : nested.problems.map((p) => p.path), ['task_id.value', 'task_id.value']);
  t.false(decodeProtobuf(TaskID, bytesOf('0b')).ok); // a group
  t.false(decodeProtobuf(TaskID, bytesOf('0e')).ok); // wire type 6
  t.false(decodeProtobuf(TaskID, bytesOf('08ffffffffffffffffffff01')).ok); // 11-byte varint
});

test('nesting is capped in protobuf input too', (t) => {
  let bytes = encodeProtobuf(ContainerID, { value: 'x' });
  for (let i = 0; i < 1000; i++) {
    const prefix = encodeProtobuf(TaskID, { value: 'x' }); // field 1 = value
    const wrapped = new Uint8Array(prefix.length + bytes.length + 4);
    wrapped.set(prefix, 0);
    let pos = prefix.length;
    wrapped[pos++] = 0x12; // field 2 (parent), length-delimited
    let n = bytes.length;
    while (n > 0x7f) {
      wrapped[pos++] = (n & 0x7f) | 0x80;
      n >>>= 7;
    }
    wrapped[pos++] = n;
    wrapped.set(bytes, pos);
    bytes = wrapped.subarray(0, pos + bytes.length);
  }
  const r = decodeProtobuf(ContainerID, bytes);
  t.false(r.ok);
  t.regex(r.ok ? '' : (r.problems[0]?.message ?? ''), /nested deeper than 64/);
});

function roundTrips(schema: MessageSchemaOf<unknown>, seed: number) {
  fc.assert(
    fc.property(messageOf(schema, 0), (json) => {
      const fromJson = decode(schema, json);
      if (!fromJson.ok) throw new Error(JSON.stringify(fromJson.problems));
      const fromBytes = decodeProtobuf(schema, encodeProtobuf(schema, fromJson.value));
      if (!fromBytes.ok) throw new Error(JSON.stringify(fromBytes.problems));
      deepStrictEqual(fromBytes.value, fromJson.value);
    }),
    { seed, numRuns: 300 },
  );
}

test('every generated SchedulerCall survives protobuf encode + decode unchanged', (t) => {
  roundTrips(SchedulerCall, 11);
  t.pass();
});

test('every generated SchedulerEvent and AgentCall survives protobuf encode + decode unchanged', (t) => {
  roundTrips(SchedulerEvent, 12);
  roundTrips(AgentCall, 13);
  t.pass();
});

test('random bytes never make decodeProtobuf throw', (t) => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const r = decodeProtobuf(SchedulerCall, bytes);
      if (!r.ok && r.problems.length === 0) throw new Error('failure without problems');
    }),
    { seed: 14, numRuns: 5_000 },
  );
  t.pass();
});
