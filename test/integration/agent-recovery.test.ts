/**
 * An agent restart keeps its id and loses no status update: updates the master had not
 * acknowledged are checkpointed, offered again in the re-SUBSCRIBE and re-sent, and a task whose
 * executor did not survive ends TASK_LOST (REASON_AGENT_RESTARTED) behind them.
 */
import test from 'ava';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentConfigWith } from '../../src/agent/config.ts';
import { startAgent } from '../../src/agent/main.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { commandTask, FakeMaster, runTask } from './agent-fake-master.ts';

test('unacknowledged updates survive an agent restart and the lost task is reported', async (t) => {
  const master = new FakeMaster({ autoAck: false });
  const address = await master.start();
  const workDir = await mkdtemp(join(tmpdir(), 'agent-recovery-'));
  const config = agentConfigWith({ master: address, work_dir: workDir, port: 0, resources: 'cpus:2;mem:1024', registration_backoff_factor: 50 });
  const options = { logger: silentLogger(), env: { PATH: process.env['PATH'] } };

  const first = await startAgent(config, options);
  await master.until(() => first.connected(), 'first subscription');
  master.send(runTask(commandTask('survivor', 'sleep 60')));
  await master.until(() => master.statusUpdates().some((u) => u.state === 'TASK_STARTING'), 'STARTING');
  const starting = master.statusUpdates().find((u) => u.state === 'TASK_STARTING');
  await first.stop();

  const second = await startAgent(config, options);
  await master.until(() => master.subscribes.length >= 2 && second.connected(), 're-subscription');
  const again = master.subscribes[1] as { agent_id?: { value: string }; unacknowledged_updates?: { status: { uuid: string; state: string } }[] };
  t.is(again.agent_id?.value, 'fake-master-S0', 'the agent id is kept');
  t.is(again.unacknowledged_updates?.[0]?.status.uuid, starting?.uuid, 'the unacknowledged STARTING is offered again');

  // Re-sent on the new stream; acknowledging walks the stream to the agent's own TASK_LOST.
  const resent = await master.until(() => master.statusUpdates().filter((u) => u.uuid === starting?.uuid).length >= 2 || undefined, 'STARTING re-sent');
  t.true(resent);
  for (let i = 0; i < 5; i++) {
    const pending = master.statusUpdates().at(-1);
    if (!pending || pending.state === 'TASK_LOST') break;
    master.acknowledge('fw-1', 'survivor', pending.uuid);
    await master.until(() => master.statusUpdates().at(-1)?.uuid !== pending.uuid || undefined, 'the next update');
  }
  const lost = master.statusUpdates().at(-1);
  t.is(lost?.state, 'TASK_LOST');
  t.is(lost?.reason, 'REASON_AGENT_RESTARTED');
  await second.stop();
  await master.stop();
  await rm(workDir, { recursive: true, force: true });
});
