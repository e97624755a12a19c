/**
 * A tiny HTTP server for the SDK's own tests: records every request (with its JSON body parsed)
 * and hands it to a per-test handler, which plays the master or agent.
 */
import http from 'node:http';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown> | undefined;
}

export interface TestServer {
  readonly origin: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export type TestHandler = (request: RecordedRequest, response: ServerResponse) => void;

export async function startTestServer(handler: TestHandler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined,
      };
      requests.push(recorded);
      handler(recorded, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** One RecordIO record: `<byte length>\n<json>`. */
export function recordOf(message: unknown): string {
  const json = JSON.stringify(message);
  return `${Buffer.byteLength(json)}\n${json}`;
}

/** Starts a chunked RecordIO stream response as the master does. */
export function startStream(response: ServerResponse, streamId?: string): void {
  response.writeHead(200, {
    'Content-Type': 'application/json',
    'Transfer-Encoding': 'chunked',
    ...(streamId ? { 'Mesos-Stream-Id': streamId } : {}),
  });
  response.flushHeaders();
}

/** Writes `bytes` in pieces of the given sizes (cycled), so records straddle HTTP chunks. */
export async function writeInPieces(response: ServerResponse, text: string, sizes: readonly number[]): Promise<void> {
  const bytes = Buffer.from(text);
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const size = sizes[i % sizes.length] ?? 1;
    response.write(bytes.subarray(offset, offset + size));
    offset += size;
    // Let each piece leave as its own chunk rather than being coalesced.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
