/**
 * Mesos' v1 API request rules, shared by every v1 endpoint (the master's scheduler and agent
 * APIs, the agent's executor API): POST only (405 with `Allow: POST`), Content-Type compared as
 * an exact string (missing 400, other 415), a capped body (413), and for calls answered with a
 * stream an Accept that admits JSON (406). Pure checks on a request's head, plus reading a body
 * from a stream the caller already has: no sockets are opened here.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../errors.ts';

const JSON_TYPE = 'application/json';
const PROTOBUF_TYPE = 'application/x-protobuf';

export interface ApiRequestHead {
  readonly method?: string | undefined;
  readonly headers: IncomingMessage['headers'];
}

/** Throws the HttpError Mesos answers for a request whose method or headers are wrong. */
export function checkApiRequest(req: ApiRequestHead): void {
  if (req.method !== 'POST') {
    throw new HttpError(405, `Expecting a 'POST' request, received '${req.method ?? ''}'`, { Allow: 'POST' });
  }
  const contentType = req.headers['content-type'];
  if (contentType === undefined) throw new HttpError(400, "Expecting 'Content-Type' to be present");
  if (contentType === PROTOBUF_TYPE) throw new HttpError(415, `Content-Type '${PROTOBUF_TYPE}' is not supported yet; use '${JSON_TYPE}'`);
  if (contentType !== JSON_TYPE) throw new HttpError(415, `Expecting 'Content-Type' of ${JSON_TYPE} or ${PROTOBUF_TYPE}`);
}

/** SUBSCRIBE answers with a stream of JSON records, so the client must accept JSON. */
export function checkAcceptsJson(req: ApiRequestHead): void {
  if (!acceptsJson(req.headers.accept)) throw new HttpError(406, `Expecting 'Accept' to allow '${JSON_TYPE}'`);
}

/** A missing Accept means anything; otherwise one media range must cover application/json. */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const [range = '', ...params] = part.trim().split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (q !== undefined && Number(q.slice(2)) === 0) return false;
    return range === JSON_TYPE || range === 'application/*' || range === '*/*';
  });
}

/**
 * Reads the body, refusing with 413 as soon as it passes `limit` bytes. Listens for 'data' and
 * 'end' rather than async-iterating: the iterator's machinery showed up per request in profiles.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new HttpError(413, `Request body of ${declared} bytes exceeds the limit of ${limit} bytes`));
  }
  // Callbacks are passed inline, not bound to names: tsx's keep-names helper showed up at ~1%
  // of the master's profile when this made five named closures per request.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      settled = true;
      req.resume();
      reject(new HttpError(413, `Request body exceeds the limit of ${limit} bytes`));
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    });
    req.on('error', (error: Error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    req.on('close', () => {
      // The peer went away before the body ended: nothing will answer this request.
      if (settled || req.complete) return;
      settled = true;
      reject(new Error('request closed before its body ended'));
    });
  });
}

/**
 * Reads a body that must be one JSON object, as every v1 call is: bad JSON or another JSON value
 * is 400 with Mesos' "Failed to parse body into Call" wording.
 */
export async function readJsonObjectBody(req: IncomingMessage, limit: number): Promise<Record<string, unknown>> {
  const body = await readBody(req, limit);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new HttpError(400, `Failed to parse body into Call: ${error instanceof Error ? error.message : 'invalid JSON'}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'Failed to parse body into Call: expected a JSON object');
  return value as Record<string, unknown>;
}
