/**
 * A real master with a real agent: a scheduler's command task runs as a real process and its
 * updates travel agent -> master -> scheduler, acknowledgements the other way.
 */
import test from 'ava';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentConfigWith } from '../../src/agent/config.ts';
import { startAgent } from '../../src/agent/main.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { commandTask, getJson, launch, startTestMaster, TestScheduler, waitUntil } from './master-kit.ts';

test('a command task runs on a real agent and finishes, every update acknowledged', async (t) => {
  const master = await startTestMaster();
  const workDir = await mkdtemp(join(tmpdir(), 'master-agent-it-'));
  const agent = await startAgent(
    agentConfigWith({ master: master.url, work_dir: workDir, port: 0, ip: '127.0.0.1', resources: 'cpus:2;mem:1024;disk:1000', registration_backoff_factor: 50 }),
    { logger: silentLogger(), env: { PATH: process.env['PATH'] } },
  );
  t.teardown(async () => {
    await agent.stop();
    await master.stop();
    await rm(workDir, { recursive: true, force: true });
  });
  await waitUntil(() => agent.connected(), 10_000);
  const scheduler = await TestScheduler.subscribe(master.url);
  const [offer] = await scheduler.offers(0, 10_000);
  if (!offer) return t.fail('no offer');
  t.is(offer['agent_id']['value'], agent.agentId());
  const task = { ...commandTask(offer, 'echo'), command: { value: 'echo hello' } };
  t.is((await scheduler.call('ACCEPT', launch(offer, [task]))).status, 202);

  const seen: string[] = [];
  let acked = 0;
  await waitUntil(async () => {
    for (const status of scheduler.updates().slice(acked)) {
      acked++;
      seen.push(status['state']);
      if (status['uuid']) {
        await scheduler.call('ACKNOWLEDGE', { acknowledge: { agent_id: status['agent_id'], task_id: status['task_id'], uuid: status['uuid'] } });
      }
    }
    return seen.includes('TASK_FINISHED');
  }, 20_000);
  t.deepEqual(seen.filter((s) => s !== 'TASK_STARTING'), ['TASK_RUNNING', 'TASK_FINISHED']);
  await waitUntil(async () => (await getJson(master.url, '/master/state')).frameworks[0].completed_tasks.length === 1, 10_000);
  const state = await getJson(master.url, '/master/state');
  t.is(state.frameworks[0].completed_tasks[0].state, 'TASK_FINISHED');
  t.is(state.slaves[0].id, agent.agentId());
  scheduler.stream.close();
});
