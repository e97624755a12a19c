/**
 * Maps a request path under `/webui/` to a file inside the static folder, or null. Pure, so the
 * traversal rules are tested without a server: anything that could leave the folder (`..`,
 * encoded `%2e%2e` or `%2f`, backslashes, NUL, absolute paths) is refused rather than normalized,
 * because a normalizing resolver is exactly where traversal bugs hide.
 */
import { extname, join } from 'node:path';

export const WEBUI_PREFIX = '/webui/';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface Asset {
  readonly file: string;
  readonly contentType: string;
}

/** `rawPath` is the request path as sent, still percent-encoded; decoding happens once, here. */
export function assetFor(staticRoot: string, rawPath: string): Asset | null {
  if (!rawPath.startsWith(WEBUI_PREFIX)) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(rawPath.slice(WEBUI_PREFIX.length));
  } catch {
    return null;
  }
  if (relative === '' || relative.includes('\0') || relative.includes('\\') || relative.startsWith('/')) return null;
  const segments = relative.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.'))) return null;
  const contentType = CONTENT_TYPES[extname(relative).toLowerCase()];
  if (!contentType) return null;
  return { file: join(staticRoot, ...segments), contentType };
}
