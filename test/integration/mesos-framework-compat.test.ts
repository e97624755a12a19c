/**
 * A third-party Mesos scheduler library, the npm package `mesos-framework`, runs a task end to
 * end against a real master and agent. Nobody here wrote it: it speaks Mesos' v1 scheduler API
 * as Mesos serves it (its own RecordIO parsing, Mesos-Stream-Id handling, ACCEPT and ACKNOWLEDGE
 * JSON), so it catches any drift from Mesos' wire behaviour.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { agentConfigWith } from '../../src/agent/config.ts';
import { startAgent } from '../../src/agent/main.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { masterConfigWith } from '../../src/master/config.ts';
import { startMaster } from '../../src/master/main.ts';

const script = fileURLToPath(new URL('../fixtures/mesos-framework/run-one-task.cjs', import.meta.url));
const nodeModules = fileURLToPath(new URL('../../node_modules', import.meta.url));

interface PrintedEvent {
  event: string;
  state?: string;
  taskId?: string;
  message?: string;
  frameworkId?: string;
}

test('the mesos-framework npm library subscribes, launches a command task and sees it finish', async (t) => {
  const workDir = await mkdtemp(join(tmpdir(), 'mesos-framework-compat-'));
  const master = await startMaster(masterConfigWith({ port: 0, ip: '127.0.0.1', hostname: '127.0.0.1', allocation_interval: 100 }), { logger: silentLogger() });
  const agent = await startAgent(agentConfigWith({ master: master.url, work_dir: join(workDir, 'agent'), port: 0, resources: 'cpus:2;mem:2048;disk:1024' }), {
    logger: silentLogger(), env: { PATH: process.env.PATH },
  });
  const child = spawn(process.execPath, [script, `127.0.0.1:${master.port}`], {
    cwd: workDir,
    env: { PATH: process.env.PATH, NODE_PATH: nodeModules },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const events: PrintedEvent[] = [];
  try {
    const finished = await new Promise<PrintedEvent | undefined>((resolve) => {
      const deadline = setTimeout(() => resolve(undefined), 60_000);
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        if (!line.startsWith('{"event"')) return; // winston's console lines
        const event = JSON.parse(line) as PrintedEvent;
        events.push(event);
        if (event.event === 'update' && ['TASK_FINISHED', 'TASK_FAILED', 'TASK_LOST', 'TASK_ERROR'].includes(event.state ?? '')) {
          clearTimeout(deadline);
          resolve(event);
        }
      });
      child.once('exit', () => { clearTimeout(deadline); resolve(undefined); });
    });
    t.log(events.map((e) => `${e.event} ${e.state ?? ''}`).join(', '));
    t.truthy(events.find((e) => e.event === 'subscribed')?.frameworkId?.endsWith('-0000'), `no SUBSCRIBED seen; stderr: ${stderr.slice(-500)}`);
    t.is(finished?.state, 'TASK_FINISHED', `events: ${JSON.stringify(events)}; stderr: ${stderr.slice(-500)}`);
    const states = events.filter((e) => e.event === 'update').map((e) => e.state);
    t.deepEqual(states.filter((s) => s !== 'TASK_STARTING'), ['TASK_RUNNING', 'TASK_FINISHED']);
    t.false(events.some((e) => e.event === 'error'), JSON.stringify(events.filter((e) => e.event === 'error')));
  } finally {
    child.kill('SIGKILL');
    await agent.stop();
    await master.stop();
    await rm(workDir, { recursive: true, force: true });
  }
});
