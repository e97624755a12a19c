import test from 'ava';
import { commandTask, FakeAgent, getJson, rawRequest, startTestMaster, TestScheduler, waitUntil } from './master-kit.ts';

test('legacy endpoints: version, health, redirect, flags, jsonp, slaves, tasks paging', async (t) => {
  const master = await startTestMaster({ cluster: 'dev' });
  t.teardown(() => master.stop());
  const version = await getJson(master.url, '/version');
  t.is(version.version, '1.11.0');
  for (const path of ['/health', '/master/health']) t.is((await rawRequest(master.url, path, { method: 'GET' })).status, 200);
  const redirect = await rawRequest(master.url, '/master/redirect', { method: 'GET' });
  t.is(redirect.status, 307);
  t.is(redirect.headers['location'], `//localhost:${master.port}`);
  t.is((await getJson(master.url, '/master/flags')).flags.cluster, 'dev');
  const jsonp = await rawRequest(master.url, '/master/state?jsonp=cb', { method: 'GET' });
  t.regex(jsonp.body, /^cb\(\{.*\}\);$/s);
  t.is(jsonp.headers['content-type'], 'text/javascript');
  t.is((await rawRequest(master.url, '/master/state?jsonp=alert(1)', { method: 'GET' })).status, 400);
  const state = await getJson(master.url, '/state');
  t.is(state.id, master.masterId);
  t.is(state.cluster, 'dev');
  t.is(state.leader, `master@127.0.0.1:${master.port}`);
  t.deepEqual(state.leader_info.hostname, 'localhost');
  t.is((await rawRequest(master.url, '/master/tasks?limit=-1', { method: 'GET' })).status, 400);
  t.is((await rawRequest(master.url, '/nope', { method: 'GET' })).status, 404);

  const scheduler = await TestScheduler.subscribe(master.url);
  const agent = await FakeAgent.subscribe(master.url);
  const [offer] = await scheduler.offers();
  if (!offer) return t.fail('no offer');
  const tasks = ['a', 'b', 'c'].map((id) => commandTask(offer, id, [{ name: 'cpus', type: 'SCALAR', scalar: { value: 0.5 } }]));
  await scheduler.call('ACCEPT', { accept: { offer_ids: [offer['id']], operations: [{ type: 'LAUNCH', launch: { task_infos: tasks } }] } });
  await waitUntil(() => agent.runTasks.length === 3);
  const page = await getJson(master.url, '/master/tasks?limit=2&offset=1');
  t.is(page.tasks.length, 2);
  const all = await getJson(master.url, `/master/tasks?framework_id=${scheduler.frameworkId}`);
  t.deepEqual(all.tasks.map((x: { id: string }) => x.id).sort(), ['a', 'b', 'c']);
  const slaves = await getJson(master.url, `/master/slaves?slave_id=${agent.agentId}`);
  t.is(slaves.slaves[0].used_resources.cpus, 1.5);
  t.is(slaves.slaves[0].pid, `slave(1)@127.0.0.1:5051`);
  t.deepEqual(slaves.slaves[0].attributes, { rack: 'r1' });
  const snapshot = await getJson(master.url, '/metrics/snapshot');
  t.is(snapshot['master/cpus_total'], 4);
  t.is(snapshot['master/cpus_used'], 1.5);
  t.is(snapshot['master/tasks_staging'], 3);
  t.is(snapshot['master/slaves_active'], 1);
  t.is(snapshot['master/frameworks_active'], 1);
  const prometheus = await rawRequest(master.url, '/metrics', { method: 'GET' });
  t.regex(prometheus.body, /^mesos_master_cpus_used 1\.5$/m);
  t.regex(prometheus.body, /^mesos_master_tasks_staging 3$/m);
  scheduler.stream.close();
  agent.stream.close();
});

test('MULTI_ROLE frameworks see allocation_info; LAUNCH_GROUP reaches the agent as one group; UPDATE_FRAMEWORK', async (t) => {
  const master = await startTestMaster();
  t.teardown(() => master.stop());
  const scheduler = await TestScheduler.subscribe(master.url, { roles: ['web'] });
  const agent = await FakeAgent.subscribe(master.url);
  const [offer] = await scheduler.offers();
  if (!offer) return t.fail('no offer');
  t.deepEqual(offer['allocation_info'], { role: 'web' });
  t.true(offer['resources'].every((r: { allocation_info?: { role: string } }) => r.allocation_info?.role === 'web'));
  const executor = {
    executor_id: { value: 'pod' },
    type: 'DEFAULT',
    resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 0.1 }, allocation_info: { role: 'web' } }],
  };
  const member = (id: string) => ({ name: id, task_id: { value: id }, agent_id: offer['agent_id'], resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 0.5 }, allocation_info: { role: 'web' } }] });
  const res = await scheduler.call('ACCEPT', {
    accept: { offer_ids: [offer['id']], operations: [{ type: 'LAUNCH_GROUP', launch_group: { executor, task_group: { tasks: [member('g1'), member('g2')] } } }], filters: { refuse_seconds: 0 } },
  });
  t.is(res.status, 202);
  const group = await agent.stream.waitForType('RUN_TASK_GROUP');
  t.deepEqual(group['run_task_group']['task_group']['tasks'].map((x: { task_id: { value: string } }) => x.task_id.value), ['g1', 'g2']);
  t.is(group['run_task_group']['executor']['executor_id']['value'], 'pod');
  const state = await getJson(master.url, '/master/state');
  t.is(state.frameworks[0].used_resources.cpus, 1.1, 'two tasks plus the executor');

  const info = { user: 'test', name: 'renamed', id: { value: scheduler.frameworkId }, roles: ['web', 'batch'], capabilities: [{ type: 'MULTI_ROLE' }] };
  const updated = await scheduler.call('UPDATE_FRAMEWORK', { update_framework: { framework_info: info } });
  t.is(updated.status, 200);
  t.deepEqual((await getJson(master.url, '/master/frameworks')).frameworks[0].roles, ['web', 'batch']);
  const refused = await scheduler.call('UPDATE_FRAMEWORK', { update_framework: { framework_info: { ...info, user: 'root' } } });
  t.is(refused.status, 400);
  t.regex(refused.body, /framework_info\.user/);
  scheduler.stream.close();
  agent.stream.close();
});
