/**
 * The behaviour every Containerizer backend must show, as ava tests. A backend's test file calls
 * `registerConformanceSuite('posix', () => createPosixContainerizer(...))`; the linux and docker
 * backends call it with their own factory. Commands are short and real; nothing sleeps on a timer.
 */
import test from 'ava';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Containerizer, LaunchSpec } from './containerizer.ts';

export interface ConformanceOptions {
  /** Whether pids the container reports are host pids (true for posix and linux, false for docker). */
  readonly hostPids: boolean;
  /**
   * Whether the backend enforces cpu and memory limits (linux, docker). Backends that declare
   * false skip only the enforcement cases; the rest of the suite still applies to them.
   */
  readonly enforcesLimits?: boolean;
  /** Whether argv[0] can differ from the executable's path (false for docker: its API has no argv0). */
  readonly setsArgv0?: boolean;
}

const PATH_ONLY = { PATH: '/usr/local/bin:/usr/bin:/bin' };

function shell(sandbox: string, value: string, environment: Record<string, string> = {}): LaunchSpec {
  return { command: { shell: true, value, environment: { ...PATH_ONLY, ...environment } }, sandbox, resources: { cpus: 0.1, mem: 32 } };
}

async function waitUntil(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function pidAlive(pid: number): Promise<boolean> {
  return readFile(`/proc/${pid}/stat`, 'utf8').then(
    (stat) => !/^\d+ \(.*\) [ZX]/.test(stat),
    () => false,
  );
}

export function registerConformanceSuite(backend: string, create: () => Containerizer, options: ConformanceOptions): void {
  let counter = 0;
  const setup = async (): Promise<{ c: Containerizer; sandbox: string; id: string; done: () => Promise<void> }> => {
    const c = create();
    const sandbox = await mkdtemp(join(tmpdir(), `conformance-${backend}-`));
    const id = `c-${process.pid}-${counter++}`;
    return { c, sandbox, id, done: async () => { await c.destroy(id); await c.close?.(); await rm(sandbox, { recursive: true, force: true }); } };
  };

  test(`${backend}: launch sends stdout and stderr to the sandbox files and reports exit 0`, async (t) => {
    const { c, sandbox, id, done } = await setup();
    const { pid } = await c.launch(id, shell(sandbox, 'echo hello; echo oops >&2'));
    t.true(pid > 0);
    t.deepEqual(await c.wait(id), { exitCode: 0 });
    t.is(await readFile(join(sandbox, 'stdout'), 'utf8'), 'hello\n');
    t.is(await readFile(join(sandbox, 'stderr'), 'utf8'), 'oops\n');
    await done();
  });

  test(`${backend}: a non-zero exit code is reported as is, also to a second waiter`, async (t) => {
    const { c, sandbox, id, done } = await setup();
    await c.launch(id, shell(sandbox, 'exit 3'));
    t.is((await c.wait(id)).exitCode, 3);
    t.is((await c.wait(id)).exitCode, 3);
    await done();
  });

  test(`${backend}: argv form runs without a shell and the environment is passed`, async (t) => {
    const { c, sandbox, id, done } = await setup();
    const spec: LaunchSpec = {
      command: { shell: false, value: '/bin/sh', arguments: ['sh', '-c', 'echo "$GREETING $0"; exit 4'], environment: { GREETING: 'hi' } },
      sandbox, resources: {},
    };
    await c.launch(id, spec);
    t.is((await c.wait(id)).exitCode, 4);
    t.is(await readFile(join(sandbox, 'stdout'), 'utf8'), options.setsArgv0 === false ? 'hi /bin/sh\n' : 'hi sh\n');
    await done();
  });

  test(`${backend}: a command that cannot start makes launch reject`, async (t) => {
    const { c, sandbox, id, done } = await setup();
    await t.throwsAsync(c.launch(id, { command: { shell: false, value: join(sandbox, 'no-such-binary') }, sandbox, resources: {} }));
    await done();
  });

  test(`${backend}: SIGTERM reaches a command that handles it`, async (t) => {
    const { c, sandbox, id, done } = await setup();
    await c.launch(id, shell(sandbox, 'trap "echo got-term; exit 7" TERM; touch ready; while :; do sleep 0.02; done'));
    await waitUntil(() => readFile(join(sandbox, 'ready')).then(() => true, () => false), 'the trap to be installed');
    await c.kill(id, 'SIGTERM');
    t.deepEqual(await c.wait(id), { exitCode: 7 });
    t.is(await readFile(join(sandbox, 'stdout'), 'utf8'), 'got-term\n');
    await done();
  });

  test(`${backend}: SIGKILL after an ignored SIGTERM ends the whole process group`, async (t) => {
    const { c, sandbox, id, done } = await setup();
    await c.launch(id, shell(sandbox, 'trap "" TERM; sleep 30 & echo $! > child.pid; wait'));
    await waitUntil(() => readFile(join(sandbox, 'child.pid'), 'utf8').then((s) => s.trim() !== '', () => false), 'the child pid');
    const childPid = Number((await readFile(join(sandbox, 'child.pid'), 'utf8')).trim());
    await c.kill(id, 'SIGTERM');
    await c.kill(id, 'SIGKILL');
    t.deepEqual(await c.wait(id), { signal: 'SIGKILL' }, 'SIGTERM was ignored, so SIGKILL is what ended it');
    if (options.hostPids) await waitUntil(async () => !(await pidAlive(childPid)), 'the forked child to die with its group');
    t.pass();
    await done();
  });

  test(`${backend}: usage reports the live processes and their memory`, async (t) => {
    const { c, sandbox, id, done } = await setup();
    await c.launch(id, shell(sandbox, 'sleep 30'));
    const usage = await c.usage(id);
    t.true(usage.processes >= 1);
    t.true(usage.mem_rss_bytes > 0);
    t.is(usage.cpus_limit, 0.1);
    t.is(usage.mem_limit_bytes, 32 * 1024 * 1024);
    t.true(usage.cpus_user_time_secs >= 0);
    await c.destroy(id);
    t.deepEqual(await c.wait(id).catch(() => 'forgotten'), 'forgotten');
    await done();
  });

  test(`${backend}: destroy ends a running container and a pending wait`, async (t) => {
    const { c, sandbox, id, done } = await setup();
    await c.launch(id, shell(sandbox, 'sleep 30'));
    const ended = c.wait(id);
    t.deepEqual(c.containers(), [id]);
    await c.destroy(id);
    t.deepEqual(await ended, { signal: 'SIGKILL' });
    t.deepEqual(c.containers(), []);
    await done();
  });

  test(`${backend}: close leaves running containers alone`, async (t) => {
    const { c, sandbox, id, done } = await setup();
    const { pid } = await c.launch(id, shell(sandbox, 'sleep 30'));
    await c.close?.();
    if (options.hostPids) t.true(await pidAlive(pid));
    t.deepEqual(c.containers(), [id]);
    await done();
  });

  test(`${backend}: destroy is idempotent and harmless for unknown ids; other calls on unknown ids reject`, async (t) => {
    const { c, done } = await setup();
    await t.notThrowsAsync(c.destroy('never-launched'));
    await t.notThrowsAsync(c.destroy('never-launched'));
    await t.throwsAsync(c.wait('never-launched'));
    await t.throwsAsync(c.kill('never-launched', 'SIGTERM'));
    await t.throwsAsync(c.usage('never-launched'));
    await done();
  });

  test(`${backend}: recover adopts a live container and ignores a dead one`, async (t) => {
    const { c, sandbox, id, done } = await setup();
    const { pid } = await c.launch(id, shell(sandbox, 'sleep 30'));
    const fresh = create();
    const adopted = await fresh.recover([{ containerId: id, pid }, { containerId: 'dead', pid: 2 ** 22 + 7 }]);
    t.deepEqual(adopted, [id]);
    await fresh.destroy(id);
    t.truthy(await fresh.wait(id).catch(() => ({ message: 'forgotten' })));
    await fresh.close?.();
    await done();
  });

  test(`${backend}: a recovered container can be signalled, measured and waited on by the new instance`, async (t) => {
    const { c, sandbox, id, done } = await setup();
    const { pid } = await c.launch(id, shell(sandbox, 'trap "exit 0" TERM; touch ready; while :; do sleep 0.02; done'));
    await waitUntil(() => readFile(join(sandbox, 'ready')).then(() => true, () => false), 'the trap to be installed');
    const fresh = create();
    t.deepEqual(await fresh.recover([{ containerId: id, pid }]), [id]);
    t.deepEqual(fresh.containers(), [id]);
    t.true((await fresh.usage(id)).processes >= 1);
    await fresh.kill(id, 'SIGTERM');
    // A recovered container is watched on the injected clock, whose timers do not hold the
    // process open (the agent's server does that in real life).
    const keepAlive = setInterval(() => undefined, 50);
    const ended = await fresh.wait(id).finally(() => clearInterval(keepAlive));
    t.is(ended.reason, undefined, 'a clean exit is no limitation');
    await fresh.destroy(id);
    await done();
  });

  if (options.enforcesLimits !== true) return;

  test(`${backend}: exceeding the memory limit ends the container with REASON_CONTAINER_LIMITATION_MEMORY`, async (t) => {
    const { c, sandbox, id, done } = await setup();
    // dd fills a 100 MB block buffer, so it must touch more than the 32 MB the container may use.
    await c.launch(id, shell(sandbox, 'dd if=/dev/zero of=/dev/null bs=100M count=1; echo survived'));
    const ended = await c.wait(id);
    t.is(ended.reason, 'REASON_CONTAINER_LIMITATION_MEMORY');
    t.truthy(ended.message);
    t.false((await readFile(join(sandbox, 'stdout'), 'utf8')).includes('survived'), 'the whole container ends, not only the process the kernel chose');
    await done();
  });

  test(`${backend}: a busy loop limited to 0.5 cpus uses at most ~55% of a core over 3 s`, async (t) => {
    const { c, sandbox, id, done } = await setup();
    const spec = shell(sandbox, 'while :; do :; done');
    await c.launch(id, { ...spec, resources: { cpus: 0.5, mem: 64 }, limits: { cpus: 0.5 } });
    const cpuSecs = (u: { cpus_user_time_secs: number; cpus_system_time_secs: number }): number => u.cpus_user_time_secs + u.cpus_system_time_secs;
    const before = await c.usage(id);
    await new Promise((r) => setTimeout(r, 3000));
    const after = await c.usage(id);
    const used = cpuSecs(after) - cpuSecs(before);
    const elapsed = after.timestamp - before.timestamp;
    t.is(after.cpus_limit, 0.5);
    t.true(used > 0, 'the loop ran');
    // 10 ms of slack covers the tick granularity of cpu accounting.
    t.true(used <= 0.55 * elapsed + 0.01, `used ${used.toFixed(3)} cpu-seconds in ${elapsed.toFixed(3)} s`);
    await done();
  });
}
