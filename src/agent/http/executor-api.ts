/**
 * `POST /api/v1/executor` (Mesos v1 executor API): SUBSCRIBE opens a RecordIO stream of events
 * to the executor; UPDATE, MESSAGE and HEARTBEAT are answered 202 once handled. Calls other than
 * SUBSCRIBE from an executor that has no open stream are 403.
 */
import { PassThrough } from 'node:stream';
import type { Context } from 'koa';
import { formatProblems, HttpError } from '../../lib/errors.ts';
import type { Logger } from '../../lib/logger.ts';
import type { Agent } from '../agent.ts';
import type { ExecutorChannel } from '../model.ts';
import { parseExecutorCall } from '../parse.ts';
import { encodeRecord } from '../recordio.ts';
import { checkAcceptsJson, checkApiRequest, readJsonObjectBody } from '../../lib/http/api-request.ts';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** One executor's event stream: each event one RecordIO record, one chunk. */
function openStream(ctx: Context): { channel: ExecutorChannel; closed: Promise<void> } {
  const body = new PassThrough();
  ctx.req.socket.setNoDelay(true);
  ctx.status = 200;
  ctx.body = body;
  ctx.set('Content-Type', 'application/json');
  ctx.set('Cache-Control', 'no-cache');
  let open = true;
  const closed = new Promise<void>((resolve) => {
    ctx.res.on('close', () => {
      open = false;
      resolve();
    });
  });
  return {
    channel: {
      send: (event) => {
        if (open) body.write(encodeRecord(event));
      },
      close: () => {
        open = false;
        body.end();
      },
    },
    closed,
  };
}

export function executorApi(agent: Agent, logger: Logger): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    checkApiRequest(ctx.req);
    // The agent, unlike the master's scheduler API, checks Accept on every executor call.
    checkAcceptsJson(ctx.req);
    const parsed = parseExecutorCall(await readJsonObjectBody(ctx.req, MAX_BODY_BYTES));
    if (!parsed.ok) throw new HttpError(400, `Failed to validate executor::Call: ${formatProblems(parsed.problems)}`);
    const call = parsed.value;
    if (call.type === 'SUBSCRIBE') {
      const { channel, closed } = openStream(ctx);
      const result = agent.subscribeExecutor(call.frameworkId, call.executorId, channel);
      if (!result.ok) {
        channel.close();
        throw new HttpError(result.status, result.message);
      }
      void closed.then(() => agent.executorDisconnected(call.frameworkId, call.executorId, channel));
      return;
    }
    if (!agent.isSubscribed(call.frameworkId, call.executorId)) {
      throw new HttpError(403, `Executor '${call.executorId}' of framework '${call.frameworkId}' is not subscribed`);
    }
    switch (call.type) {
      case 'UPDATE':
        try {
          await agent.executorUpdate(call.frameworkId, call.executorId, call.status);
        } catch (error) {
          logger.warn({ err: error }, 'executor update refused');
          throw new HttpError(400, (error as Error).message);
        }
        break;
      case 'MESSAGE':
        agent.executorMessage(call.frameworkId, call.executorId, call.data);
        break;
      case 'HEARTBEAT':
        break;
    }
    ctx.status = 202;
  };
}
