/**
 * Mesos' v1 API request rules as the agent applies them to `/api/v1/executor`: POST only (405
 * with `Allow: POST`), Content-Type compared exactly (missing 400, other 415), Accept must admit
 * JSON (406), a capped body (413) that must be one JSON object (400).
 */
// The master has the same rules in src/master/http/negotiation.ts; agent and master may not
// import each other, so a shared home (src/lib/http) would remove this copy.
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../../lib/errors.ts';

const JSON_TYPE = 'application/json';
const PROTOBUF_TYPE = 'application/x-protobuf';

export function checkApiRequest(req: Pick<IncomingMessage, 'method' | 'headers'>): void {
  if (req.method !== 'POST') throw new HttpError(405, `Expecting a 'POST' request, received '${req.method ?? ''}'`, { Allow: 'POST' });
  const contentType = req.headers['content-type'];
  if (contentType === undefined) throw new HttpError(400, "Expecting 'Content-Type' to be present");
  if (contentType === PROTOBUF_TYPE) throw new HttpError(415, `Content-Type '${PROTOBUF_TYPE}' is not supported yet; use '${JSON_TYPE}'`);
  if (contentType !== JSON_TYPE) throw new HttpError(415, `Expecting 'Content-Type' of ${JSON_TYPE} or ${PROTOBUF_TYPE}`);
  if (!acceptsJson(req.headers.accept)) throw new HttpError(406, `Expecting 'Accept' to allow '${JSON_TYPE}'`);
}

export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const [range = '', ...params] = part.trim().split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) return false;
    return range === JSON_TYPE || range === 'application/*' || range === '*/*';
  });
}

export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) {
      req.resume();
      throw new HttpError(413, `Request body exceeds the limit of ${limit} bytes`);
    }
    chunks.push(buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new HttpError(400, `Failed to parse body into Call: ${error instanceof Error ? error.message : 'invalid JSON'}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'Failed to parse body into Call: expected a JSON object');
  return value;
}
