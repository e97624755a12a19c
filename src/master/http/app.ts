/**
 * The master's HTTP surface: one Koa app, the error middleware first, then the v1 APIs and the
 * legacy endpoints. Anything not routed is 404.
 */
import Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from '../../lib/logger.ts';
import type { MasterCore } from '../core/master-core.ts';
import { agentApi } from './agent-api.ts';
import { errorMiddleware } from './errors.ts';
import type { LeaderView } from '../election/leadership.ts';
import type { MasterMetrics } from '../metrics.ts';
import { leaderRouting } from './leader-routing.ts';
import { addLegacyRoutes } from './legacy-routes.ts';
import { addMetricsRoutes } from './metrics-routes.ts';
import { schedulerApi } from './scheduler-api.ts';
import type { StateContext } from './state-json.ts';

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

export function createMasterApp(deps: MasterAppDeps): Koa {
  const app = new Koa();
  app.silent = true;
  const router = new Router();
  const scheduler = schedulerApi({ core: deps.core, logger: deps.logger.child({ component: 'scheduler-api' }), maxBodyBytes: deps.maxBodyBytes });
  const agent = agentApi({ core: deps.core, logger: deps.logger.child({ component: 'agent-api' }), maxBodyBytes: deps.maxBodyBytes });
  // All methods reach the handlers so a GET gets Mesos' 405 with `Allow: POST`, not a 404.
  router.all('/api/v1/scheduler', scheduler);
  router.all('/master/api/v1/scheduler', scheduler);
  router.all('/api/v1/agent', agent);
  router.all('/master/api/v1/agent', agent);
  addLegacyRoutes(router, deps.state, deps.leader);
  addMetricsRoutes(router, deps.metrics, deps.snapshot);
  app.use(errorMiddleware(deps.logger.child({ component: 'http' })));
  app.use(leaderRouting(deps.leader, deps.recovered));
  app.use(router.routes());
  return app;
}
