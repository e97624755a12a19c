/**
 * RecordIO framing, as Mesos streams events: `<decimal byte length>\n<payload>` repeated, no CR,
 * no trailing newline, length never 0. Transport chunks are independent of records, so the
 * decoder is a small state machine fed arbitrary slices. A bad prefix fails the decoder for
 * good: once framing is lost there is no way to find the next record boundary.
 */

export class RecordIOError extends Error {
  override readonly name = 'RecordIOError';
}

export interface RecordIODecoderOptions {
  /** Largest payload accepted; a prefix announcing more fails the stream before buffering it. */
  readonly maxRecordBytes: number;
}

const NEWLINE = 0x0a;
const ZERO = 0x30;
const NINE = 0x39;
/** uint64 has at most 20 decimal digits. */
const MAX_PREFIX_DIGITS = 20;

export function encodeRecord(payload: string | Uint8Array): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  if (body.byteLength === 0) throw new RecordIOError('cannot encode an empty record: RecordIO lengths are never 0');
  const prefix = Buffer.from(`${body.byteLength}\n`, 'latin1');
  return Buffer.concat([prefix, body], prefix.length + body.byteLength);
}

export class RecordIODecoder {
  private readonly maxRecordBytes: number;
  private readonly maxDigits: number;
  /** Reading the length prefix (digits so far in `length`) or a payload of `length` bytes. */
  private inPayload = false;
  private length = 0;
  private digits = 0;
  private parts: Uint8Array[] = [];
  private received = 0;
  private failure: RecordIOError | undefined;

  constructor(options: RecordIODecoderOptions) {
    if (!Number.isSafeInteger(options.maxRecordBytes) || options.maxRecordBytes < 1) {
      throw new RangeError(`maxRecordBytes must be a positive integer, got ${options.maxRecordBytes}`);
    }
    this.maxRecordBytes = options.maxRecordBytes;
    this.maxDigits = Math.min(MAX_PREFIX_DIGITS, String(options.maxRecordBytes).length);
  }

  /** Feeds one chunk; returns the records it completed (each a fresh copy), in order. */
  push(chunk: Uint8Array): Buffer[] {
    if (this.failure !== undefined) throw this.failure;
    const records: Buffer[] = [];
    let i = 0;
    const n = chunk.byteLength;
    while (i < n) {
      if (!this.inPayload) {
        const byte = chunk[i] as number;
        i++;
        if (byte === NEWLINE) {
          this.startPayload();
          continue;
        }
        if (byte < ZERO || byte > NINE) this.fail(`non-digit byte 0x${byte.toString(16).padStart(2, '0')} in record length prefix`);
        this.digits++;
        // Leading zeros would let a prefix grow without bound while its value stays small.
        if (this.digits > this.maxDigits) this.fail(`record length prefix longer than ${this.maxDigits} digits`);
        this.length = this.length * 10 + (byte - ZERO);
        continue;
      }
      const take = Math.min(this.length - this.received, n - i);
      this.parts.push(chunk.subarray(i, i + take));
      this.received += take;
      i += take;
      if (this.received === this.length) records.push(this.finishPayload());
    }
    return records;
  }

  /** Call at end of stream: fails if the stream stopped inside a record. */
  end(): void {
    if (this.failure !== undefined) throw this.failure;
    if (this.inPayload) this.fail(`stream ended inside a record (${this.received} of ${this.length} bytes)`);
    if (this.digits > 0) this.fail('stream ended inside a record length prefix');
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  private startPayload(): void {
    if (this.digits === 0) this.fail('empty record length prefix');
    if (this.length === 0) this.fail('record length 0 is not allowed');
    if (this.length > this.maxRecordBytes) this.fail(`record of ${this.length} bytes exceeds the limit of ${this.maxRecordBytes}`);
    this.inPayload = true;
    this.received = 0;
  }

  private finishPayload(): Buffer {
    // A copy, so records never alias chunks the caller may reuse.
    const record = Buffer.concat(this.parts, this.length);
    this.parts = [];
    this.inPayload = false;
    this.length = 0;
    this.digits = 0;
    this.received = 0;
    return record;
  }

  private fail(message: string): never {
    this.failure = new RecordIOError(message);
    this.parts = [];
    throw this.failure;
  }
}

/** Yields each record of a byte stream (e.g. an HTTP response body); throws RecordIOError on bad framing. */
export async function* readRecords(stream: AsyncIterable<Uint8Array>, options: RecordIODecoderOptions): AsyncGenerator<Buffer, void, undefined> {
  const decoder = new RecordIODecoder(options);
  for await (const chunk of stream) {
    yield* decoder.push(chunk);
  }
  decoder.end();
}
