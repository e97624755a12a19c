import test from 'ava';
import { commandTask, FakeAgent, getJson, launch, openStream, SCHEDULER, startTestMaster, TestScheduler, waitUntil } from './master-kit.ts';

test('framework failover inside its timeout keeps the id, tasks and gets fresh offers', async (t) => {
  const master = await startTestMaster();
  t.teardown(() => master.stop());
  const first = await TestScheduler.subscribe(master.url, { failoverTimeout: 3600 });
  const agent = await FakeAgent.subscribe(master.url);
  const [offer] = await first.offers();
  if (!offer) return t.fail('no offer');
  // refuse_seconds 0: the unused rest must not sit behind the default 5 s filter.
  await first.call('ACCEPT', launch(offer, [commandTask(offer, 't1')], 0));
  await waitUntil(() => agent.runTasks.length === 1);

  // A second connection with the same id takes over: the old stream is told and closed.
  const second = await TestScheduler.subscribe(master.url, { id: first.frameworkId, failoverTimeout: 3600 });
  t.is(second.frameworkId, first.frameworkId);
  const error = await first.stream.waitForType('ERROR');
  t.is(error['error']['message'], 'Framework failed over');
  await first.stream.waitForEnd();
  t.is((await first.call('REVIVE')).status, 400, 'the old stream id no longer matches');

  // Losing the stream disconnects the framework: calls are refused until it resubscribes.
  second.stream.close();
  await waitUntil(async () => (await getJson(master.url, '/master/frameworks')).frameworks[0]?.connected === false);
  t.is((await second.call('REVIVE')).status, 403);
  const third = await TestScheduler.subscribe(master.url, { id: first.frameworkId, failoverTimeout: 3600 });
  const offers = await third.offers();
  t.true(offers.length > 0, 'offers are regenerated after failover');
  const frameworks = await getJson(master.url, '/master/frameworks');
  t.is(frameworks.frameworks[0].tasks[0].id, 't1', 'tasks survive a failover within the timeout');
  t.is(frameworks.frameworks[0].active, true);
  third.stream.close();
  agent.stream.close();
});

test('framework failover past its timeout: removed, tasks killed, resubscribe refused', async (t) => {
  const master = await startTestMaster();
  t.teardown(() => master.stop());
  const scheduler = await TestScheduler.subscribe(master.url, { failoverTimeout: 0.1 });
  const agent = await FakeAgent.subscribe(master.url);
  const [offer] = await scheduler.offers();
  if (!offer) return t.fail('no offer');
  await scheduler.call('ACCEPT', launch(offer, [commandTask(offer, 't1')]));
  await waitUntil(() => agent.runTasks.length === 1);
  scheduler.stream.close();
  const shutdown = await agent.stream.waitForType('SHUTDOWN_FRAMEWORK');
  t.is(shutdown['shutdown_framework']['framework_id']['value'], scheduler.frameworkId);
  const frameworks = await getJson(master.url, '/master/frameworks');
  t.is(frameworks.frameworks.length, 0);
  t.is(frameworks.completed_frameworks[0].id, scheduler.frameworkId);
  t.is(frameworks.completed_frameworks[0].completed_tasks[0].state, 'TASK_KILLED');
  const again = await openStream(master.url, SCHEDULER, { framework_id: { value: scheduler.frameworkId }, type: 'SUBSCRIBE', subscribe: { framework_info: { user: 'u', name: 'n', id: { value: scheduler.frameworkId } } } });
  t.is((await again.waitForType('ERROR'))['error']['message'], 'Framework has been removed');
  agent.stream.close();
});

test('decline filters are honoured until REVIVE; refuse_seconds 0 installs none', async (t) => {
  const master = await startTestMaster({ allocation_interval: 20 });
  t.teardown(() => master.stop());
  const scheduler = await TestScheduler.subscribe(master.url);
  const agent = await FakeAgent.subscribe(master.url);
  const [offer] = await scheduler.offers(0);
  if (!offer) return t.fail('no offer');
  t.is((await scheduler.call('DECLINE', { decline: { offer_ids: [offer['id']], filters: { refuse_seconds: 0 } } })).status, 202);
  const [again] = await scheduler.offers(1);
  if (!again) return t.fail('no second offer');
  t.not(again['id']['value'], offer['id']['value']);
  await scheduler.call('DECLINE', { decline: { offer_ids: [again['id']], filters: { refuse_seconds: 3600 } } });
  // Many allocation intervals pass; the filter keeps the agent's resources away from us.
  await new Promise((r) => setTimeout(r, 300));
  t.is(scheduler.stream.events.filter((e) => e['type'] === 'OFFERS').length, 2);
  t.is((await scheduler.call('REVIVE')).status, 202);
  const [revived] = await scheduler.offers(2);
  t.is(revived?.['agent_id']['value'], agent.agentId);
  scheduler.stream.close();
  agent.stream.close();
});
