import test from 'ava';
import { MesosApiError } from './api-error.ts';
import { OperatorClient } from './operator-client.ts';
import { startTestServer } from './test-server.ts';

test('reads legacy endpoints, following a redirect to the leader', async (t) => {
  const leader = await startTestServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    if (req.url.startsWith('/master/tasks')) res.end(JSON.stringify({ tasks: [{ id: 't1', url: req.url }] }));
    else res.end(JSON.stringify({ version: '1.11.0', url: req.url }));
  });
  const follower = await startTestServer((req, res) => {
    res.writeHead(307, { Location: `//127.0.0.1:${leader.port}${req.url}` }).end();
  });
  t.teardown(async () => { await leader.close(); await follower.close(); });
  const client = new OperatorClient({ master: follower.origin });

  const state = await client.state();
  t.is(state.version, '1.11.0');
  const tasks = await client.tasks({ framework_id: 'm-0000', limit: 5 });
  t.is(tasks.tasks[0]?.url, '/master/tasks?framework_id=m-0000&limit=5');
  t.is(follower.requests.length, 1, 'later requests go straight to the leader');
});

test('v1 calls post JSON and return the response, or undefined for an empty body', async (t) => {
  const server = await startTestServer((req, res) => {
    if (req.body?.type === 'GET_HEALTH') res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"type":"GET_HEALTH","get_health":{"healthy":true}}');
    else if (req.body?.type === 'TEARDOWN') res.writeHead(200).end();
    else res.writeHead(400).end('Failed to validate master::Call: Expecting \'type\' to be present');
  });
  t.teardown(() => server.close());
  const client = new OperatorClient({ master: server.origin });

  t.deepEqual(await client.call({ type: 'GET_HEALTH' }), { type: 'GET_HEALTH', get_health: { healthy: true } });
  t.is(await client.call({ type: 'TEARDOWN', teardown: { framework_id: { value: 'f' } } }), undefined);
  t.is(server.requests[0]?.headers['content-type'], 'application/json');
  const error = await t.throwsAsync(client.call({ type: 'BOGUS' }), { instanceOf: MesosApiError });
  t.is(error?.status, 400);
});

test('an unreachable master is a connection error naming the URL', async (t) => {
  const server = await startTestServer((_req, res) => res.end());
  const origin = server.origin;
  await server.close();
  const client = new OperatorClient({ master: origin });
  const error = await t.throwsAsync(client.version());
  t.regex(error?.message ?? '', new RegExp(`could not reach ${origin}/version`));
});
