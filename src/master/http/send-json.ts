/**
 * JSON answers of the GET endpoints, compact as Mesos writes them, with `?jsonp=<callback>`
 * wrapping for the web UI (the callback must be a plain identifier: no script injection).
 */
import type { Context } from 'koa';
import { HttpError } from '../../lib/errors.ts';

export function sendJson(ctx: Context, value: unknown): void {
  const jsonp = typeof ctx.query['jsonp'] === 'string' ? ctx.query['jsonp'] : undefined;
  if (jsonp !== undefined) {
    if (!/^[A-Za-z_$][\w$.]*$/.test(jsonp)) throw new HttpError(400, "'jsonp' must be a JavaScript identifier");
    ctx.set('Content-Type', 'text/javascript');
    ctx.body = `${jsonp}(${JSON.stringify(value)});`;
    return;
  }
  ctx.set('Content-Type', 'application/json');
  ctx.body = JSON.stringify(value);
}

