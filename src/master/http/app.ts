/**
 * The master's HTTP surface: one Koa app, the error middleware first, then the v1 APIs and the
 * legacy endpoints. Anything not routed is 404. In front of it, the v1 API calls on a recovered
 * leader take a fast path that skips Koa (fast-api.ts) with the same answers.
 */
import type { RequestListener } from 'node:http';
import Router from '@koa/router';
import Koa, { type Context } from 'koa';
import type { Logger } from '../../lib/logger.ts';
import type { MasterCore } from '../core/master-core.ts';
import { agentApi } from './agent-api.ts';
import type { ApiHandler } from './api-answer.ts';
import { webuiMiddleware } from '../../webui/serve.ts';
import { errorMiddleware } from './errors.ts';
import { fastApiListener } from './fast-api.ts';
import type { LeaderView } from '../election/leadership.ts';
import type { MasterMetrics } from '../metrics.ts';
import { leaderRouting } from './leader-routing.ts';
import { addLegacyRoutes } from './legacy-routes.ts';
import { addMetricsRoutes } from './metrics-routes.ts';
import { schedulerApi } from './scheduler-api.ts';
import type { StateContext } from './state-json.ts';
import { attachToKoa } from './stream-response.ts';

export interface MasterAppDeps {
  readonly core: MasterCore;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  readonly state: () => StateContext;
  readonly metrics: MasterMetrics;
  readonly snapshot: () => Record<string, number>;
  readonly leader: LeaderView;
  readonly recovered: () => boolean;
}

/** The request listener the master's server runs: the fast API path, then the Koa app. */
export function createMasterHandler(deps: MasterAppDeps): RequestListener {
  const scheduler = schedulerApi({ core: deps.core, logger: deps.logger.child({ component: 'scheduler-api' }), maxBodyBytes: deps.maxBodyBytes });
  const agent = agentApi({ core: deps.core, logger: deps.logger.child({ component: 'agent-api' }), maxBodyBytes: deps.maxBodyBytes });
  const apis = new Map<string, ApiHandler>([
    ['/api/v1/scheduler', scheduler],
    ['/master/api/v1/scheduler', scheduler],
    ['/api/v1/agent', agent],
    ['/master/api/v1/agent', agent],
  ]);
  const callback = createMasterApp(deps, apis).callback();
  return fastApiListener(
    { routes: apis, serving: () => deps.leader.isLeader() && deps.recovered(), logger: deps.logger.child({ component: 'http' }) },
    (req, res) => void callback(req, res),
  );
}

function viaKoa(handler: ApiHandler): (ctx: Context) => Promise<void> {
  return async (ctx) => {
    const answer = await handler(ctx.req);
    if (answer.stream) attachToKoa(ctx, answer.stream);
    else ctx.status = answer.status;
  };
}

/** The Koa app alone; `apis` are the v1 API handlers by path. */
export function createMasterApp(deps: MasterAppDeps, apis: ReadonlyMap<string, ApiHandler>): Koa {
  const app = new Koa();
  app.silent = true;
  const router = new Router();
  // All methods reach the handlers so a GET gets Mesos' 405 with `Allow: POST`, not a 404.
  for (const [path, handler] of apis) router.all(path, viaKoa(handler));
  addLegacyRoutes(router, deps.state, deps.leader);
  addMetricsRoutes(router, deps.metrics, deps.snapshot);
  app.use(errorMiddleware(deps.logger.child({ component: 'http' })));
  // Every master serves the UI page itself (a standby too); the page then reads state through
  // relative URLs, which leader routing sends on to the leader.
  app.use(webuiMiddleware());
  app.use(leaderRouting(deps.leader, deps.recovered));
  app.use(router.routes());
  return app;
}
