/**
 * Long-lived RecordIO stream responses: 200, chunked, exact `Content-Type: application/json`,
 * `Mesos-Stream-Id`, no Nagle delay, and peer loss noticed. The stream is created when the
 * SUBSCRIBE is accepted and attached to the response (through Koa or node's own response) once
 * the handler has answered, so a handler that throws still gets its error status.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Context } from 'koa';
import { newUuid } from '../../lib/ids.ts';
import { EventStream } from './event-stream.ts';

export function newEventStream(): EventStream {
  return new EventStream(newUuid());
}

function streamHeaders(stream: EventStream): OutgoingHttpHeaders {
  // Koa would add a charset to `ctx.type`; Mesos clients compare the media type exactly.
  return { 'Content-Type': 'application/json', 'Mesos-Stream-Id': stream.streamId, 'Cache-Control': 'no-cache' };
}

function tuneSocket(req: IncomingMessage, res: ServerResponse, stream: EventStream): void {
  req.socket.setNoDelay(true);
  req.socket.setKeepAlive(true);
  res.on('close', () => stream.peerClosed());
  stream.batchWritesOn(res);
  // The peer may have gone while the handler awaited (agent SUBSCRIBE waits for the registrar).
  if (req.socket.destroyed) stream.peerClosed();
}

/** Answers a Koa request with `stream`. */
export function attachToKoa(ctx: Context, stream: EventStream): void {
  tuneSocket(ctx.req, ctx.res, stream);
  ctx.status = 200;
  ctx.body = stream.body;
  for (const [name, value] of Object.entries(streamHeaders(stream))) ctx.set(name, String(value));
}

/** Answers a bare node request with `stream`, as Koa would (status, headers, piped body). */
export function attachToResponse(req: IncomingMessage, res: ServerResponse, stream: EventStream): void {
  tuneSocket(req, res, stream);
  res.writeHead(200, streamHeaders(stream));
  stream.body.on('error', () => res.destroy());
  stream.body.pipe(res);
}
