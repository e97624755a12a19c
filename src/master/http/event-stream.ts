/**
 * A RecordIO event stream on an HTTP response: one record per write, so each record goes out as
 * its own chunk (clients such as the mesos-framework library expect a record per chunk, as Mesos
 * sends them). Records sent within one turn of the event loop still leave in one socket write:
 * the response is corked at the first and uncorked at the end of the turn (setImmediate), since
 * one writev per event was the master's largest cost under load (~17% of a profile).
 * Closing (by us or the peer) fires `onClose` exactly once.
 */
import { PassThrough } from 'node:stream';

/**
 * How much may wait unread for one subscriber before the master gives up on it: a client that
 * stops reading must not make the master buffer without bound.
 */
export const DEFAULT_MAX_BUFFERED_BYTES = 32 * 1024 * 1024;

/** What the stream needs of the HTTP response: node's ServerResponse has both. */
export interface Corkable {
  cork(): void;
  uncork(): void;
}

export class EventStream {
  readonly body = new PassThrough();
  private ended = false;
  private readonly closeHandlers: (() => void)[] = [];
  /** The response `body` is piped into, corked while a turn's records gather. */
  private response: Corkable | undefined;
  private corked = false;

  constructor(readonly streamId: string, private readonly maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES) {
    this.body.on('close', () => this.markClosed());
    this.body.on('error', () => this.markClosed());
  }

  get closed(): boolean {
    return this.ended;
  }

  /** Lets `send` batch the socket writes of one turn on `response` (which `body` is piped into). */
  batchWritesOn(response: Corkable): void {
    this.response = response;
  }

  /** Writes one event as one record; a no-op once closed. */
  send(event: object): void {
    if (this.ended) return;
    if (this.body.writableLength + this.body.readableLength > this.maxBufferedBytes) {
      // The subscriber stopped reading: drop it (it sees a disconnect and may resubscribe).
      this.peerClosed();
      return;
    }
    if (this.response && !this.corked) {
      this.corked = true;
      this.response.cork();
      setImmediate(this.uncork);
    }
    // The RecordIO frame (`<byte length>\n<payload>`) as one string: the body turns it into one
    // Buffer, where encodeRecord would make three. An object never stringifies to ''.
    const json = JSON.stringify(event);
    this.body.write(`${Buffer.byteLength(json)}\n${json}`);
  }

  private readonly uncork = (): void => {
    this.corked = false;
    this.response?.uncork();
  };

  /** Ends the response (the client sees the stream close). */
  close(): void {
    if (this.ended) return;
    this.body.end();
    this.markClosed();
  }

  /** Runs `fn` once when the stream ends for any reason. */
  onClose(fn: () => void): void {
    if (this.ended) fn();
    else this.closeHandlers.push(fn);
  }

  /** The peer went away (socket closed). */
  peerClosed(): void {
    if (!this.ended) this.body.destroy();
    this.markClosed();
  }

  private markClosed(): void {
    if (this.ended && this.closeHandlers.length === 0) return;
    this.ended = true;
    const handlers = this.closeHandlers.splice(0);
    for (const fn of handlers) fn();
  }
}

