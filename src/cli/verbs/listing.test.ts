import test from 'ava';
import { startTestServer } from '../../sdk/test-server.ts';
import { runCli } from '../run.ts';
import { recordingIo } from '../test-io.ts';
import { verbs } from './index.ts';

const frameworks = {
  frameworks: [{ id: 'm-0000', name: 'spark', active: true, used_resources: { cpus: 1.5, mem: 2048 }, tasks: [{}, {}] }],
  completed_frameworks: [],
};
const slaves = { slaves: [{ id: 'm-S0', hostname: 'node-1', port: 5051, active: true, resources: { cpus: 4, mem: 8192, disk: 1000 }, used_resources: { cpus: 0.3 + 0.2, mem: 512 } }] };
const tasks = { tasks: [{ id: 't1', name: 'hello', state: 'TASK_RUNNING', framework_id: 'm-0000', slave_id: 'm-S0' }] };

async function fakeMaster() {
  return startTestServer((req, res) => {
    const body = req.url === '/master/frameworks' ? frameworks : req.url === '/master/slaves' ? slaves : req.url.startsWith('/master/tasks') ? tasks : undefined;
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  });
}

test('frameworks, agents and tasks print one table row per entry', async (t) => {
  const master = await fakeMaster();
  t.teardown(() => master.close());
  const run = async (verb: string) => {
    const io = recordingIo();
    t.is(await runCli([verb, `--master=${master.origin}`], verbs, io), 0, io.stderr.join('\n'));
    return io.stdout;
  };

  t.deepEqual(await run('frameworks'), ['ID      NAME   ACTIVE  TASKS  CPUS  MEM', 'm-0000  spark  yes     2      1.5   2048']);
  t.deepEqual(await run('agents'), ['ID    HOSTNAME  PORT  ACTIVE  CPUS   MEM       DISK', 'm-S0  node-1    5051  yes     0.5/4  512/8192  0/1000']);
  t.deepEqual(await run('tasks'), ['ID  NAME   STATE         FRAMEWORK  AGENT', 't1  hello  TASK_RUNNING  m-0000     m-S0']);
});

test('--json prints the endpoint\'s JSON unchanged', async (t) => {
  const master = await fakeMaster();
  t.teardown(() => master.close());
  const io = recordingIo({ MESOS_MASTER: master.origin });
  t.is(await runCli(['agents', '--json'], verbs, io), 0);
  t.deepEqual(JSON.parse(io.stdout.join('\n')), slaves);
});

test('a master answering with an error status exits 1 with the status', async (t) => {
  const master = await startTestServer((_req, res) => res.writeHead(503).end('No leader elected'));
  t.teardown(() => master.close());
  const io = recordingIo();
  t.is(await runCli(['tasks', `--master=${master.origin}`], verbs, io), 1);
  t.is(io.stderr[0], 'mesos tasks: GET /master/tasks failed with HTTP 503: No leader elected');
});
