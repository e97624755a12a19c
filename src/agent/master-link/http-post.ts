/**
 * POSTs for the master link's calls over a small pool of kept-alive connections. Thousands of
 * status updates a second go this way, so it uses node:http directly (fetch allocates a lot per
 * request) and caps the sockets so a burst does not open one connection per update.
 */
import { Agent, request } from 'node:http';

export interface PostResult {
  readonly status: number;
  readonly body: string;
}

export class HttpPoster {
  private readonly pool = new Agent({ keepAlive: true, maxSockets: 8 });

  post(url: string, body: string, headers: Record<string, string>): Promise<PostResult> {
    return new Promise((resolve, reject) => {
      const req = request(url, {
        method: 'POST', agent: this.pool,
        headers: { ...headers, 'Content-Type': 'application/json', Accept: 'application/json', 'Content-Length': Buffer.byteLength(body) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.pool.destroy();
  }
}
