/**
 * Turns a Koa request into a long-lived RecordIO stream response: 200, chunked, exact
 * `Content-Type: application/json`, `Mesos-Stream-Id`, no Nagle delay, and peer loss noticed.
 */
import type { Context } from 'koa';
import { newUuid } from '../../lib/ids.ts';
import { EventStream } from './event-stream.ts';

export function openEventStream(ctx: Context): EventStream {
  const stream = new EventStream(newUuid());
  ctx.req.socket.setNoDelay(true);
  ctx.req.socket.setKeepAlive(true);
  ctx.status = 200;
  ctx.body = stream.body;
  // Koa would add a charset to `ctx.type`; Mesos clients compare the media type exactly.
  ctx.set('Content-Type', 'application/json');
  ctx.set('Mesos-Stream-Id', stream.streamId);
  ctx.set('Cache-Control', 'no-cache');
  ctx.res.on('close', () => stream.peerClosed());
  return stream;
}
