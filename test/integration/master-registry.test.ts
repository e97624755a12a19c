/**
 * The registry outlives the master: a restarted master (same --work_dir) remembers which agents
 * it admitted and which it marked unreachable, and answers reconciliation from that.
 */
import test from 'ava';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeAgent, startTestMaster, TestScheduler } from './master-kit.ts';

test('a restarted master recovers the registry from the work dir', async (t) => {
  const workDir = await mkdtemp(join(tmpdir(), 'master-registry-'));
  t.teardown(() => rm(workDir, { recursive: true, force: true }));
  const config = { registry: 'replicated_log', work_dir: workDir, agent_ping_timeout: 30, max_agent_ping_timeouts: 2 };
  const first = await startTestMaster(config);
  const stays = await FakeAgent.subscribe(first.url, { hostname: 'stays' });
  const vanishes = await FakeAgent.subscribe(first.url, { hostname: 'vanishes' });
  vanishes.answerPings = false;
  await vanishes.stream.waitForEnd();
  stays.stream.close();
  await first.stop();

  const second = await startTestMaster(config);
  t.teardown(() => second.stop());
  const scheduler = await TestScheduler.subscribe(second.url, { capabilities: ['PARTITION_AWARE'] });
  await scheduler.call('RECONCILE', { reconcile: { tasks: [{ task_id: { value: 'a' }, agent_id: { value: stays.agentId } }, { task_id: { value: 'b' }, agent_id: { value: vanishes.agentId } }] } });
  const unreachable = await scheduler.update((s) => s['task_id']['value'] === 'b');
  t.is(unreachable['state'], 'TASK_UNREACHABLE', 'the unreachable mark survived the restart');
  t.false(scheduler.updates().some((s) => s['task_id']['value'] === 'a'), 'no answer for an admitted agent that has not re-registered');

  const back = await FakeAgent.subscribe(second.url, { agentId: stays.agentId, hostname: 'stays' });
  t.is(back.agentId, stays.agentId);
  const fresh = await FakeAgent.subscribe(second.url, { hostname: 'new' });
  t.regex(fresh.agentId, new RegExp(`^${second.masterId}-S\\d+$`));
  scheduler.stream.close();
  back.stream.close();
  fresh.stream.close();
});
