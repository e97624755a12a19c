/**
 * The one place the SDK touches the network. Every request follows Mesos' 307 leader redirects
 * (keeping our own path, taking only the leader's host and port) and reports where it ended up,
 * so a client can send its next calls straight to the leader.
 */
import http from 'node:http';
import https from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { ConnectionError, MesosApiError } from './api-error.ts';
import { redirectOrigin } from './master-address.ts';

/** Mesos sends one hop; a few more cover a leader change mid-redirect without looping forever. */
const MAX_REDIRECTS = 5;

/**
 * A master that accepts the connection but never answers (hung, or a black-holing proxy) would
 * otherwise stall a call forever. Applies until the status line arrives; a stream's quiet periods
 * after that are the heartbeat watchdog's business.
 */
const RESPONSE_TIMEOUT_MS = 30_000;

export interface RequestSpec {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Names the call in errors, e.g. `SUBSCRIBE` or `GET /master/state`. */
  readonly call: string;
}

export interface BufferedResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The origin that answered, after redirects. */
  readonly origin: string;
}

export interface StreamResponse {
  readonly headers: IncomingHttpHeaders;
  readonly stream: IncomingMessage;
  readonly origin: string;
}

/** Sends a request and reads the whole answer; any status is returned, only 307 is acted on. */
export async function send(origin: string, spec: RequestSpec): Promise<BufferedResponse> {
  const { response, origin: finalOrigin } = await followRedirects(origin, spec);
  const body = await readBody(response);
  return { status: response.statusCode ?? 0, headers: response.headers, body, origin: finalOrigin };
}

/** Like `send`, but throws MesosApiError unless the status is 2xx. */
export async function sendExpectingSuccess(origin: string, spec: RequestSpec): Promise<BufferedResponse> {
  const answer = await send(origin, spec);
  if (answer.status < 200 || answer.status >= 300) {
    throw new MesosApiError(answer.status, answer.body.trim(), spec.call);
  }
  return answer;
}

/** Opens a streaming request; resolves once a 200 arrives with the body still flowing. */
export async function openStream(origin: string, spec: RequestSpec): Promise<StreamResponse> {
  const { response, origin: finalOrigin } = await followRedirects(origin, spec);
  if (response.statusCode !== 200) {
    const body = await readBody(response);
    throw new MesosApiError(response.statusCode ?? 0, body.trim(), spec.call);
  }
  return { headers: response.headers, stream: response, origin: finalOrigin };
}

async function followRedirects(origin: string, spec: RequestSpec): Promise<{ response: IncomingMessage; origin: string }> {
  let current = origin;
  for (let hop = 0; ; hop++) {
    const response = await requestOnce(current + spec.path, spec);
    const location = response.headers.location;
    if (response.statusCode !== 307 || location === undefined || hop >= MAX_REDIRECTS) {
      return { response, origin: current };
    }
    response.resume();
    current = redirectOrigin(current, location);
  }
}

function requestOnce(url: string, spec: RequestSpec): Promise<IncomingMessage> {
  const lib = url.startsWith('https:') ? https : http;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...spec.headers };
    if (spec.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(spec.body));
    const request = lib.request(url, { method: spec.method, headers }, (response) => {
      request.setTimeout(0);
      resolve(response);
    });
    request.setTimeout(RESPONSE_TIMEOUT_MS, () => request.destroy(new Error(`no answer within ${RESPONSE_TIMEOUT_MS} ms`)));
    // After a response arrives, socket failures surface on the response stream instead.
    request.on('error', (cause) => reject(new ConnectionError(url, { cause })));
    request.end(spec.body);
  });
}

export function readBody(response: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    response.on('error', reject);
    response.on('aborted', () => reject(new Error('connection closed while reading the response')));
  });
}
