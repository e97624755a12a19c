/**
 * Turns a RecordIO HTTP body into parsed JSON records. Records and HTTP chunks are independent:
 * one chunk may hold half a record or several, so bytes are buffered until a length is complete.
 */
// TODO(protocol): switch to readRecords from src/protocol/recordio.ts once it lands.

export async function* readJsonRecords(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown> {
  let buffered = Buffer.alloc(0);
  for await (const chunk of stream) {
    buffered = Buffer.concat([buffered, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
    for (;;) {
      const newline = buffered.indexOf(0x0a);
      if (newline < 0) break;
      const header = buffered.subarray(0, newline).toString('ascii');
      if (!/^\d+$/.test(header)) throw new Error(`RecordIO: bad record length '${header.slice(0, 20)}'`);
      const length = Number(header);
      if (buffered.length < newline + 1 + length) break;
      const payload = buffered.subarray(newline + 1, newline + 1 + length).toString('utf8');
      buffered = buffered.subarray(newline + 1 + length);
      yield JSON.parse(payload) as unknown;
    }
  }
  if (buffered.length > 0) throw new Error('RecordIO: stream ended inside a record');
}
