/**
 * Launch throughput through one agent: 1,000 `true` command tasks, each with its full update
 * stream (STARTING, RUNNING, FINISHED, each checkpointed, sent and acknowledged). The elapsed
 * time is logged for comparison (the target is under 10 s); the assertions are about outcomes.
 */
import test from 'ava';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { agentConfigWith } from '../../src/agent/config.ts';
import { startAgent } from '../../src/agent/main.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { commandTask, FakeMaster, runTask } from './agent-fake-master.ts';

const TASKS = 1000;

test(`${TASKS} true tasks through one agent all finish, each update acknowledged`, async (t) => {
  const master = new FakeMaster();
  const address = await master.start();
  // tmpfs when there is one: this measures the agent, not the latency of a shared disk's mkdir.
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const workDir = await mkdtemp(join(base, 'agent-throughput-'));
  const agent = await startAgent(agentConfigWith({ master: address, work_dir: workDir, port: 0, resources: 'cpus:1000;mem:100000' }), {
    logger: silentLogger(), env: { PATH: process.env['PATH'] },
  });
  await master.until(() => agent.connected(), 'subscription');
  const started = performance.now();
  for (let i = 0; i < TASKS; i++) master.send(runTask(commandTask(`t-${i}`, 'true')));
  // Counted incrementally: re-reading every call on every call would cost the agent CPU it shares
  // with us. A set, because a retried update (legal when acks are slow) arrives twice.
  let seen = 0;
  const finished = new Set<string>();
  const countFinished = (): boolean => {
    for (; seen < master.calls.length; seen++) {
      const call = master.calls[seen];
      const status = (call?.body['status_update'] as { status: { state: string; task_id: { value: string } } } | undefined)?.status;
      if (call?.type === 'STATUS_UPDATE' && status?.state === 'TASK_FINISHED') finished.add(status.task_id.value);
    }
    return finished.size >= TASKS;
  };
  await master.until(countFinished, `${TASKS} FINISHED updates`, 170_000);
  const elapsedMs = performance.now() - started;
  t.log(JSON.stringify({ scenario: 'agent-launch-true-tasks', tasks: TASKS, work_dir: base, elapsed_ms: Math.round(elapsedMs), tasks_per_sec: Math.round(TASKS / (elapsedMs / 1000)) }));
  const updates = master.statusUpdates();
  t.is(new Set(updates.filter((u) => u.state === 'TASK_FINISHED').map((u) => u.taskId)).size, TASKS);
  t.is(updates.filter((u) => u.state === 'TASK_FAILED').length, 0);
  await agent.stop();
  await master.stop();
  await rm(workDir, { recursive: true, force: true });
});
