/**
 * The master's web UI as one Koa middleware: `GET /` is the single page, `GET /webui/*` its
 * static assets. Everything else falls through to the master's own routes, so the UI reads the
 * same public endpoints any tool does. Files are read per request (they are small and few) so a
 * UI edit shows on reload without restarting the master.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type Koa from 'koa';
import { assetFor } from './asset-path.ts';

const STATIC_ROOT = fileURLToPath(new URL('./static/', import.meta.url));

async function readOrNull(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch {
    return null;
  }
}

export function webuiMiddleware(staticRoot: string = STATIC_ROOT): Koa.Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    // Only `/` is the page: its asset URLs are relative, so served from deeper paths they would miss.
    const isIndex = ctx.path === '/';
    if (!isIndex && !ctx.path.startsWith('/webui/')) return next();
    const asset = isIndex
      ? { file: `${staticRoot}/index.html`, contentType: 'text/html; charset=utf-8' }
      : assetFor(staticRoot, originalPath(ctx.originalUrl));
    const body = asset ? await readOrNull(asset.file) : null;
    if (!asset || !body) {
      ctx.status = 404;
      ctx.type = 'text/plain';
      ctx.body = 'Not found';
      return;
    }
    ctx.status = 200;
    ctx.set('Content-Type', asset.contentType);
    ctx.set('X-Content-Type-Options', 'nosniff');
    // The page polls fresh data itself; caching the code only risks a stale UI after an upgrade.
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = body;
  };
}

/** The path as sent, still percent-encoded: Koa's ctx.path is decoded-on-read in some versions. */
function originalPath(originalUrl: string): string {
  const q = originalUrl.indexOf('?');
  return q === -1 ? originalUrl : originalUrl.slice(0, q);
}
