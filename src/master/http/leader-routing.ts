/**
 * Leader routing (reference §0): on a master that does not lead, leader-only endpoints answer
 * 307 to `//<leader host>:<port><same path and query>`, or 503 "No leader elected" when no
 * leader is known. Health, version, metrics and redirect are answered by any master.
 */
import type { Middleware } from 'koa';
import type { LeaderView } from '../election/leadership.ts';

const ANY_MASTER = new Set(['/health', '/master/health', '/version', '/metrics', '/metrics/snapshot', '/redirect', '/master/redirect']);

/** `recovered`: whether the leader has read the registry; until then it answers 503. */
export function leaderRouting(view: LeaderView, recovered: () => boolean): Middleware {
  return async (ctx, next) => {
    if (ANY_MASTER.has(ctx.path)) {
      await next();
      return;
    }
    if (view.isLeader()) {
      if (recovered()) {
        await next();
        return;
      }
      ctx.status = 503;
      ctx.set('Content-Type', 'text/plain; charset=utf-8');
      ctx.body = 'Master has not finished recovery';
      return;
    }
    const leader = view.leaderAddress();
    if (!leader) {
      ctx.status = 503;
      ctx.set('Content-Type', 'text/plain; charset=utf-8');
      ctx.body = 'No leader elected';
      return;
    }
    ctx.status = 307;
    ctx.set('Location', `//${leader.hostname}:${leader.port}${ctx.url}`);
    ctx.body = '';
  };
}

/** `/master/redirect`: 307 to the leader's base URL (never a path: that would loop), 503 if none. */
export function redirectTarget(view: LeaderView): string | null {
  const leader = view.leaderAddress();
  return leader ? `//${leader.hostname}:${leader.port}` : null;
}
