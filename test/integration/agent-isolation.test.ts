/**
 * The agent driving real backends with `--containerizers=docker,linux,posix`, a real master and
 * the SDK's scheduler client: a docker command task runs its own command inside the busybox test
 * image, a task without ContainerInfo runs under cgroups and is ended by its memory limit, and a
 * killed docker task leaves no container behind. Needs root, a Docker engine and cgroups.
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
import { LABEL_SCOPE } from '../../src/isolation/docker/create-options.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { masterConfigWith } from '../../src/master/config.ts';
import { startMaster } from '../../src/master/main.ts';
import type { MasterHandle } from '../../src/master/main.ts';
import { SchedulerClient } from '../../src/sdk/index.ts';
import type { Offer, SchedulerEvent, TaskInfo, TaskStatus } from '../../src/sdk/index.ts';
import { ensureBusyboxImage, TEST_IMAGE } from '../../src/testing/docker-images.ts';

const docker = new Docker();
let master: MasterHandle;
let agent: AgentHandle;
let workDir: string;
let client: SchedulerClient;
let tap: EventTap;

/** Reads the scheduler's events in the background and acknowledges every update. */
class EventTap {
  readonly seen: SchedulerEvent[] = [];
  private readonly waiters = new Set<() => void>();
  readonly done: Promise<void>;

  constructor(readonly scheduler: SchedulerClient) {
    this.done = (async () => {
      for await (const event of scheduler.events()) {
        if (event.type === 'UPDATE' && event.update) await scheduler.acknowledge(event.update.status);
        this.seen.push(event);
        this.waiters.forEach((wake) => wake());
      }
    })();
  }

  async next(match: (e: SchedulerEvent) => boolean, what: string, from = 0): Promise<SchedulerEvent> {
    for (let deadline = Date.now() + 60_000; Date.now() < deadline;) {
      const found = this.seen.slice(from).find(match);
      if (found) return found;
      await new Promise<void>((resolve) => {
        this.waiters.add(resolve);
        setTimeout(resolve, 200);
      });
    }
    throw new Error(`no ${what}; saw ${this.seen.map((e) => (e.type === 'UPDATE' ? `${e.update?.status.task_id.value}:${e.update?.status.state}` : e.type)).join(', ')}`);
  }

  /** The first terminal update of a task, or the one in `state`. */
  async status(taskId: string, states: readonly string[]): Promise<TaskStatus> {
    const event = await this.next((e) => e.type === 'UPDATE' && e.update?.status.task_id.value === taskId && states.includes(e.update.status.state), `${states.join('/')} for ${taskId}`);
    if (!event.update) throw new Error('unreachable');
    return event.update.status;
  }

  private readonly used = new Set<string>();

  /** An offer not used before with at least this much memory; it counts as used from now on. */
  async offer(minMem: number): Promise<Offer> {
    const fits = (o: Offer): boolean => !this.used.has(o.id.value) && (o.resources ?? []).some((r) => r.name === 'mem' && (r.scalar?.value ?? 0) >= minMem);
    const event = await this.next((e) => e.type === 'OFFERS' && (e.offers?.offers ?? []).some(fits), 'unused offer');
    const offer = event.offers?.offers?.find(fits);
    if (!offer) throw new Error('unreachable');
    this.used.add(offer.id.value);
    return offer;
  }
}

const TERMINAL = ['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_ERROR', 'TASK_LOST', 'TASK_DROPPED', 'TASK_GONE'];
const scalars = (cpus: number, mem: number): TaskInfo['resources'] => [
  { name: 'cpus', type: 'SCALAR', scalar: { value: cpus } },
  { name: 'mem', type: 'SCALAR', scalar: { value: mem } },
];
const dockerContainer = { type: 'DOCKER', docker: { image: TEST_IMAGE, network: 'HOST' } } as const;
const oneSecondGrace = { grace_period: { nanoseconds: 1e9 } };

/** Launches one task on a fresh offer big enough for it; tasks run one at a time in these tests. */
async function launch(task: Omit<TaskInfo, 'agent_id'>, mem: number): Promise<Offer> {
  const offer = await tap.offer(mem);
  await client.launch(offer, [{ ...task, agent_id: offer.agent_id } as TaskInfo]);
  return offer;
}

/** The sandbox of a command task's only run (its executor id is the task id). */
async function sandboxOf(taskId: string): Promise<string> {
  const runs = new WorkDirLayout(workDir).executorRunsDir(agent.agentId(), client.frameworkId ?? '', taskId);
  const [run] = (await readdir(runs)).filter((name) => name !== 'latest');
  if (run === undefined) throw new Error(`no run under ${runs}`);
  return join(runs, run);
}

const scopedContainers = (): Promise<Docker.ContainerInfo[]> => docker.listContainers({ all: true, filters: { label: [`${LABEL_SCOPE}=${workDir}`] } });

test.before(async () => {
  await ensureBusyboxImage(docker);
  workDir = await mkdtemp(join(tmpdir(), 'agent-isolation-'));
  master = await startMaster(masterConfigWith({ port: 0, ip: '127.0.0.1', hostname: 'localhost', allocation_interval: 50 }), { logger: silentLogger() });
  agent = await startAgent(agentConfigWith({
    master: master.url, work_dir: workDir, port: 0, containerizers: 'docker,linux,posix',
    // A root of its own, so other suites' cgroups are never touched.
    cgroups_root: `mesos-ts-agent-isolation-${process.pid}`,
    resources: 'cpus:4;mem:4096;disk:1024;ports:[31000-31010]',
  }), { logger: silentLogger(), env: { PATH: process.env.PATH } });
  for (let i = 0; i < 400 && !agent.connected(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  client = new SchedulerClient({ master: master.url, frameworkInfo: { user: 'root', name: 'agent-isolation' } });
  tap = new EventTap(client);
});

test.after.always(async () => {
  await client?.teardown().catch(() => undefined);
  await tap?.done.catch(() => undefined);
  await agent?.stop();
  await master?.stop();
  for (const leftover of await scopedContainers().catch(() => [])) await docker.getContainer(leftover.Id).remove({ force: true }).catch(() => undefined);
  await rm(workDir, { recursive: true, force: true });
});

test.serial('a docker command task runs its own command in the image and finishes with its output in the sandbox', async (t) => {
  await launch({
    name: 'docker-echo', task_id: { value: 'docker-echo' }, resources: scalars(0.1, 32), container: dockerContainer,
    command: { value: 'echo "hello from busybox in $MESOS_SANDBOX"' },
  }, 32);
  const status = await tap.status('docker-echo', TERMINAL);
  t.is(status.state, 'TASK_FINISHED', status.message);
  t.truthy(await tap.status('docker-echo', ['TASK_RUNNING']));
  const stdout = await readFile(join(await sandboxOf('docker-echo'), 'stdout'), 'utf8');
  t.regex(stdout, /hello from busybox in \/mnt\/mesos\/sandbox/);
});

test.serial('a port mapping outside the task\'s ports fails the docker task naming the field', async (t) => {
  await launch({
    name: 'docker-ports', task_id: { value: 'docker-ports' }, container: {
      type: 'DOCKER', docker: { image: TEST_IMAGE, network: 'BRIDGE', port_mappings: [{ host_port: 40000, container_port: 80 }] },
    },
    resources: [...scalars(0.1, 32) ?? [], { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 31000, end: 31000 }] } }],
    command: { value: 'true' },
  }, 32);
  const status = await tap.status('docker-ports', TERMINAL);
  t.is(status.state, 'TASK_FAILED');
  t.is(status.reason, 'REASON_CONTAINER_LAUNCH_FAILED');
  t.regex(status.message ?? '', /port_mappings\[0\]\.host_port/);
});

test.serial('a task without ContainerInfo runs under cgroups and its memory limit fails it', async (t) => {
  await launch({
    name: 'linux-hog', task_id: { value: 'linux-hog' }, resources: scalars(0.1, 64),
    command: { value: "x=a; while true; do x=$x$x; done" },
  }, 64);
  const status = await tap.status('linux-hog', TERMINAL);
  t.is(status.state, 'TASK_FAILED', status.message);
  t.is(status.reason, 'REASON_CONTAINER_LIMITATION_MEMORY');
  t.regex(status.message ?? '', /[Mm]emory limit/);
});

test.serial('a killed docker task ends TASK_KILLED and its container is gone', async (t) => {
  await launch({
    name: 'docker-sleep', task_id: { value: 'docker-sleep' }, resources: scalars(0.1, 32), container: dockerContainer,
    command: { value: 'sleep 600' }, kill_policy: oneSecondGrace,
  }, 32);
  await tap.status('docker-sleep', ['TASK_RUNNING']);
  const running = await scopedContainers();
  t.is(running.length, 1);
  t.is(running[0]?.State, 'running');
  t.regex(running[0]?.Names[0] ?? '', /^\/mesos-/);
  await client.kill('docker-sleep', { value: agent.agentId() });
  const status = await tap.status('docker-sleep', TERMINAL);
  t.is(status.state, 'TASK_KILLED', status.message);
  t.deepEqual(await scopedContainers(), []);
});

test.serial('start-up fails with one line naming a backend that cannot work here', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'agent-isolation-bad-'));
  try {
    const noDocker = await t.throwsAsync(startAgent(agentConfigWith({
      master: master.url, work_dir: dir, port: 0, containerizers: 'docker,posix', docker_socket: join(dir, 'no-docker.sock'),
    }), { logger: silentLogger() }));
    t.regex(noDocker?.message ?? '', /^--containerizers: backend 'docker' failed to start: .*no-docker\.sock.*leave 'docker' out of --containerizers$/);
    t.false(noDocker?.message.includes('\n'));
    const noCgroups = await t.throwsAsync(startAgent(agentConfigWith({
      master: master.url, work_dir: dir, port: 0, containerizers: 'linux,posix', cgroups_hierarchy: join(dir, 'no-cgroups'),
    }), { logger: silentLogger() }));
    t.regex(noCgroups?.message ?? '', /^--containerizers: backend 'linux' failed to start: .*leave 'linux' out of --containerizers$/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test.serial('a DOCKER task on an agent without the docker backend fails naming the flag', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'agent-isolation-posix-'));
  const ownMaster = await startMaster(masterConfigWith({ port: 0, ip: '127.0.0.1', hostname: 'localhost', allocation_interval: 50 }), { logger: silentLogger() });
  const posixAgent = await startAgent(agentConfigWith({
    master: ownMaster.url, work_dir: dir, port: 0, containerizers: 'posix', resources: 'cpus:1;mem:512;disk:64',
  }), { logger: silentLogger(), env: { PATH: process.env.PATH } });
  const scheduler = new SchedulerClient({ master: ownMaster.url, frameworkInfo: { user: 'root', name: 'no-docker' } });
  const events = new EventTap(scheduler);
  try {
    const offer = await events.offer(32);
    await scheduler.launch(offer, [{
      name: 'needs-docker', task_id: { value: 'needs-docker' }, agent_id: offer.agent_id, resources: scalars(0.1, 32),
      container: dockerContainer, command: { value: 'true' },
    }]);
    const status = await events.status('needs-docker', TERMINAL);
    t.is(status.state, 'TASK_FAILED');
    t.is(status.reason, 'REASON_CONTAINER_LAUNCH_FAILED');
    t.regex(status.message ?? '', /--containerizers does not include 'docker'/);
  } finally {
    await scheduler.teardown().catch(() => undefined);
    await events.done.catch(() => undefined);
    await posixAgent.stop();
    await ownMaster.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
