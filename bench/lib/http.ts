/**
 * The bench's HTTP client side, kept cheap so the process under test is the bottleneck: calls go
 * through one keep-alive pool per origin (bounded, so thousands of simulated peers share a few
 * hundred sockets), and event streams get their own connection each, outside the pool, as a
 * long-lived subscription must not hold a pooled socket hostage.
 */
import http from 'node:http';
import { RecordIODecoder } from '../../src/protocol/recordio.ts';

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

export interface CallAnswer {
  readonly status: number;
  readonly body: string;
}

class StaleSocketError extends Error {
  constructor(cause: Error) {
    super(`stale keep-alive socket: ${cause.message}`, { cause });
  }
}

export class CallPool {
  private readonly agent: http.Agent;
  private readonly host: string;
  private readonly port: number;

  constructor(origin: string, maxSockets: number) {
    const url = new URL(origin);
    this.host = url.hostname;
    this.port = Number(url.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /**
   * POSTs a JSON body; resolves with status and body (bodies of 202s are empty and cheap). A reset
   * on a reused keep-alive socket is retried once: the server closed it while idle, so the request
   * never reached it.
   */
  async post(path: string, body: string, headers: Record<string, string> = {}): Promise<CallAnswer> {
    try {
      return await this.postOnce(path, body, headers);
    } catch (err) {
      if (!(err instanceof StaleSocketError)) throw err;
      return this.postOnce(path, body, headers);
    }
  }

  private postOnce(path: string, body: string, headers: Record<string, string>): Promise<CallAnswer> {
    return new Promise((resolve, reject) => {
      const req = http.request({
        host: this.host, port: this.port, path, method: 'POST', agent: this.agent,
        headers: { ...JSON_HEADERS, ...headers, 'Content-Length': Buffer.byteLength(body) },
      }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { text += chunk; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on('error', reject);
      });
      req.on('error', (err: NodeJS.ErrnoException) => {
        reject(req.reusedSocket && err.code === 'ECONNRESET' ? new StaleSocketError(err) : err);
      });
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export interface RecordStream {
  readonly status: number;
  /** Mesos-Stream-Id of a 200 answer. */
  readonly streamId: string;
  /** The body of a refusal (non-200). */
  readonly refusal: string;
  close(): void;
}

export interface StreamHandlers {
  readonly onEvent: (event: Record<string, unknown>) => void;
  /** Called with the Mesos-Stream-Id before the first event, so replies to it can carry the id. */
  readonly onOpen?: (streamId: string) => void;
  readonly onEnd?: () => void;
}

/**
 * POSTs a subscription and feeds each RecordIO record, parsed as JSON, to `onEvent` until the
 * stream ends (then `onEnd`). Resolves once the status line is in.
 */
export function openRecordStream(
  origin: string,
  path: string,
  body: string,
  handlers: StreamHandlers,
): Promise<RecordStream> {
  const { onEvent, onOpen, onEnd } = handlers;
  const url = new URL(origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: Number(url.port), path, method: 'POST', agent: false, headers: JSON_HEADERS }, (res) => {
      const status = res.statusCode ?? 0;
      const streamId = String(res.headers['mesos-stream-id'] ?? '');
      const close = (): void => { req.destroy(); };
      if (status !== 200) {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => { text += chunk; });
        res.on('end', () => resolve({ status, streamId, refusal: text, close }));
        return;
      }
      onOpen?.(streamId);
      const decoder = new RecordIODecoder({ maxRecordBytes: 64 * 1024 * 1024 });
      let ended = false;
      const end = (): void => {
        if (ended) return;
        ended = true;
        onEnd?.();
      };
      res.on('data', (chunk: Buffer) => {
        for (const record of decoder.push(chunk)) onEvent(JSON.parse(record.toString('utf8')) as Record<string, unknown>);
      });
      res.on('end', end);
      res.on('close', end);
      res.on('error', end);
      resolve({ status, streamId, refusal: '', close });
    });
    req.on('error', reject);
    req.end(body);
  });
}
