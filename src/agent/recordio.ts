/**
 * RecordIO framing (`<decimal length>\n<payload>`) for the agent's two streams: the one it reads
 * from the master and the ones it writes to executors. Records and HTTP chunks are independent,
 * so the reader buffers until a record is complete.
 */
// TODO(protocol): use src/protocol/recordio.ts once it lands; this is the same framing.

export function encodeRecord(message: unknown): Buffer {
  const payload = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`${payload.length}\n`, 'ascii'), payload]);
}

/** Parses a RecordIO byte stream into JSON values; a malformed length or a torn record throws. */
export async function* readJsonRecords(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown> {
  let buffered: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    buffered = Buffer.concat([buffered, typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk)]);
    for (;;) {
      const newline = buffered.indexOf(0x0a);
      if (newline < 0) {
        if (buffered.length > 20) throw new Error('RecordIO: record length is not a number');
        break;
      }
      const header = buffered.subarray(0, newline).toString('ascii');
      if (!/^\d{1,15}$/.test(header)) throw new Error(`RecordIO: bad record length '${header.slice(0, 20)}'`);
      const length = Number(header);
      if (buffered.length < newline + 1 + length) break;
      const payload = buffered.subarray(newline + 1, newline + 1 + length).toString('utf8');
      buffered = buffered.subarray(newline + 1 + length);
      yield JSON.parse(payload) as unknown;
    }
  }
  if (buffered.length > 0) throw new Error('RecordIO: stream ended inside a record');
}
