import test from 'ava';
import { commandTask, FakeAgent, getJson, launch, startTestMaster, startWithOffer, TestScheduler, waitUntil } from './master-kit.ts';

test('an agent that stops answering pings becomes unreachable: TASK_LOST, or TASK_UNREACHABLE when partition aware', async (t) => {
  const master = await startTestMaster({ agent_ping_timeout: 40, max_agent_ping_timeouts: 3 });
  t.teardown(() => master.stop());
  const plain = await TestScheduler.subscribe(master.url);
  const aware = await TestScheduler.subscribe(master.url, { capabilities: ['PARTITION_AWARE'] });
  const silent = await FakeAgent.subscribe(master.url, { hostname: 'silent' });
  await silent.stream.waitForType('PING');

  // Each framework launches one task on the (so far only) agent; DRF hands the rest to the other.
  for (const [scheduler, taskId] of [[plain, 'p1'], [aware, 'a1']] as const) {
    const [offer] = await scheduler.offers();
    if (!offer) return t.fail('no offer');
    t.is((await scheduler.call('ACCEPT', launch(offer, [commandTask(offer, taskId)], 0))).status, 202);
    await waitUntil(() => silent.runTasks.some((r) => r['task']['task_id']['value'] === taskId));
  }
  const healthy = await FakeAgent.subscribe(master.url, { hostname: 'healthy' });
  silent.answerPings = false;

  const lost = await plain.update((s) => s['task_id']['value'] === 'p1');
  t.is(lost['state'], 'TASK_LOST');
  t.is(lost['source'], 'SOURCE_MASTER');
  t.is(lost['reason'], 'REASON_AGENT_REMOVED');
  const unreachable = await aware.update((s) => s['task_id']['value'] === 'a1');
  t.is(unreachable['state'], 'TASK_UNREACHABLE');
  t.true(unreachable['unreachable_time']['nanoseconds'] > 0);
  const failure = await plain.stream.waitForType('FAILURE');
  t.is(failure['failure']['agent_id']['value'], silent.agentId);
  await silent.stream.waitForEnd();

  const state = await getJson(master.url, '/master/state');
  t.is(state.unreachable_slaves, 1);
  t.deepEqual(state.slaves.map((s: { hostname: string }) => s.hostname), ['healthy'], 'the agent that pongs stays registered');
  t.true(healthy.stream.events.filter((e) => e['type'] === 'PING').length >= 3);

  // Reconciliation now answers from the partition: unknown task on an unreachable agent.
  await aware.call('RECONCILE', { reconcile: { tasks: [{ task_id: { value: 'ghost' }, agent_id: { value: silent.agentId } }] } });
  const ghost = await aware.update((s) => s['task_id']['value'] === 'ghost');
  t.is(ghost['state'], 'TASK_UNREACHABLE');
  t.is(ghost['reason'], 'REASON_RECONCILIATION');
  for (const s of [plain, aware]) s.stream.close();
  healthy.stream.close();
});

test('reconciliation: implicit lists live tasks, explicit answers unknown ones; KILL of an unknown task reconciles', async (t) => {
  const { scheduler, agent, offer } = await startWithOffer(t);
  await scheduler.call('ACCEPT', launch(offer, [commandTask(offer, 'r1')], 0));
  await waitUntil(() => agent.runTasks.length === 1);
  await agent.sendStatus(scheduler.frameworkId, 'r1', 'TASK_RUNNING');
  await scheduler.update((s) => s['state'] === 'TASK_RUNNING');

  await scheduler.call('RECONCILE', { reconcile: {} });
  const implicit = await scheduler.update((s) => s['reason'] === 'REASON_RECONCILIATION' && s['task_id']['value'] === 'r1');
  t.is(implicit['state'], 'TASK_RUNNING', 'latest state while the RUNNING update awaits its ack');
  t.is(implicit['message'], 'Reconciliation: Latest task state');
  t.false('uuid' in implicit);

  await scheduler.call('RECONCILE', { reconcile: { tasks: [{ task_id: { value: 'nope' }, agent_id: { value: agent.agentId } }, { task_id: { value: 'nowhere' }, agent_id: { value: 'no-agent' } }] } });
  t.is((await scheduler.update((s) => s['task_id']['value'] === 'nope'))['state'], 'TASK_LOST');
  t.is((await scheduler.update((s) => s['task_id']['value'] === 'nowhere'))['state'], 'TASK_LOST');

  await scheduler.call('KILL', { kill: { task_id: { value: 'missing' } } });
  t.is((await scheduler.update((s) => s['task_id']['value'] === 'missing'))['state'], 'TASK_LOST');
  await scheduler.call('KILL', { kill: { task_id: { value: 'r1' } } });
  const kill = await agent.stream.waitForType('KILL_TASK');
  t.is(kill['kill_task']['task_id']['value'], 'r1');
  scheduler.stream.close();
  agent.stream.close();
});

test('an agent re-registering after a stream break keeps its id and running tasks', async (t) => {
  const { master, scheduler, agent, offer } = await startWithOffer(t);
  await scheduler.call('ACCEPT', launch(offer, [commandTask(offer, 'k1')], 0));
  await waitUntil(() => agent.runTasks.length === 1);
  agent.stream.close();
  await scheduler.stream.waitForType('RESCIND').catch(() => undefined);
  const back = await FakeAgent.subscribe(master.url, {
    agentId: agent.agentId,
    executors: [{ executor_id: { value: 'exec-1' }, framework_id: { value: scheduler.frameworkId }, command: { value: 'x' }, resources: [{ name: 'mem', type: 'SCALAR', scalar: { value: 32 } }] }],
    tasks: [{ name: 'k1', task_id: { value: 'k1' }, framework_id: { value: scheduler.frameworkId }, agent_id: { value: agent.agentId }, state: 'TASK_RUNNING', resources: commandTask(offer, 'k1')['resources'] }],
  });
  t.is(back.agentId, agent.agentId);
  const state = await getJson(master.url, '/master/state');
  t.is(state.slaves.length, 1);
  t.is(state.frameworks[0].tasks[0].state, 'TASK_RUNNING');
  t.is(state.slaves[0].used_resources.cpus, 1);
  t.is(state.slaves[0].used_resources.mem, 128 + 32, 'the re-adopted executor holds its memory');
  const withExecutor = await scheduler.stream.waitFor((e) => e['type'] === 'OFFERS' && e['offers']['offers'].some((o: { executor_ids?: unknown[] }) => o.executor_ids));
  t.deepEqual(withExecutor['offers']['offers'][0]['executor_ids'], [{ value: 'exec-1' }]);
  scheduler.stream.close();
  back.stream.close();
});
