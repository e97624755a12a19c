/**
 * Mesos' legacy GET endpoints that UIs and tools poll, under `/master/...` and bare (libprocess
 * delegates unknown paths to the master): state, frameworks, slaves, tasks, flags, version,
 * health and redirect. `?jsonp=cb` wraps the JSON as the bundled web UI expects.
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import { HttpError } from '../../lib/errors.ts';
import type { LeaderView } from '../election/leadership.ts';
import { redirectTarget } from './leader-routing.ts';
import { sendJson } from './send-json.ts';
import type { TaskRecord } from '../core/model.ts';
import { agentJson, flagsJson, frameworkJson, type StateContext, stateJson, taskJson, versionJson } from './state-json.ts';

function intParam(ctx: Context, name: string, fallback: number): number {
  const raw = ctx.query[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (typeof raw !== 'string' || !Number.isInteger(value) || value < 0) throw new HttpError(400, `'${name}' must be a non-negative integer`);
  return value;
}

function both(router: Router, path: string, handler: (ctx: Context) => void): void {
  router.get(`/master${path}`, handler);
  router.get(path, handler);
}

export function addLegacyRoutes(router: Router, state: () => StateContext, leader: LeaderView): void {
  router.get('/version', (ctx) => sendJson(ctx, versionJson()));
  both(router, '/health', (ctx) => {
    ctx.status = 200;
    ctx.body = '';
  });
  both(router, '/redirect', (ctx) => {
    const target = redirectTarget(leader);
    if (target === null) throw new HttpError(503, 'No leader elected');
    ctx.status = 307;
    ctx.set('Location', target);
    ctx.body = '';
  });
  both(router, '/state', (ctx) => sendJson(ctx, stateJson(state())));
  both(router, '/state.json', (ctx) => sendJson(ctx, stateJson(state())));
  both(router, '/flags', (ctx) => sendJson(ctx, { flags: flagsJson(state().config) }));
  both(router, '/frameworks', (ctx) => {
    const { registry } = state();
    const only = typeof ctx.query['framework_id'] === 'string' ? ctx.query['framework_id'] : undefined;
    const keep = (id: string): boolean => only === undefined || id === only;
    sendJson(ctx, {
      frameworks: [...registry.frameworks.values()].filter((f) => keep(f.id)).map((f) => frameworkJson(registry, f)),
      completed_frameworks: registry.completedFrameworks.filter((f) => keep(f.id)).map((f) => frameworkJson(registry, f)),
      unregistered_frameworks: [],
    });
  });
  both(router, '/slaves', (ctx) => {
    const { registry } = state();
    const only = typeof ctx.query['slave_id'] === 'string' ? ctx.query['slave_id'] : undefined;
    const agents = [...registry.agents.values()].filter((a) => (a.state === 'registered' || a.state === 'disconnected') && (only === undefined || a.id === only));
    sendJson(ctx, { slaves: agents.map((a) => agentJson(registry, a)), recovered_slaves: [] });
  });
  both(router, '/tasks', (ctx) => {
    const { registry } = state();
    const limit = intParam(ctx, 'limit', 100);
    const offset = intParam(ctx, 'offset', 0);
    const ascending = ctx.query['order'] === 'asc';
    const frameworkId = typeof ctx.query['framework_id'] === 'string' ? ctx.query['framework_id'] : undefined;
    const taskId = typeof ctx.query['task_id'] === 'string' ? ctx.query['task_id'] : undefined;
    const all: TaskRecord[] = [];
    for (const f of [...registry.frameworks.values(), ...registry.completedFrameworks]) {
      if (frameworkId !== undefined && f.id !== frameworkId) continue;
      all.push(...f.tasks.values(), ...f.completedTasks);
    }
    const firstSeen = (t: TaskRecord): number => t.statuses[0]?.timestamp ?? Number.MAX_SAFE_INTEGER;
    const tasks = all
      .filter((t) => taskId === undefined || t.info.task_id.value === taskId)
      .sort((a, b) => (ascending ? firstSeen(a) - firstSeen(b) : firstSeen(b) - firstSeen(a)))
      .slice(offset, offset + limit);
    sendJson(ctx, { tasks: tasks.map(taskJson) });
  });
}
