/**
 * What the linux backend does beyond the shared conformance suite, checked against the kernel's
 * own files: Mesos' resource mapping in the cgroup, pid namespaces for MESOS containers, the pids
 * limit, orphan clean-up on recovery, and a clear start-up failure.
 */
import test from 'ava';
import { existsSync, mkdtempSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/lib/clock.ts';
import type { LaunchSpec } from '../../src/isolation/containerizer.ts';
import { detectCgroupVersion, removeCgroupRoot } from '../../src/isolation/linux/cgroups.ts';
import { createLinuxContainerizer } from '../../src/isolation/linux/linux-containerizer.ts';

const HIERARCHY = '/sys/fs/cgroup';
const runDir = mkdtempSync(join(tmpdir(), 'linux-backend-run-'));
const cgroupsRoot = `mesos-linux-test-${process.pid}`;
test.after.always(() => removeCgroupRoot('/sys/fs/cgroup', cgroupsRoot));
const version = detectCgroupVersion(HIERARCHY);
const create = (extra: { pidsMax?: number; enableCfs?: boolean } = {}) =>
  createLinuxContainerizer({ clock: systemClock, runDir, cgroupsRoot, recoveredPollMs: 20, oomPollMs: 20, ...extra });

function cgroupFile(controller: string, id: string, file: string): string {
  return version === 'v1' ? join(HIERARCHY, controller, cgroupsRoot, id, file) : join(HIERARCHY, cgroupsRoot, id, file);
}

async function sandbox(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'linux-backend-'));
}

function shell(dir: string, value: string, extra: Partial<LaunchSpec> = {}): LaunchSpec {
  return { command: { shell: true, value, environment: { PATH: '/usr/bin:/bin' } }, sandbox: dir, resources: { cpus: 1.5, mem: 128 }, ...extra };
}

test('the cgroup carries Mesos resource mapping: shares, CFS quota from the limit, memory hard limit', async (t) => {
  const c = create();
  const dir = await sandbox();
  await c.launch('mapping', shell(dir, 'sleep 30', { limits: { cpus: 2 } }));
  if (version === 'v1') {
    t.is((await readFile(cgroupFile('cpu', 'mapping', 'cpu.shares'), 'utf8')).trim(), '1536');
    t.is((await readFile(cgroupFile('cpu', 'mapping', 'cpu.cfs_quota_us'), 'utf8')).trim(), '200000');
    t.is((await readFile(cgroupFile('cpu', 'mapping', 'cpu.cfs_period_us'), 'utf8')).trim(), '100000');
    t.is((await readFile(cgroupFile('memory', 'mapping', 'memory.limit_in_bytes'), 'utf8')).trim(), String(128 * 1024 * 1024));
  } else {
    t.is((await readFile(cgroupFile('', 'mapping', 'cpu.max'), 'utf8')).trim(), '200000 100000');
    t.is((await readFile(cgroupFile('', 'mapping', 'memory.max'), 'utf8')).trim(), String(128 * 1024 * 1024));
  }
  await c.update('mapping', { cpus: 0.25, mem: 16 });
  const usage = await c.usage('mapping');
  t.is(usage.mem_limit_bytes, 32 * 1024 * 1024, 'the hard limit never goes below 32 MB');
  await c.destroy('mapping');
  t.false(existsSync(cgroupFile('memory', 'mapping', '')), 'destroy removes the cgroup');
  await rm(dir, { recursive: true, force: true });
});

test('the first instruction of the task already runs inside its cgroup', async (t) => {
  const c = create();
  const dir = await sandbox();
  await c.launch('placed', shell(dir, 'cat /proc/self/cgroup'));
  t.deepEqual(await c.wait('placed'), { exitCode: 0 });
  t.true((await readFile(join(dir, 'stdout'), 'utf8')).includes(`${cgroupsRoot}/placed`));
  await c.destroy('placed');
  await rm(dir, { recursive: true, force: true });
});

test('a MESOS container gets its own pid namespace: the task is pid 1 and sees only its own processes', async (t) => {
  const c = create();
  const dir = await sandbox();
  await c.launch('ns', shell(dir, 'echo "pid=$$"; ls /proc | grep -c "^[0-9]"', { containerInfo: { type: 'MESOS' } }));
  t.deepEqual(await c.wait('ns'), { exitCode: 0 });
  const [pidLine, count] = (await readFile(join(dir, 'stdout'), 'utf8')).trim().split('\n');
  t.is(pidLine, 'pid=1');
  t.true(Number(count) <= 3, `saw ${count} processes`);
  await c.destroy('ns');
  await rm(dir, { recursive: true, force: true });
});

test('SIGTERM reaches a task in its own pid namespace and its exit code comes back', async (t) => {
  const c = create();
  const dir = await sandbox();
  await c.launch('ns-term', shell(dir, 'trap "exit 9" TERM; touch ready; while :; do sleep 0.02; done', { containerInfo: { type: 'MESOS' } }));
  for (let i = 0; i < 200 && !existsSync(join(dir, 'ready')); i++) await new Promise((r) => setTimeout(r, 10));
  await c.kill('ns-term', 'SIGTERM');
  t.deepEqual(await c.wait('ns-term'), { exitCode: 9 });
  await c.destroy('ns-term');
  await rm(dir, { recursive: true, force: true });
});

test('the pids limit stops a fork bomb from growing past it', async (t) => {
  const c = create({ pidsMax: 8 });
  const dir = await sandbox();
  await c.launch('pids', shell(dir, 'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do sleep 5 & done; wait'));
  for (let i = 0; i < 50; i++) await new Promise((r) => setTimeout(r, 10));
  const usage = await c.usage('pids');
  t.true(usage.processes <= 8, `${usage.processes} processes`);
  t.true((await readFile(join(dir, 'stderr'), 'utf8')).length > 0, 'the shell reported the failed forks');
  await c.destroy('pids');
  await rm(dir, { recursive: true, force: true });
});

test('recover destroys checkpointed containers the agent no longer knows', async (t) => {
  const first = create();
  const dir = await sandbox();
  const { pid } = await first.launch('orphan', shell(dir, 'sleep 30'));
  const fresh = create();
  t.deepEqual(await fresh.recover([]), []);
  t.throws(() => process.kill(pid, 0), undefined, 'the orphan was killed');
  // The kill came from another instance, so this one cannot tell SIGKILL from `exit 137`.
  const ended = await first.wait('orphan');
  t.true(ended.signal === 'SIGKILL' || ended.exitCode === 137, JSON.stringify(ended));
  await first.destroy('orphan');
  await rm(dir, { recursive: true, force: true });
});

test('start-up fails naming the backend when the cgroup hierarchy is not usable', (t) => {
  const error = t.throws(() => createLinuxContainerizer({ clock: systemClock, runDir, hierarchy: '/nonexistent/cgroup' }));
  t.regex(error.message, /^linux containerizer cannot start: .*\/nonexistent\/cgroup/);
  const badRoot = t.throws(() => createLinuxContainerizer({ clock: systemClock, runDir, cgroupsRoot: '../escape' }));
  t.regex(badRoot.message, /cgroups_root/);
});

test('a bad container id is refused naming the field', async (t) => {
  const c = create();
  const error = await t.throwsAsync(c.launch('../x', shell('/tmp', 'true')));
  t.regex(error.message, /containerId/);
});
