/**
 * `/metrics/snapshot` (Mesos' flat JSON keys) and `/metrics` (Prometheus text).
 */
import type Router from '@koa/router';
import type { MasterMetrics } from '../metrics.ts';
import { sendJson } from './send-json.ts';

export function addMetricsRoutes(router: Router, metrics: MasterMetrics, snapshot: () => Record<string, number>): void {
  router.get('/metrics/snapshot', (ctx) => sendJson(ctx, snapshot()));
  router.get('/metrics', async (ctx) => {
    const text = await metrics.render();
    ctx.set('Content-Type', metrics.registry.contentType);
    ctx.body = text;
  });
}
