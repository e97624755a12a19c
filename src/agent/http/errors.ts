/**
 * The agent's error middleware: an HttpError becomes its status and plain-text message (as Mesos
 * answers); anything else is logged and answered 500 without internals.
 */
import type { Middleware } from 'koa';
import { HttpError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';

export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      ctx.set('Content-Type', 'text/plain; charset=utf-8');
      if (error instanceof HttpError) {
        ctx.status = error.status;
        for (const [name, value] of Object.entries(error.headers)) ctx.set(name, value);
        ctx.body = error.message;
        return;
      }
      logger.error({ err: error, method: ctx.method, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = 'Internal Server Error';
    }
  };
}
