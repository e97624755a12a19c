import test from 'ava';
import { newUuidBytesBase64 } from '../../src/lib/ids.ts';
import { AGENT, commandTask, launch, openStream, postJson, rawRequest, SCHEDULER, startTestMaster, startWithOffer, TestScheduler, waitUntil } from './master-kit.ts';

const LIMIT = 1024 * 1024;

test('malformed and hostile scheduler requests get Mesos status codes and the master keeps serving', async (t) => {
  const master = await startTestMaster({ max_request_body_bytes: LIMIT });
  t.teardown(() => master.stop());
  const scheduler = await TestScheduler.subscribe(master.url);
  const fid = { value: scheduler.frameworkId };
  const stream = { 'Mesos-Stream-Id': scheduler.stream.streamId };
  const json = { 'Content-Type': 'application/json' };
  const reconcile = JSON.stringify({ framework_id: fid, type: 'RECONCILE', reconcile: {} });

  const cases: { name: string; send: () => Promise<{ status: number; headers: Record<string, unknown>; body: string }>; status: number; body?: RegExp }[] = [
    { name: 'GET', send: () => rawRequest(master.url, SCHEDULER, { method: 'GET' }), status: 405 },
    { name: 'no Content-Type', send: () => rawRequest(master.url, SCHEDULER, { body: reconcile }), status: 400, body: /Content-Type/ },
    { name: 'Content-Type with charset', send: () => rawRequest(master.url, SCHEDULER, { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: reconcile }), status: 415 },
    { name: 'Content-Type text/plain', send: () => rawRequest(master.url, SCHEDULER, { headers: { 'Content-Type': 'text/plain' }, body: reconcile }), status: 415 },
    { name: 'SUBSCRIBE accepting only text/html', send: () => rawRequest(master.url, SCHEDULER, { headers: { ...json, Accept: 'text/html' }, body: JSON.stringify({ type: 'SUBSCRIBE', subscribe: { framework_info: { user: 'u', name: 'n' } } }) }), status: 406 },
    { name: 'other calls have no body to negotiate', send: () => rawRequest(master.url, SCHEDULER, { headers: { ...json, Accept: 'text/html', ...stream }, body: reconcile }), status: 202 },
    { name: 'bad JSON', send: () => rawRequest(master.url, SCHEDULER, { headers: json, body: '{"type":' }), status: 400 },
    { name: 'JSON array', send: () => rawRequest(master.url, SCHEDULER, { headers: json, body: '[1,2]' }), status: 400 },
    { name: 'missing type', send: () => postJson(master.url, SCHEDULER, { framework_id: fid }), status: 400, body: /type/ },
    { name: 'UNKNOWN type', send: () => postJson(master.url, SCHEDULER, { framework_id: fid, type: 'UNKNOWN' }), status: 501 },
    { name: 'missing framework_id', send: () => postJson(master.url, SCHEDULER, { type: 'REVIVE' }, stream), status: 400, body: /framework_id/ },
    { name: 'unknown framework', send: () => postJson(master.url, SCHEDULER, { framework_id: { value: 'nope' }, type: 'REVIVE' }, stream), status: 400, body: /Framework cannot be found/ },
    { name: 'missing stream id', send: () => postJson(master.url, SCHEDULER, { framework_id: fid, type: 'REVIVE' }), status: 400, body: /Mesos-Stream-Id/ },
    { name: 'wrong stream id', send: () => postJson(master.url, SCHEDULER, { framework_id: fid, type: 'REVIVE' }, { 'Mesos-Stream-Id': 'not-mine' }), status: 400, body: /didn't match/ },
    { name: 'SUBSCRIBE with a stream id', send: () => postJson(master.url, SCHEDULER, { type: 'SUBSCRIBE', subscribe: { framework_info: { user: 'u', name: 'n' } } }, stream), status: 400 },
    { name: 'resubscribe without call.framework_id', send: () => postJson(master.url, SCHEDULER, { type: 'SUBSCRIBE', subscribe: { framework_info: { user: 'u', name: 'n', id: fid } } }), status: 400, body: /framework_id/ },
    { name: 'SUBSCRIBE without framework_info', send: () => postJson(master.url, SCHEDULER, { type: 'SUBSCRIBE', subscribe: {} }), status: 400 },
    { name: 'ACCEPT without body', send: () => postJson(master.url, SCHEDULER, { framework_id: fid, type: 'ACCEPT' }, stream), status: 400, body: /accept/ },
    { name: 'ack with malformed uuid', send: () => scheduler.call('ACKNOWLEDGE', { acknowledge: { agent_id: { value: 'a' }, task_id: { value: 't' }, uuid: 'AAAA' } }), status: 400, body: /uuid/ },
    { name: 'ack of an unknown uuid', send: () => scheduler.call('ACKNOWLEDGE', { acknowledge: { agent_id: { value: 'a' }, task_id: { value: 't' }, uuid: newUuidBytesBase64() } }), status: 202 },
    { name: 'wrong enum in a required field', send: () => scheduler.call('KILL', { kill: {} }), status: 400 },
    { name: 'body over the cap (chunked)', send: () => rawRequest(master.url, SCHEDULER, { headers: json, body: Buffer.alloc(LIMIT + 10, 0x20) }), status: 413 },
    { name: 'body over the cap (Content-Length)', send: () => rawRequest(master.url, SCHEDULER, { headers: { ...json, 'Content-Length': String(LIMIT + 10) }, body: Buffer.alloc(LIMIT + 10, 0x20) }), status: 413 },
    { name: 'deeply nested JSON', send: () => rawRequest(master.url, SCHEDULER, { headers: json, body: `${'['.repeat(5000)}${']'.repeat(5000)}` }), status: 400 },
    { name: 'agent API without stream id', send: () => postJson(master.url, AGENT, { agent_id: { value: 'x' }, type: 'PONG' }), status: 400 },
    { name: 'agent API unknown agent', send: () => postJson(master.url, AGENT, { agent_id: { value: 'x' }, type: 'PONG' }, { 'Mesos-Stream-Id': 's' }), status: 403 },
    { name: 'agent API bad task resources', send: () => postJson(master.url, AGENT, { type: 'SUBSCRIBE', subscribe: { agent_info: { hostname: 'h' }, version: '1', resources: [], tasks: [{ name: 't', task_id: { value: 't' }, framework_id: fid, agent_id: { value: 'a' }, state: 'TASK_RUNNING', resources: [{ name: 'mem', type: 'SCALAR', scalar: { value: -5 } }] }] } }), status: 400, body: /tasks\[0\]\.resources\[0\]/ },
    { name: 'agent API bad resources', send: () => postJson(master.url, AGENT, { type: 'SUBSCRIBE', subscribe: { agent_info: { hostname: 'h' }, version: '1', resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: -1 } }] } }), status: 400, body: /resources\[0\]/ },
  ];
  for (const c of cases) {
    const res = await c.send();
    t.is(res.status, c.status, `${c.name}: ${res.body}`);
    if (c.body) t.regex(res.body, c.body, c.name);
    if (c.status === 405) t.is(res.headers['allow'], 'POST');
  }
  const health = await rawRequest(master.url, '/master/health', { method: 'GET' });
  t.is(health.status, 200);
  const again = await TestScheduler.subscribe(master.url);
  t.not(again.frameworkId, scheduler.frameworkId);
  t.is((await scheduler.call('REVIVE')).status, 202, 'the first framework is still served');
  scheduler.stream.close();
  again.stream.close();
});

test('invalid tasks get TASK_ERROR naming the field; invalid offers get TASK_LOST / TASK_DROPPED', async (t) => {
  const { master, scheduler, agent, offer } = await startWithOffer(t);
  const tooBig = commandTask(offer, 'big', [{ name: 'cpus', type: 'SCALAR', scalar: { value: 64 } }]);
  const negative = commandTask(offer, 'neg', [{ name: 'cpus', type: 'SCALAR', scalar: { value: -2 } }]);
  const noCommand = { ...commandTask(offer, 'bare'), command: undefined };
  const good = commandTask(offer, 'good');
  const duplicate = commandTask(offer, 'good');
  const res = await scheduler.call('ACCEPT', launch(offer, [tooBig, negative, noCommand, good, duplicate]));
  t.is(res.status, 202);
  const byId = async (id: string) => scheduler.update((s) => s['task_id']['value'] === id);
  for (const [id, field] of [['big', /resources/], ['neg', /resources\[0\]/], ['bare', /CommandInfo or ExecutorInfo/], ['good', /duplicate ID/]] as const) {
    const status = id === 'good' ? await scheduler.update((s) => s['task_id']['value'] === id && s['state'] === 'TASK_ERROR') : await byId(id);
    t.is(status['state'], 'TASK_ERROR', id);
    t.is(status['reason'], 'REASON_TASK_INVALID', id);
    t.is(status['source'], 'SOURCE_MASTER', id);
    t.false('uuid' in status, 'master-made updates carry no uuid');
    t.regex(status['message'], field, id);
  }
  await waitUntil(() => agent.runTasks.length > 0);
  t.deepEqual(agent.runTasks.map((r) => r['task']['task_id']['value']), ['good'], 'only the valid task reaches the agent');
  const lost = await scheduler.call('ACCEPT', launch({ ...offer, id: { value: 'no-such-offer' } }, [commandTask(offer, 'late')]));
  t.is(lost.status, 202);
  const status = await byId('late');
  t.is(status['state'], 'TASK_LOST');
  t.is(status['reason'], 'REASON_INVALID_OFFERS');

  const aware = await TestScheduler.subscribe(master.url, { capabilities: ['PARTITION_AWARE'] });
  await aware.call('ACCEPT', launch({ ...offer, id: { value: 'no-such-offer' } }, [commandTask(offer, 'late2')]));
  const dropped = await aware.update((s) => s['task_id']['value'] === 'late2');
  t.is(dropped['state'], 'TASK_DROPPED');
  scheduler.stream.close();
  aware.stream.close();
  agent.stream.close();
});

test('a removed framework cannot resubscribe; invalid FrameworkInfo gets ERROR on the stream', async (t) => {
  const master = await startTestMaster();
  t.teardown(() => master.stop());
  const scheduler = await TestScheduler.subscribe(master.url);
  t.is((await scheduler.call('TEARDOWN')).status, 202);
  await scheduler.stream.waitForEnd();
  const again = await openStream(master.url, SCHEDULER, { framework_id: { value: scheduler.frameworkId }, type: 'SUBSCRIBE', subscribe: { framework_info: { user: 'u', name: 'n', id: { value: scheduler.frameworkId } } } });
  const error = await again.waitForType('ERROR');
  t.is(error['error']['message'], 'Framework has been removed');
  await again.waitForEnd();
  const badRole = await openStream(master.url, SCHEDULER, { type: 'SUBSCRIBE', subscribe: { framework_info: { user: 'u', name: 'n', roles: ['a'], capabilities: [{ type: 'MULTI_ROLE' }], role: 'b' } } });
  t.is(badRole.status, 200);
  t.regex((await badRole.waitForType('ERROR'))['error']['message'], /role/);
});
