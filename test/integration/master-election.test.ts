/**
 * Two masters behind a real ZooKeeper: the first leads, the second redirects leader-only
 * endpoints to it (307, protocol-relative, same path) and answers health locally; when the
 * leader leaves, the second takes over.
 */
import test from 'ava';
import { getJson, postJson, rawRequest, SCHEDULER, startElectingMasters, startTestMaster, TestScheduler, waitUntil } from './master-kit.ts';

test('standby masters redirect to the leader and take over when it leaves', async (t) => {
  const { first, second } = await startElectingMasters(t);

  await waitUntil(async () => (await rawRequest(second.url, '/master/state', { method: 'GET' })).status === 307, 10_000);
  const state = await rawRequest(second.url, '/master/state?jsonp=cb', { method: 'GET' });
  t.is(state.headers['location'], `//localhost:${first.port}/master/state?jsonp=cb`);
  const call = await postJson(second.url, SCHEDULER, { type: 'SUBSCRIBE', subscribe: { framework_info: { user: 'u', name: 'n' } } });
  t.is(call.status, 307);
  t.is(call.headers['location'], `//localhost:${first.port}${SCHEDULER}`);
  const redirect = await rawRequest(second.url, '/master/redirect', { method: 'GET' });
  t.is(redirect.status, 307);
  t.is(redirect.headers['location'], `//localhost:${first.port}`);
  t.is((await rawRequest(second.url, '/master/health', { method: 'GET' })).status, 200);
  t.is((await getJson(second.url, '/metrics/snapshot'))['master/elected'], 0);
  t.is((await getJson(first.url, '/metrics/snapshot'))['master/elected'], 1);
  const scheduler = await TestScheduler.subscribe(first.url);
  t.truthy(scheduler.frameworkId.startsWith(first.masterId));
  scheduler.stream.close();

  await first.stop();
  await second.elected;
  t.is((await getJson(second.url, '/master/state')).id, second.masterId);
  const takeover = await TestScheduler.subscribe(second.url);
  t.truthy(takeover.frameworkId.startsWith(second.masterId));
  takeover.stream.close();
});

test('a bad --zk URL fails start-up naming the flag', async (t) => {
  await t.throwsAsync(() => startTestMaster({ zk: 'zk://nopath' }), { message: /--zk/ });
});
