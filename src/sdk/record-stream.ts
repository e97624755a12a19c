/**
 * The records of an event stream's HTTP body, framed by the protocol's RecordIO decoder.
 * Records and HTTP chunks are independent; the decoder buffers across chunks.
 */
import { readRecords } from '../protocol/recordio.ts';

/** Large enough for a SUBSCRIBED or OFFERS event from a big cluster, small enough to bound memory. */
const MAX_EVENT_BYTES = 64 * 1024 * 1024;

export function readEventRecords(stream: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  return readRecords(stream, { maxRecordBytes: MAX_EVENT_BYTES });
}
