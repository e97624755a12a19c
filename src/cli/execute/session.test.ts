import test from 'ava';
import type { ServerResponse } from 'node:http';
import { recordOf, startStream, startTestServer } from '../../sdk/test-server.ts';
import { recordingIo } from '../test-io.ts';
import type { ExecuteOptions } from './options.ts';
import { runExecute } from './session.ts';

const scalar = (name: string, value: number) => ({ name, type: 'SCALAR', scalar: { value } });
const offerOf = (id: string, cpus: number) => ({
  id: { value: id }, framework_id: { value: 'm-0000' }, agent_id: { value: `agent-${id}` }, hostname: 'h', resources: [scalar('cpus', cpus), scalar('mem', 128)],
});
const options: ExecuteOptions = { master: '', name: 'hi', command: 'echo hello', cpus: 0.5, mem: 32, dockerImage: undefined, env: {}, role: '*', user: 'root' };

/** A master that offers one small and one big agent, and ends the task in `finalState`. */
async function fakeMaster(finalState: string) {
  let stream: ServerResponse | undefined;
  const update = (state: string, withUuid: boolean) =>
    recordOf({ type: 'UPDATE', update: { status: {
      task_id: { value: 'hi-1' }, state, agent_id: { value: 'agent-big' }, source: 'SOURCE_EXECUTOR',
      ...(withUuid ? { uuid: Buffer.alloc(16, state.length).toString('base64') } : {}),
      ...(state === 'TASK_FAILED' ? { message: 'Command exited with status 1', reason: 'REASON_COMMAND_EXECUTOR_FAILED' } : {}),
    } } });
  const server = await startTestServer((req, res) => {
    switch (req.body?.type) {
      case 'SUBSCRIBE':
        stream = res;
        startStream(res, 'sid');
        res.write(recordOf({ type: 'SUBSCRIBED', subscribed: { framework_id: { value: 'm-0000' }, heartbeat_interval_seconds: 15 } }));
        res.write(recordOf({ type: 'OFFERS', offers: { offers: [offerOf('small', 0.25), offerOf('big', 2)] } }));
        return;
      case 'ACCEPT':
        res.writeHead(202).end();
        stream?.write(update('TASK_STARTING', false) + update('TASK_RUNNING', true) + update(finalState, true));
        return;
      case 'TEARDOWN':
        res.writeHead(200).end();
        stream?.end();
        return;
      default:
        res.writeHead(202).end();
    }
  });
  return server;
}

test('launches on the first offer with room, acknowledges updates with a uuid, exits 0 on TASK_FINISHED', async (t) => {
  const master = await fakeMaster('TASK_FINISHED');
  t.teardown(() => master.close());
  const io = recordingIo();

  const code = await runExecute({ ...options, master: master.origin }, io, { newTaskId: () => 'hi-1' });

  t.is(code, 0);
  t.true(io.stdout.includes("Received status update TASK_FINISHED for task 'hi-1'"), io.stdout.join('\n'));
  const types = master.requests.map((r) => r.body?.type);
  t.deepEqual(types, ['SUBSCRIBE', 'DECLINE', 'ACCEPT', 'ACKNOWLEDGE', 'ACKNOWLEDGE', 'TEARDOWN']);
  const decline = master.requests[1]?.body?.decline as { offer_ids: unknown[] };
  t.deepEqual(decline.offer_ids, [{ value: 'small' }]);
  const accept = master.requests[2]?.body?.accept as { offer_ids: unknown[]; operations: { launch: { task_infos: { agent_id: unknown; command: unknown }[] } }[] };
  t.deepEqual(accept.offer_ids, [{ value: 'big' }]);
  t.deepEqual(accept.operations[0]?.launch.task_infos[0]?.agent_id, { value: 'agent-big' });
});

test('prints reason and message and exits 1 when the task fails', async (t) => {
  const master = await fakeMaster('TASK_FAILED');
  t.teardown(() => master.close());
  const io = recordingIo();

  const code = await runExecute({ ...options, master: master.origin }, io, { newTaskId: () => 'hi-1' });

  t.is(code, 1);
  t.true(io.stdout.includes('  reason: REASON_COMMAND_EXECUTOR_FAILED'));
  t.true(io.stdout.includes("  message: 'Command exited with status 1'"));
  t.is(master.requests.at(-1)?.body?.type, 'TEARDOWN');
});

test('a stop signal while waiting tears the framework down and exits 1', async (t) => {
  const server = await startTestServer((req, res) => {
    if (req.body?.type === 'SUBSCRIBE') {
      startStream(res, 'sid');
      res.write(recordOf({ type: 'SUBSCRIBED', subscribed: { framework_id: { value: 'm-0001' } } }));
      return;
    }
    res.writeHead(req.body?.type === 'TEARDOWN' ? 200 : 202).end();
  });
  t.teardown(() => server.close());
  const io = recordingIo();
  const run = runExecute({ ...options, master: server.origin }, io);
  while (!io.stdout.some((l) => l.startsWith('Subscribed'))) await new Promise((r) => setTimeout(r, 5));

  io.stop('SIGINT');

  t.is(await run, 1);
  t.is(server.requests.at(-1)?.body?.type, 'TEARDOWN');
  t.regex(io.stderr.join('\n'), /Stopped by SIGINT/);
});
