/**
 * `/files/browse`, `/files/read` and `/files/download` for sandboxes, in Mesos' shapes. Only
 * paths inside the work_dir are served: `..` cannot climb out, and neither can a symlink a task
 * left in its sandbox (tasks control their sandboxes, so every path is resolved to its real
 * location before the check).
 */
import type Router from '@koa/router';
import { createReadStream } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { HttpError } from '../../lib/errors.ts';

const MAX_READ_BYTES = 16 * 4096;

function modeString(mode: number, isDir: boolean): string {
  const bits = 'rwxrwxrwx';
  let out = isDir ? 'd' : '-';
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? bits[i] : '-';
  return out;
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root + sep);
}

/** The real location of `path` (relative paths are taken inside the work dir), or 400/403/404. */
async function resolvePath(workDir: string, path: unknown): Promise<string> {
  if (typeof path !== 'string' || path === '') throw new HttpError(400, "Expecting 'path' query parameter");
  const root = resolve(workDir);
  const full = resolve(path.startsWith(root) ? path : join(root, path));
  if (!inside(root, full)) throw new HttpError(403, 'Path is outside the agent work directory');
  let real: string;
  try {
    real = await realpath(full);
  } catch {
    throw new HttpError(404, 'No such file or directory');
  }
  if (!inside(await realpath(root), real)) throw new HttpError(403, 'Path leads outside the agent work directory');
  return real;
}

async function statOr404(path: string) {
  try {
    return await stat(path);
  } catch {
    throw new HttpError(404, 'No such file or directory');
  }
}

export function addFilesRoutes(router: Router, workDir: string): void {
  router.get('/files/browse', async (ctx) => {
    const path = await resolvePath(workDir, ctx.query['path']);
    const info = await statOr404(path);
    if (!info.isDirectory()) throw new HttpError(400, 'Path is not a directory');
    const names = await readdir(path);
    ctx.body = await Promise.all(names.map(async (name) => {
      const s = await stat(join(path, name));
      return { path: join(path, name), nlink: s.nlink, size: s.size, mtime: Math.floor(s.mtimeMs / 1000), mode: modeString(s.mode, s.isDirectory()), uid: String(s.uid), gid: String(s.gid) };
    }));
  });

  router.get('/files/read', async (ctx) => {
    const path = await resolvePath(workDir, ctx.query['path']);
    const offset = Number(ctx.query['offset'] ?? 0);
    const length = Math.min(Number(ctx.query['length'] ?? MAX_READ_BYTES), MAX_READ_BYTES);
    if (!Number.isInteger(offset) || offset < -1) throw new HttpError(400, "'offset' must be -1 or a non-negative integer");
    if (!Number.isInteger(length) || length < 0) throw new HttpError(400, "'length' must be a non-negative integer");
    const info = await statOr404(path);
    if (info.isDirectory()) throw new HttpError(400, 'Cannot read a directory');
    if (offset === -1) {
      ctx.body = { offset: info.size, data: '' };
      return;
    }
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(Math.max(0, Math.min(length, info.size - offset)));
      const { bytesRead } = buffer.length > 0 ? await handle.read(buffer, 0, buffer.length, offset) : { bytesRead: 0 };
      ctx.body = { offset, data: buffer.subarray(0, bytesRead).toString('utf8') };
    } finally {
      await handle.close();
    }
  });

  router.get('/files/download', async (ctx) => {
    const path = await resolvePath(workDir, ctx.query['path']);
    const info = await statOr404(path);
    if (info.isDirectory()) throw new HttpError(400, 'Cannot download a directory');
    ctx.set('Content-Type', 'application/octet-stream');
    ctx.set('Content-Disposition', `attachment; filename="${basename(path).replace(/["\\\r\n]/g, '_')}"`);
    ctx.length = info.size;
    ctx.body = createReadStream(path);
  });
}
