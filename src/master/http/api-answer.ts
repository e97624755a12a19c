/**
 * What a v1 API call (`/api/v1/scheduler`, `/api/v1/agent`) answers, independent of Koa: a bare
 * status, or a RecordIO event stream (SUBSCRIBE). Refusals are thrown as HttpError. Keeping the
 * handlers off Koa's Context lets the hot calls (status updates, acknowledgements, ACCEPT) be
 * served straight from node's request and response (fast-api.ts) with the same answers.
 */
import type { IncomingMessage } from 'node:http';
import type { EventStream } from './event-stream.ts';

export type ApiAnswer = { readonly status: number; readonly stream?: undefined } | { readonly stream: EventStream; readonly status?: undefined };

export type ApiHandler = (req: IncomingMessage) => Promise<ApiAnswer>;

/** A request header as one string, '' when absent (what Koa's `ctx.get` returns). */
export function headerOf(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(', ') : value;
}
