/**
 * The hot path: POSTs to the v1 APIs on a recovered leader are served straight from node's
 * request and response, skipping Koa, the router and the middleware chain (a profile of the
 * master under simulated agents spent ~6% of its time there, plus allocations per request).
 * Answers are byte-for-byte what the Koa app gives: a bare status carries its reason phrase as
 * a text/plain body (Koa's default for an empty body), and an HttpError its message and headers
 * (errors.ts). Everything else, including any request the leader check would redirect or
 * refuse, falls through to the Koa app untouched.
 */
import { type IncomingMessage, type RequestListener, type ServerResponse, STATUS_CODES } from 'node:http';
import { HttpError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { ApiAnswer, ApiHandler } from './api-answer.ts';
import { attachToResponse } from './stream-response.ts';

export interface FastApiDeps {
  /** Handlers by exact request URL. */
  readonly routes: ReadonlyMap<string, ApiHandler>;
  /** Whether the leader-routing middleware would let the request through. */
  readonly serving: () => boolean;
  readonly logger: Logger;
}

const TEXT = 'text/plain; charset=utf-8';

export function fastApiListener(deps: FastApiDeps, fallback: RequestListener): RequestListener {
  return (req, res) => {
    const handler = req.method === 'POST' && req.url !== undefined ? deps.routes.get(req.url) : undefined;
    if (handler === undefined || !deps.serving()) {
      fallback(req, res);
      return;
    }
    handler(req).then(
      (answer) => answerWith(req, res, answer),
      (error: unknown) => answerError(deps.logger, req, res, error),
    );
  };
}

function answerWith(req: IncomingMessage, res: ServerResponse, answer: ApiAnswer): void {
  if (answer.stream) attachToResponse(req, res, answer.stream);
  else sendText(res, answer.status, STATUS_CODES[answer.status] ?? String(answer.status));
}

function answerError(logger: Logger, req: IncomingMessage, res: ServerResponse, error: unknown): void {
  if (error instanceof HttpError) {
    for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
    logger.debug({ method: req.method, path: req.url, status: error.status, message: error.message }, 'request refused');
    sendText(res, error.status, error.message);
    return;
  }
  logger.error({ err: error, method: req.method, path: req.url }, 'request failed');
  sendText(res, 500, 'Internal Server Error');
}

function sendText(res: ServerResponse, status: number, text: string): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { 'Content-Type': TEXT, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
