import test from 'ava';
import { HttpError } from '../../lib/errors.ts';
import { acceptsJson, checkApiRequest } from './api-request.ts';

test('Accept: missing, wildcards and q=0', (t) => {
  t.true(acceptsJson(undefined));
  t.true(acceptsJson('*/*'));
  t.true(acceptsJson('application/*'));
  t.true(acceptsJson('text/html, application/json;q=0.5'));
  t.false(acceptsJson('application/json;q=0'));
  t.false(acceptsJson('application/x-protobuf'));
});

test('method and Content-Type rules in Mesos order', (t) => {
  const status = (method: string, headers: Record<string, string>): number => {
    try {
      checkApiRequest({ method, headers });
      return 0;
    } catch (error) {
      return error instanceof HttpError ? error.status : -1;
    }
  };
  t.is(status('GET', { 'content-type': 'application/json' }), 405);
  t.is(status('POST', {}), 400);
  t.is(status('POST', { 'content-type': 'application/json; charset=utf-8' }), 415);
  t.is(status('POST', { 'content-type': 'application/x-protobuf' }), 415);
  t.is(status('POST', { 'content-type': 'application/json' }), 0);
});
