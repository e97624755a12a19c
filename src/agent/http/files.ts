/**
 * `/files/read` and `/files/browse` for sandboxes, in Mesos' shapes. Only paths inside the
 * work_dir are served; `..` cannot climb out.
 */
import type Router from '@koa/router';
import { open, readdir, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { HttpError } from '../../lib/errors.ts';

const MAX_READ_BYTES = 16 * 4096;

function modeString(mode: number, isDir: boolean): string {
  const bits = 'rwxrwxrwx';
  let out = isDir ? 'd' : '-';
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? bits[i] : '-';
  return out;
}

function resolvePath(workDir: string, path: unknown): string {
  if (typeof path !== 'string' || path === '') throw new HttpError(400, "Expecting 'path' query parameter");
  const root = resolve(workDir);
  const full = resolve(path.startsWith(root) ? path : join(root, path));
  if (full !== root && !full.startsWith(root + sep)) throw new HttpError(403, 'Path is outside the agent work directory');
  return full;
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
    const path = resolvePath(workDir, ctx.query['path']);
    const info = await statOr404(path);
    if (!info.isDirectory()) throw new HttpError(400, 'Path is not a directory');
    const names = await readdir(path);
    ctx.body = await Promise.all(names.map(async (name) => {
      const s = await stat(join(path, name));
      return { path: join(path, name), nlink: s.nlink, size: s.size, mtime: Math.floor(s.mtimeMs / 1000), mode: modeString(s.mode, s.isDirectory()), uid: String(s.uid), gid: String(s.gid) };
    }));
  });

  router.get('/files/read', async (ctx) => {
    const path = resolvePath(workDir, ctx.query['path']);
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
}
