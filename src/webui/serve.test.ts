import test from 'ava';
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import Koa from 'koa';
import { webuiMiddleware } from './serve.ts';

/** One app: the UI first, then a stand-in for the master's routes that names itself. */
async function withServer(run: (get: (path: string, method?: string) => Promise<{ status: number; type: string; body: string }>) => Promise<void>): Promise<void> {
  const app = new Koa();
  app.use(webuiMiddleware());
  app.use((ctx) => { ctx.body = `master:${ctx.method}:${ctx.path}`; });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const get = (path: string, method = 'GET') => new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
    });
    req.on('error', reject);
    req.end();
  });
  try {
    await run(get);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

test('GET / is the page and /webui/* its assets; other paths reach the master', async (t) => {
  await withServer(async (get) => {
    const index = await get('/');
    t.is(index.status, 200);
    t.regex(index.type, /^text\/html/);
    t.regex(index.body, /<main id="main"/);
    t.regex((await get('/webui/views/sandbox.js')).type, /^text\/javascript/);
    t.is((await get('/master/state')).body, 'master:GET:/master/state');
    t.is((await get('/', 'POST')).body, 'master:POST:/', 'only GET and HEAD are the UI');
  });
});

test('traversal out of the static folder is a 404, never a file', async (t) => {
  await withServer(async (get) => {
    for (const path of [
      // package.json is three levels up from static/ and has an allowed extension: the real prize.
      '/webui/../../../package.json', '/webui/%2e%2e/%2e%2e/%2e%2e/package.json', '/webui/%2e%2e%2f%2e%2e%2f%2e%2e%2fpackage.json',
      '/webui/views/..%2F..%2F..%2F..%2Fpackage.json', '/webui/%2E%2E/serve.ts', '/webui/missing.js',
    ]) {
      const res = await get(path);
      t.is(res.status, 404, path);
      t.false(res.body.includes('mesos-ts'), path);
    }
  });
});
