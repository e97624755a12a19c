import test from 'ava';
import fc from 'fast-check';
import { RecordIODecoder, RecordIOError, encodeRecord, readRecords } from './recordio.ts';

const text = (buffers: Buffer[]) => buffers.map((b) => b.toString('utf8'));

test('encodeRecord writes the byte length, a newline and the payload', (t) => {
  t.is(encodeRecord('{"type":"HEARTBEAT"}').toString(), '20\n{"type":"HEARTBEAT"}');
  // Length counts bytes, not characters.
  t.is(encodeRecord('é').toString('latin1'), '2\n\xc3\xa9');
  t.deepEqual([...encodeRecord(new Uint8Array([0, 255]))], [0x32, 0x0a, 0, 255]);
  t.throws(() => encodeRecord(''), { instanceOf: RecordIOError });
});

test('several records in one chunk, and one record split over many chunks', (t) => {
  const decoder = new RecordIODecoder({ maxRecordBytes: 100 });
  t.deepEqual(text(decoder.push(Buffer.from('3\nabc2\nde1\nf'))), ['abc', 'de', 'f']);
  t.deepEqual(decoder.push(Buffer.from('1')), []);
  t.deepEqual(decoder.push(Buffer.from('1\nhello')), []);
  t.deepEqual(text(decoder.push(Buffer.from(' world4\nxy'))), ['hello world']);
  t.deepEqual(text(decoder.push(Buffer.from('zw'))), ['xyzw']);
  t.notThrows(() => decoder.end());
});

test('records are copies, not views of the pushed chunk', (t) => {
  const decoder = new RecordIODecoder({ maxRecordBytes: 100 });
  const chunk = Buffer.from('3\nabc');
  const [record] = decoder.push(chunk);
  chunk.fill(0);
  t.is(record?.toString(), 'abc');
});

for (const [name, input, message] of [
  ['non-digit', '1a\nx', /non-digit byte 0x61/],
  ['carriage return', '3\r\nabc', /non-digit byte 0x0d/],
  ['negative', '-3\nabc', /non-digit byte 0x2d/],
  ['zero', '0\n', /length 0/],
  ['empty prefix', '\nabc', /empty record length prefix/],
  ['too many digits', '0000000001\nx', /longer than 3 digits/],
  ['over the cap', '101\n', /101 bytes exceeds the limit of 100/],
] as const) {
  test(`a bad length prefix fails the decoder for good: ${name}`, (t) => {
    const decoder = new RecordIODecoder({ maxRecordBytes: 100 });
    t.deepEqual(text(decoder.push(Buffer.from('2\nok'))), ['ok']);
    t.throws(() => decoder.push(Buffer.from(input)), { instanceOf: RecordIOError, message });
    t.true(decoder.failed);
    t.throws(() => decoder.push(Buffer.from('2\nok')), { instanceOf: RecordIOError, message });
  });
}

test('end() reports a stream cut inside a record or a prefix', (t) => {
  const inPayload = new RecordIODecoder({ maxRecordBytes: 100 });
  inPayload.push(Buffer.from('5\nab'));
  t.throws(() => inPayload.end(), { instanceOf: RecordIOError, message: /inside a record \(2 of 5 bytes\)/ });
  const inPrefix = new RecordIODecoder({ maxRecordBytes: 100 });
  inPrefix.push(Buffer.from('12'));
  t.throws(() => inPrefix.end(), { instanceOf: RecordIOError, message: /length prefix/ });
});

test('any split of a stream decodes to the same records', (t) => {
  fc.assert(
    fc.property(
      fc.array(fc.uint8Array({ minLength: 1, maxLength: 300 }), { maxLength: 20 }),
      fc.array(fc.nat(), { maxLength: 30 }),
      (payloads, cutPoints) => {
        const stream = Buffer.concat(payloads.map((p) => encodeRecord(p)));
        const cuts = [...new Set(cutPoints.map((c) => (stream.length === 0 ? 0 : c % stream.length)))].sort((a, b) => a - b);
        const decoder = new RecordIODecoder({ maxRecordBytes: 300 });
        const records: Buffer[] = [];
        let from = 0;
        for (const cut of [...cuts, stream.length]) {
          records.push(...decoder.push(stream.subarray(from, cut)));
          from = cut;
        }
        decoder.end();
        return records.length === payloads.length && records.every((r, i) => Buffer.compare(r, Buffer.from(payloads[i] as Uint8Array)) === 0);
      },
    ),
    { seed: 20261125, numRuns: 500 },
  );
  t.pass();
});

test('byte-at-a-time feeding works', (t) => {
  const stream = Buffer.concat(['{"a":1}', 'x'.repeat(1000), '{}'].map((s) => encodeRecord(s)));
  const decoder = new RecordIODecoder({ maxRecordBytes: 2000 });
  const out: Buffer[] = [];
  for (let i = 0; i < stream.length; i++) out.push(...decoder.push(stream.subarray(i, i + 1)));
  t.deepEqual(text(out), ['{"a":1}', 'x'.repeat(1000), '{}']);
});

async function* chunks(...parts: string[]): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    await Promise.resolve();
    yield Buffer.from(part);
  }
}

test('readRecords yields records across chunks and rejects a truncated stream', async (t) => {
  const out: string[] = [];
  for await (const record of readRecords(chunks('5\n{"a"', '}2\n{}'), { maxRecordBytes: 10 })) out.push(record.toString());
  t.deepEqual(out, ['{"a"}', '{}']);

  const truncated = async () => {
    for await (const record of readRecords(chunks('5\n{"a"', '}2\n{'), { maxRecordBytes: 10 })) void record;
  };
  await t.throwsAsync(truncated, { instanceOf: RecordIOError });
  const oversized = async () => {
    for await (const record of readRecords(chunks('11\n'), { maxRecordBytes: 10 })) void record;
  };
  await t.throwsAsync(oversized, { instanceOf: RecordIOError, message: /exceeds the limit/ });
});
