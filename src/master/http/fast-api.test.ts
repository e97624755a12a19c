import { createServer, request, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'ava';
import { HttpError } from '../../lib/errors.ts';
import { silentLogger } from '../../lib/logger.ts';
import type { ApiHandler } from './api-answer.ts';
import { fastApiListener } from './fast-api.ts';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function call(listener: RequestListener, method: string, path: string): Promise<Answer> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise<Answer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end('{}');
    });
  } finally {
    server.close();
  }
}

const fallback: RequestListener = (_req, res) => {
  res.writeHead(299, { 'Content-Type': 'text/plain' });
  res.end('koa');
};

function listener(handler: ApiHandler, serving = true): RequestListener {
  return fastApiListener({ routes: new Map([['/api/v1/agent', handler]]), serving: () => serving, logger: silentLogger() }, fallback);
}

test('a bare status is answered with its reason phrase as text, as Koa does', async (t) => {
  const answer = await call(listener(() => Promise.resolve({ status: 202 })), 'POST', '/api/v1/agent');
  t.is(answer.status, 202);
  t.is(answer.body, 'Accepted');
  t.is(answer.headers['content-type'], 'text/plain; charset=utf-8');
  t.is(answer.headers['content-length'], '8');
});

test('an HttpError is answered with its status, headers and message', async (t) => {
  const answer = await call(listener(() => Promise.reject(new HttpError(405, "Expecting a 'POST' request", { Allow: 'POST' }))), 'POST', '/api/v1/agent');
  t.is(answer.status, 405);
  t.is(answer.headers.allow, 'POST');
  t.is(answer.body, "Expecting a 'POST' request");
});

test('any other failure is a 500 without internals', async (t) => {
  const answer = await call(listener(() => Promise.reject(new Error('secret'))), 'POST', '/api/v1/agent');
  t.is(answer.status, 500);
  t.is(answer.body, 'Internal Server Error');
});

test('other paths, other methods and a master that is not serving fall through to the app', async (t) => {
  const handler: ApiHandler = () => Promise.resolve({ status: 202 });
  t.is((await call(listener(handler), 'POST', '/api/v1/agent?x=1')).body, 'koa');
  t.is((await call(listener(handler), 'GET', '/api/v1/agent')).body, 'koa');
  t.is((await call(listener(handler), 'POST', '/state')).body, 'koa');
  t.is((await call(listener(handler, false), 'POST', '/api/v1/agent')).body, 'koa');
});
