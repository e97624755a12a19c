/**
 * What the docker backend does beyond the shared conformance suite, checked against the real
 * engine: the container's name, labels and resource mapping as Docker reports them, volumes
 * relative to the sandbox, port mappings checked against the task's ports, pull failures, orphan
 * removal on recovery, and a clear start-up failure without an engine.
 */
import test from 'ava';
import Docker from 'dockerode';
import { mkdtempSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../src/lib/clock.ts';
import { ConfigError } from '../../src/lib/errors.ts';
import { removeCgroupRoot } from '../../src/isolation/linux/cgroups.ts';
import { defaultContainerizerRegistry } from '../../src/isolation/registry.ts';
import type { LaunchSpec } from '../../src/isolation/containerizer.ts';
import { createDockerContainerizer } from '../../src/isolation/docker/docker-containerizer.ts';
import type { DockerLaunchSpec } from '../../src/isolation/docker/docker-containerizer.ts';
import { ensureBusyboxImage, TEST_IMAGE } from '../../src/testing/docker-images.ts';

const docker = new Docker();
const scope = mkdtempSync(join(tmpdir(), 'docker-backend-scope-'));
const create = () => createDockerContainerizer({ clock: systemClock, scope, defaultImage: TEST_IMAGE });
const MB = 1024 * 1024;

test.before(async () => {
  await ensureBusyboxImage(docker);
});

async function sandbox(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'docker-backend-'));
}

function spec(dir: string, value: string, container: unknown, extra: Partial<DockerLaunchSpec> = {}): DockerLaunchSpec {
  return { command: { shell: true, value }, sandbox: dir, resources: { cpus: 0.5, mem: 64 }, containerInfo: container, ...extra };
}

test('the container is named mesos-<id>, labelled, and carries Mesos resource mapping', async (t) => {
  const c = create();
  const dir = await sandbox();
  await c.launch('mapped', spec(dir, 'sleep 30', { type: 'DOCKER', docker: { image: TEST_IMAGE } }, { limits: { cpus: 1 } }));
  const inspected = await docker.getContainer('mesos-mapped').inspect();
  t.is(inspected.Config.Labels['mesos-ts.container_id'], 'mapped');
  t.is(inspected.Config.Labels['mesos-ts.scope'], scope);
  t.like(inspected.HostConfig, { CpuShares: 512, CpuPeriod: 100_000, CpuQuota: 100_000, Memory: 64 * MB, NetworkMode: 'host' });
  t.true(inspected.Config.Env.includes('MESOS_SANDBOX=/mnt/mesos/sandbox'));
  await c.update('mapped', { cpus: 2, mem: 128 });
  const updated = await docker.getContainer('mesos-mapped').inspect();
  t.like(updated.HostConfig, { CpuShares: 2048, CpuQuota: 100_000, Memory: 128 * MB }, 'the cpu limit stays; shares and memory follow the new resources');
  t.is((await c.usage('mapped')).mem_limit_bytes, 128 * MB);
  await c.destroy('mapped');
  await t.throwsAsync(docker.getContainer('mesos-mapped').inspect(), undefined, 'destroy removes the container');
  await rm(dir, { recursive: true, force: true });
});

test('a sandbox-relative volume and the sandbox itself are visible inside the container', async (t) => {
  const c = create();
  const dir = await sandbox();
  await mkdir(join(dir, 'data'));
  await writeFile(join(dir, 'data', 'in.txt'), 'from the host\n');
  await c.launch('volumes', spec(dir, 'cat /data/in.txt; echo "$MESOS_SANDBOX" > $MESOS_SANDBOX/where', {
    type: 'DOCKER', docker: { image: TEST_IMAGE }, volumes: [{ container_path: '/data', host_path: 'data', mode: 'RO' }],
  }));
  t.deepEqual(await c.wait('volumes'), { exitCode: 0 });
  t.is(await readFile(join(dir, 'stdout'), 'utf8'), 'from the host\n');
  t.is(await readFile(join(dir, 'where'), 'utf8'), '/mnt/mesos/sandbox\n');
  await c.destroy('volumes');
  await rm(dir, { recursive: true, force: true });
});

test('BRIDGE port mappings are bound when inside the task ports and refused otherwise', async (t) => {
  const c = create();
  const dir = await sandbox();
  const bridge = (hostPort: number): unknown => ({ type: 'DOCKER', docker: { image: TEST_IMAGE, network: 'BRIDGE', port_mappings: [{ host_port: hostPort, container_port: 8080 }] } });
  const refused = await t.throwsAsync(c.launch('ports-bad', spec(dir, 'true', bridge(31999), { ports: [{ begin: 31000, end: 31010 }] })));
  t.regex(refused.message, /port_mappings\[0\]\.host_port/);
  await c.launch('ports-ok', spec(dir, 'sleep 30', bridge(31005), { ports: [{ begin: 31000, end: 31010 }] }));
  const inspected = await docker.getContainer('mesos-ports-ok').inspect();
  t.deepEqual(inspected.HostConfig.PortBindings, { '8080/tcp': [{ HostIp: '', HostPort: '31005' }] });
  await c.destroy('ports-ok');
  await rm(dir, { recursive: true, force: true });
});

test('an image that cannot be pulled makes launch reject naming the image', async (t) => {
  const c = create();
  const dir = await sandbox();
  const plain: LaunchSpec = spec(dir, 'true', { type: 'DOCKER', docker: { image: '127.0.0.1:1/missing/image' } });
  const error = await t.throwsAsync(c.launch('no-image', plain));
  t.regex(error.message, /127\.0\.0\.1:1\/missing\/image:latest/);
  t.deepEqual(c.containers(), []);
  await rm(dir, { recursive: true, force: true });
});

test('recover removes this agent\'s containers it no longer knows and leaves other agents\' alone', async (t) => {
  const first = create();
  const otherScope = createDockerContainerizer({ clock: systemClock, scope: `${scope}-other`, defaultImage: TEST_IMAGE });
  const dir = await sandbox();
  await first.launch('orphan', spec(dir, 'sleep 30', undefined));
  await otherScope.launch('someone-else', spec(dir, 'sleep 30', undefined));
  const fresh = create();
  t.deepEqual(await fresh.recover([]), []);
  await t.throwsAsync(docker.getContainer('mesos-orphan').inspect(), undefined, 'the orphan is gone');
  t.true((await docker.getContainer('mesos-someone-else').inspect()).State.Running);
  await Promise.all([first.destroy('orphan'), otherScope.destroy('someone-else')]);
  await Promise.all([first.close?.(), otherScope.close?.(), fresh.close?.()]);
  await rm(dir, { recursive: true, force: true });
});

test('start-up fails naming the backend when the Docker socket is unreachable', (t) => {
  const error = t.throws(() => createDockerContainerizer({ clock: systemClock, scope, socketPath: '/nonexistent/docker.sock' }));
  t.regex(error.message, /^docker containerizer cannot start: Docker socket '\/nonexistent\/docker.sock' is unreachable/);
});

test('the default registry builds docker and linux by name, and names the backend that cannot start', async (t) => {
  const registry = defaultContainerizerRegistry();
  const workDir = mkdtempSync(join(tmpdir(), 'registry-work-'));
  const built = registry.create(['docker', 'linux', 'posix'], { clock: systemClock, workDir, flags: { cgroups_root: `mesos-registry-test-${process.pid}` } });
  t.deepEqual(built.map((c) => c.name), ['docker', 'linux', 'posix']);
  await Promise.all(built.map((c) => c.close?.()));
  await removeCgroupRoot('/sys/fs/cgroup', `mesos-registry-test-${process.pid}`);
  const error = t.throws(() => registry.create(['docker'], { clock: systemClock, workDir, flags: { docker_socket: '/nonexistent/docker.sock' } }), { instanceOf: ConfigError });
  t.regex(error.message, /^--containerizers: backend 'docker' failed to start: docker containerizer cannot start/);
});
