/**
 * The agent's HTTP surface: the v1 executor API and the legacy endpoints tools poll
 * (`/state`, `/slave(1)/state`, `/health`, `/version`, `/flags`, `/files/*`).
 */
import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from '../../lib/logger.ts';
import type { Agent } from '../agent.ts';
import { errorMiddleware } from './errors.ts';
import { executorApi } from './executor-api.ts';
import { addFilesRoutes } from './files.ts';
import { AGENT_VERSION, stateJson, type StateInput } from './state-json.ts';

export interface AgentAppDeps {
  readonly agent: Agent;
  readonly logger: Logger;
  readonly workDir: string;
  readonly state: () => StateInput;
}

export function createAgentApp(deps: AgentAppDeps): Koa {
  const app = new Koa();
  const router = new Router();
  const api = executorApi(deps.agent, deps.logger);
  router.all('/api/v1/executor', api);
  router.all('/slave\\(1\\)/api/v1/executor', api);
  for (const prefix of ['', '/slave\\(1\\)']) {
    router.get(`${prefix}/state`, (ctx) => { ctx.body = stateJson(deps.state()); });
    router.get(`${prefix}/state.json`, (ctx) => { ctx.body = stateJson(deps.state()); });
    router.get(`${prefix}/health`, (ctx) => { ctx.status = 200; ctx.body = ''; });
    router.get(`${prefix}/flags`, (ctx) => { ctx.body = { flags: (stateJson(deps.state()))['flags'] }; });
  }
  router.get('/version', (ctx) => {
    ctx.body = { version: AGENT_VERSION, build_date: '', build_time: 0, build_user: '' };
  });
  addFilesRoutes(router, deps.workDir);
  // Errors after the response started (an executor hanging up on its event stream) reach Koa's
  // own handler, which would print them; a closed stream is normal, anything else is logged.
  app.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'ERR_STREAM_PREMATURE_CLOSE' || error.code === 'ECONNRESET') return;
    deps.logger.warn({ err: error }, 'HTTP response failed');
  });
  app.use(errorMiddleware(deps.logger));
  // The web UI is served by the master and reads the agent's state and sandbox files from the
  // browser. Mesos allows that with JSONP; we allow cross-origin reads of GET endpoints, which
  // expose nothing a client on the network could not already read. Calls (POST) stay same-origin.
  app.use(async (ctx, next) => {
    if (ctx.method === 'GET' || ctx.method === 'HEAD') ctx.set('Access-Control-Allow-Origin', '*');
    await next();
  });
  app.use(router.routes());
  return app;
}
