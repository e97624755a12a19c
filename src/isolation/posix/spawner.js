// A small helper process that forks container processes for the posix containerizer.
// Why: fork() costs in proportion to the parent's memory, and the agent is a large process;
// forking from this small one makes a launch about ten times cheaper. Plain JavaScript, so it
// starts without the TypeScript loader. Messages over the IPC channel:
//   in:  {op:'spawn', id, file, args, argv0?, cwd, env, stdout, stderr, uid?, gid?}
//   out: {op:'spawned', id, pid} | {op:'failed', id, message} | {op:'exit', id, code, signal}
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';

function launch(request) {
  let out;
  let err;
  try {
    mkdirSync(request.cwd, { recursive: true });
    out = openSync(request.stdout, 'a');
    err = openSync(request.stderr, 'a');
    const options = { cwd: request.cwd, env: request.env, detached: true, stdio: ['ignore', out, err] };
    if (request.uid !== undefined) options.uid = request.uid;
    if (request.gid !== undefined) options.gid = request.gid;
    if (request.argv0 !== undefined) options.argv0 = request.argv0;
    const child = spawn(request.file, request.args, options);
    child.once('spawn', () => process.send({ op: 'spawned', id: request.id, pid: child.pid }));
    child.once('error', (error) => process.send({ op: 'failed', id: request.id, message: error.message }));
    child.once('exit', (code, signal) => process.send({ op: 'exit', id: request.id, code, signal }));
  } catch (error) {
    process.send({ op: 'failed', id: request.id, message: error instanceof Error ? error.message : String(error) });
  } finally {
    if (out !== undefined) closeSync(out);
    if (err !== undefined) closeSync(err);
  }
}

process.on('message', (message) => {
  if (message && message.op === 'spawn') launch(message);
});
// The agent is gone: stop taking work (children keep running, as after an agent crash).
process.on('disconnect', () => process.exit(0));
