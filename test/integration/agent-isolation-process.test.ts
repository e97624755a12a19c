/**
 * With `--command_executor=process`, command tasks normally run under a command-executor process,
 * which cannot run inside an arbitrary image: a DOCKER command task must still run its own command
 * as the container, while a plain task runs on the host. Needs a Docker engine.
 */
import test from 'ava';
import Docker from 'dockerode';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { agentConfigWith } from '../../src/agent/config.ts';
import { WorkDirLayout } from '../../src/agent/layout.ts';
import { startAgent } from '../../src/agent/main.ts';
import type { AgentHandle } from '../../src/agent/main.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { masterConfigWith } from '../../src/master/config.ts';
import { startMaster } from '../../src/master/main.ts';
import type { MasterHandle } from '../../src/master/main.ts';
import { SchedulerClient } from '../../src/sdk/index.ts';
import type { SchedulerEvent, TaskInfo, TaskStatus } from '../../src/sdk/index.ts';
import { ensureBusyboxImage, TEST_IMAGE } from '../../src/testing/docker-images.ts';

let master: MasterHandle;
let agent: AgentHandle;
let workDir: string;

test.before(async () => {
  await ensureBusyboxImage(new Docker());
  workDir = await mkdtemp(join(tmpdir(), 'agent-isolation-process-'));
  master = await startMaster(masterConfigWith({ port: 0, ip: '127.0.0.1', hostname: 'localhost', allocation_interval: 50 }), { logger: silentLogger() });
  agent = await startAgent(agentConfigWith({
    master: master.url, work_dir: workDir, port: 0, containerizers: 'docker,posix', command_executor: 'process', resources: 'cpus:2;mem:1024;disk:64',
  }), { logger: silentLogger(), env: { PATH: process.env.PATH } });
});

test.after.always(async () => {
  await agent?.stop();
  await master?.stop();
  await rm(workDir, { recursive: true, force: true });
});

async function statusesUntilEnd(scheduler: SchedulerClient, taskIds: readonly string[]): Promise<Map<string, TaskStatus[]>> {
  const byTask = new Map<string, TaskStatus[]>(taskIds.map((id) => [id, []]));
  const ended = new Set<string>();
  const terminal = ['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_ERROR', 'TASK_LOST', 'TASK_DROPPED'];
  const deadline = setTimeout(() => scheduler.close(), 60_000);
  let launched = false;
  for await (const event of scheduler.events() as AsyncIterable<SchedulerEvent>) {
    if (event.type === 'OFFERS' && !launched) {
      const offer = event.offers?.offers?.[0];
      if (!offer) continue;
      launched = true;
      const resources: TaskInfo['resources'] = [
        { name: 'cpus', type: 'SCALAR', scalar: { value: 0.1 } }, { name: 'mem', type: 'SCALAR', scalar: { value: 32 } },
      ];
      await scheduler.launch(offer, [
        { name: 'in-image', task_id: { value: 'in-image' }, agent_id: offer.agent_id, resources, container: { type: 'DOCKER', docker: { image: TEST_IMAGE } }, command: { value: 'echo "sandbox $MESOS_SANDBOX"; test -d /mnt/mesos/sandbox && echo in-container' } },
        { name: 'on-host', task_id: { value: 'on-host' }, agent_id: offer.agent_id, resources, command: { value: 'echo on the host' } },
      ]);
    }
    if (event.type === 'UPDATE' && event.update) {
      const status = event.update.status;
      await scheduler.acknowledge(status);
      byTask.get(status.task_id.value)?.push(status);
      if (terminal.includes(status.state)) ended.add(status.task_id.value);
      if (ended.size === taskIds.length) break;
    }
  }
  clearTimeout(deadline);
  return byTask;
}

async function stdoutOf(frameworkId: string, executorId: string): Promise<string> {
  const runs = new WorkDirLayout(workDir).executorRunsDir(agent.agentId(), frameworkId, executorId);
  const [run] = (await readdir(runs)).filter((name) => name !== 'latest');
  return readFile(join(runs, run ?? 'missing', 'stdout'), 'utf8');
}

test('with command executor processes, a docker command task still runs its command in its image and a plain task runs on the host', async (t) => {
  const scheduler = new SchedulerClient({ master: master.url, frameworkInfo: { user: 'root', name: 'process-mode' } });
  try {
    const statuses = await statusesUntilEnd(scheduler, ['in-image', 'on-host']);
    t.deepEqual(statuses.get('in-image')?.map((s) => s.state), ['TASK_STARTING', 'TASK_RUNNING', 'TASK_FINISHED']);
    t.deepEqual(statuses.get('on-host')?.map((s) => s.state), ['TASK_STARTING', 'TASK_RUNNING', 'TASK_FINISHED']);
    const frameworkId = scheduler.frameworkId ?? '';
    t.regex(await stdoutOf(frameworkId, 'in-image'), /sandbox \/mnt\/mesos\/sandbox\nin-container/);
    t.regex(await stdoutOf(frameworkId, 'on-host'), /on the host/);
  } finally {
    await scheduler.teardown().catch(() => undefined);
  }
});
