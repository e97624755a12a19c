/**
 * The SDK against masters it only knows through ZooKeeper: a scheduler finds the leader by the
 * election, and when the leader goes it re-subscribes to the next one under the same framework
 * id; the operator client reads whoever leads.
 */
import test from 'ava';
import { randomUUID } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OperatorClient, SchedulerClient } from '../../src/sdk/index.ts';
import type { SchedulerEvent } from '../../src/sdk/index.ts';
import { startZooKeeper } from '../../src/testing/zookeeper.ts';
import { startElectingMasters, startTestMaster, waitUntil } from './master-kit.ts';

const FAST_RECONNECT = { initialMs: 50, maxMs: 500, factor: 2, jitter: 0 };

test('a zk:// scheduler follows the leader and keeps its framework id across a failover', async (t) => {
  const { url, first, second } = await startElectingMasters(t);

  const disconnects: string[] = [];
  const client = new SchedulerClient({
    master: url,
    frameworkInfo: { user: 'root', name: 'zk-follower', failover_timeout: 600 },
    reconnectBackoff: FAST_RECONNECT,
    onDisconnected: (reason) => disconnects.push(reason),
  });
  t.teardown(() => client.close());
  const subscriptions: { frameworkId: string; master: string | undefined }[] = [];
  const reading = (async () => {
    for await (const event of client.events() as AsyncGenerator<SchedulerEvent>) {
      if (event.type === 'SUBSCRIBED' && event.subscribed) subscriptions.push({ frameworkId: event.subscribed.framework_id.value, master: client.masterUrl });
    }
  })();

  await waitUntil(() => subscriptions.length === 1, 15_000);
  const firstSubscription = subscriptions[0]!;
  t.is(firstSubscription.master, `http://localhost:${first.port}`);
  t.true(firstSubscription.frameworkId.startsWith(first.masterId), 'the first leader assigned the id');

  const operator = new OperatorClient({ master: url });
  t.teardown(() => operator.close());
  t.deepEqual((await operator.frameworks()).frameworks.map((f) => f.id), [firstSubscription.frameworkId]);

  await first.stop();
  await second.elected;
  await waitUntil(() => subscriptions.length === 2, 20_000);
  t.deepEqual(subscriptions[1], { frameworkId: firstSubscription.frameworkId, master: `http://localhost:${second.port}` });
  t.is(client.frameworkId, firstSubscription.frameworkId);
  t.is(disconnects.length, 1, disconnects.join('; '));

  const afterFailover = await operator.frameworks();
  t.deepEqual(afterFailover.frameworks.map((f) => f.id), [firstSubscription.frameworkId], 'the new leader knows the re-subscribed framework');
  t.is((await operator.state()).id, second.masterId);

  client.close();
  await reading;
  await operator.close();
});

test('a file:// master holding the zk:// URL works like the URL itself', async (t) => {
  const zk = await startZooKeeper({ nodes: 1 });
  t.teardown(() => zk.stop());
  const url = zk.url(`/mesos-${randomUUID()}`);
  const master = await startTestMaster({ zk: url, zk_session_timeout: 4000 });
  t.teardown(() => master.stop());
  await master.elected;
  const file = join(tmpdir(), `mesos-master-${randomUUID()}`);
  writeFileSync(file, `${url}\n`);
  t.teardown(() => rmSync(file, { force: true }));
  const operator = new OperatorClient({ master: `file://${file}` });
  t.teardown(() => operator.close());
  t.is((await operator.state()).id, master.masterId);
});

test('with nobody elected, a zk:// operator call fails as a connection error once the wait is over', async (t) => {
  const zk = await startZooKeeper({ nodes: 1 });
  t.teardown(() => zk.stop());
  const operator = new OperatorClient({ master: zk.url(`/mesos-${randomUUID()}`), leaderWaitMs: 500 });
  t.teardown(() => operator.close());
  await t.throwsAsync(operator.frameworks(), { name: 'ConnectionError', message: /no leading master found in ZooKeeper within 500 ms/ });
});
