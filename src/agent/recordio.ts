/**
 * RecordIO of JSON messages for the agent's streams (the one it reads from the master, the ones
 * it writes to executors), on the shared framing in src/protocol/recordio.ts.
 */
import { encodeRecord as encodeBytes, readRecords } from '../protocol/recordio.ts';

/** Events are small; a record announcing more than this is a broken or hostile peer. */
const MAX_RECORD_BYTES = 64 * 1024 * 1024;

export function encodeRecord(message: unknown): Buffer {
  return encodeBytes(JSON.stringify(message));
}

/** Parses a RecordIO byte stream into JSON values; bad framing or a torn record throws. */
export async function* readJsonRecords(stream: AsyncIterable<Uint8Array>): AsyncGenerator<unknown> {
  for await (const record of readRecords(stream, { maxRecordBytes: MAX_RECORD_BYTES })) {
    yield JSON.parse(record.toString('utf8')) as unknown;
  }
}
