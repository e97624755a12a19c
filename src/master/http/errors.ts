/**
 * The one error middleware: an HttpError becomes its status, headers and message (plain text,
 * as Mesos answers); anything else is logged with the request's context and answered 500
 * without internals, so no input can take the master down or leak its state.
 */
import type { Middleware } from 'koa';
import { HttpError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';

export function errorMiddleware(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof HttpError) {
        ctx.status = error.status;
        for (const [name, value] of Object.entries(error.headers)) ctx.set(name, value);
        ctx.set('Content-Type', 'text/plain; charset=utf-8');
        ctx.body = error.message;
        logger.debug({ method: ctx.method, path: ctx.path, status: error.status, message: error.message }, 'request refused');
        return;
      }
      logger.error({ err: error, method: ctx.method, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.set('Content-Type', 'text/plain; charset=utf-8');
      ctx.body = 'Internal Server Error';
    }
  };
}
