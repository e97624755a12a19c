import test from 'ava';
import { isUuidBytesBase64 } from '../../src/lib/ids.ts';
import { commandTask, FakeAgent, launch, rawRequest, startTestMaster, TestScheduler, waitUntil } from './master-kit.ts';

test('subscribe, offer, launch, status update and acknowledgement flow end to end', async (t) => {
  const master = await startTestMaster();
  t.teardown(() => master.stop());
  const scheduler = await TestScheduler.subscribe(master.url);
  t.regex(scheduler.frameworkId, new RegExp(`^${master.masterId}-0000$`));
  t.is(scheduler.stream.headers['content-type'], 'application/json');
  t.is(scheduler.stream.headers['transfer-encoding'], 'chunked');
  const subscribed = scheduler.stream.events[0];
  t.is(subscribed?.['type'], 'SUBSCRIBED');
  t.is(subscribed?.['subscribed']['heartbeat_interval_seconds'], 60);
  t.is(subscribed?.['subscribed']['master_info']['id'], master.masterId);
  t.is(scheduler.stream.events[1]?.['type'], 'HEARTBEAT');

  const agent = await FakeAgent.subscribe(master.url);
  t.regex(agent.agentId, new RegExp(`^${master.masterId}-S0$`));
  const [offer] = await scheduler.offers();
  t.truthy(offer);
  if (!offer) return;
  t.regex(offer['id']['value'], new RegExp(`^${master.masterId}-O\\d+$`));
  t.is(offer['agent_id']['value'], agent.agentId);
  t.is(offer['hostname'], 'agent.local');
  t.deepEqual(offer['url'], { scheme: 'http', address: { hostname: 'agent.local', ip: '127.0.0.1', port: 5051 }, path: '/slave(1)' });
  t.false('allocation_info' in offer, 'non-MULTI_ROLE frameworks see no allocation_info');
  t.false(JSON.stringify(offer['resources']).includes('allocation_info'));
  t.true(offer['resources'].every((r: { role?: string }) => r.role === '*'), 'pre-refinement frameworks see role "*"');
  t.deepEqual(offer['attributes'], [{ name: 'rack', type: 'TEXT', text: { value: 'r1' } }]);

  const accepted = await scheduler.call('ACCEPT', launch(offer, [commandTask(offer, 't1')]));
  t.is(accepted.status, 202);
  await waitUntil(() => agent.runTasks.length === 1);
  const run = agent.runTasks[0];
  t.is(run?.['task']['task_id']['value'], 't1');
  t.is(run?.['framework_info']['id']['value'], scheduler.frameworkId);

  const uuid = await agent.sendStatus(scheduler.frameworkId, 't1', 'TASK_RUNNING');
  const running = await scheduler.update((s) => s['state'] === 'TASK_RUNNING');
  t.is(running['uuid'], uuid);
  t.is(running['agent_id']['value'], agent.agentId);
  const ack = await scheduler.call('ACKNOWLEDGE', { acknowledge: { agent_id: { value: agent.agentId }, task_id: { value: 't1' }, uuid } });
  t.is(ack.status, 202);
  const relayed = await agent.stream.waitForType('ACKNOWLEDGE');
  t.deepEqual(relayed['acknowledge'], { framework_id: { value: scheduler.frameworkId }, task_id: { value: 't1' }, uuid });

  const state = JSON.parse((await rawRequest(master.url, '/master/state', { method: 'GET' })).body);
  const framework = state.frameworks[0];
  t.is(framework.tasks[0].state, 'TASK_RUNNING');
  t.is(framework.tasks[0].resources.cpus, 1);
  t.is(state.slaves[0].used_resources.cpus, 1);
  t.is(state.slaves[0].resources.ports, '[31000-32000]');

  await agent.sendStatus(scheduler.frameworkId, 't1', 'TASK_FINISHED');
  const finished = await scheduler.update((s) => s['state'] === 'TASK_FINISHED');
  t.true(isUuidBytesBase64(finished['uuid']));
  await scheduler.call('ACKNOWLEDGE', { acknowledge: { agent_id: { value: agent.agentId }, task_id: { value: 't1' }, uuid: finished['uuid'] } });
  await waitUntil(async () => {
    const s = JSON.parse((await rawRequest(master.url, '/master/state', { method: 'GET' })).body);
    return s.frameworks[0].completed_tasks.length === 1;
  });
  const tasks = JSON.parse((await rawRequest(master.url, '/master/tasks?limit=10', { method: 'GET' })).body);
  t.is(tasks.tasks[0].state, 'TASK_FINISHED');
  scheduler.stream.close();
  agent.stream.close();
});

