import test from 'ava';
import { RecordIODecoder } from '../../protocol/recordio.ts';
import { EventStream } from './event-stream.ts';

test('each event is one RecordIO record; close fires the handlers once', (t) => {
  const stream = new EventStream('s1');
  const decoder = new RecordIODecoder({ maxRecordBytes: 1024 });
  const records: string[] = [];
  stream.body.on('data', (chunk: Buffer) => records.push(...decoder.push(chunk).map((r) => r.toString())));
  let closes = 0;
  stream.onClose(() => closes++);
  stream.send({ type: 'HEARTBEAT' });
  stream.send({ type: 'OFFERS', offers: { offers: [] } });
  stream.close();
  stream.close();
  stream.send({ type: 'LATE' });
  t.deepEqual(records, ['{"type":"HEARTBEAT"}', '{"type":"OFFERS","offers":{"offers":[]}}']);
  t.is(closes, 1);
  t.true(stream.closed);
});

test('a subscriber that stops reading is dropped once its backlog passes the cap', (t) => {
  const stream = new EventStream('s2', 1000);
  let closed = false;
  stream.onClose(() => (closed = true));
  for (let i = 0; i < 100 && !closed; i++) stream.send({ type: 'OFFERS', padding: 'x'.repeat(100) });
  t.true(closed);
});

test('records sent in one turn are written between one cork and one uncork of the response', async (t) => {
  const stream = new EventStream('s3');
  const calls: string[] = [];
  stream.batchWritesOn({ cork: () => calls.push('cork'), uncork: () => calls.push('uncork') });
  stream.body.on('data', () => calls.push('record'));
  stream.send({ type: 'HEARTBEAT' });
  stream.send({ type: 'HEARTBEAT' });
  stream.send({ type: 'HEARTBEAT' });
  await new Promise((resolve) => setImmediate(resolve));
  stream.send({ type: 'HEARTBEAT' });
  await new Promise((resolve) => setImmediate(resolve));
  t.deepEqual(calls, ['cork', 'record', 'record', 'record', 'uncork', 'cork', 'record', 'uncork']);
});
