/**
 * The SDK's clients against a real master and agent over real sockets: a scheduler launching a
 * command task, reconciling and killing it; a custom executor written with ExecutorClient; a
 * scheduler failing over to a new connection; the operator client reading state. Serial, and
 * in order: the last test reads the tasks the first one left.
 */
import test from 'ava';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { agentConfigWith } from '../../src/agent/config.ts';
import { startAgent } from '../../src/agent/main.ts';
import type { AgentHandle } from '../../src/agent/main.ts';
import { silentLogger } from '../../src/lib/logger.ts';
import { masterConfigWith } from '../../src/master/config.ts';
import { startMaster } from '../../src/master/main.ts';
import type { MasterHandle } from '../../src/master/main.ts';
import { OperatorClient, SchedulerClient } from '../../src/sdk/index.ts';
import type { FrameworkInfo, Offer, SchedulerEvent, TaskInfo } from '../../src/sdk/index.ts';

let master: MasterHandle;
let agent: AgentHandle;
let workDir: string;

test.before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'sdk-clients-'));
  master = await startMaster(masterConfigWith({ port: 0, ip: '127.0.0.1', hostname: 'localhost', allocation_interval: 50 }), { logger: silentLogger() });
  agent = await startAgent(agentConfigWith({ master: master.url, work_dir: workDir, port: 0, resources: 'cpus:4;mem:4096;disk:1024' }), {
    logger: silentLogger(), env: { PATH: process.env.PATH },
  });
  for (let i = 0; i < 200 && !agent.connected(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
});

test.after.always(async () => {
  await agent?.stop();
  await master?.stop();
  await rm(workDir, { recursive: true, force: true });
});

/**
 * Reads a client's events in the background so a test can wait for the one it needs, and
 * acknowledges every update as a scheduler must (the agent sends a task's next update only
 * after the previous one is acknowledged).
 */
class EventTap {
  readonly seen: SchedulerEvent[] = [];
  /** Per update, in order: whether acknowledge() sent an ACKNOWLEDGE. */
  readonly acknowledged: { state: string; sent: boolean }[] = [];
  private readonly waiters = new Set<() => void>();
  readonly done: Promise<void>;

  constructor(readonly client: SchedulerClient) {
    this.done = (async () => {
      for await (const event of client.events()) {
        if (event.type === 'UPDATE' && event.update) {
          this.acknowledged.push({ state: event.update.status.state, sent: await client.acknowledge(event.update.status) });
        }
        this.seen.push(event);
        this.waiters.forEach((wake) => wake());
      }
    })();
  }

  /** The first event (from `from` on) matching `match`; fails the test after 20 s. */
  async next(match: (e: SchedulerEvent) => boolean, from = 0): Promise<SchedulerEvent> {
    for (let deadline = Date.now() + 20_000; Date.now() < deadline;) {
      const found = this.seen.slice(from).find(match);
      if (found) return found;
      await new Promise<void>((resolve) => {
        this.waiters.add(resolve);
        setTimeout(resolve, 200);
      });
    }
    throw new Error(`no matching event; saw ${this.seen.map((e) => e.type).join(', ')}`);
  }
}

const frameworkInfo = (name: string, extra: Partial<FrameworkInfo> = {}): FrameworkInfo => ({ user: 'root', name, ...extra });
const isOffers = (e: SchedulerEvent): boolean => e.type === 'OFFERS' && (e.offers?.offers?.length ?? 0) > 0;
const firstOffer = (e: SchedulerEvent): Offer => {
  const offer = e.offers?.offers?.[0];
  if (!offer) throw new Error('no offer');
  return offer;
};
const updateFor = (taskId: string, state: string) => (e: SchedulerEvent): boolean =>
  e.type === 'UPDATE' && e.update?.status.task_id.value === taskId && e.update.status.state === state;
const resources = [
  { name: 'cpus', type: 'SCALAR' as const, scalar: { value: 0.1 } },
  { name: 'mem', type: 'SCALAR' as const, scalar: { value: 32 } },
];

test('a scheduler launches a command task, reconciles it and kills it', async (t) => {
  const client = new SchedulerClient({ master: master.url, frameworkInfo: frameworkInfo('sdk-kill') });
  const tap = new EventTap(client);
  const offer = firstOffer(await tap.next(isOffers));
  const task: TaskInfo = { name: 'sleeper', task_id: { value: 'sleeper-1' }, agent_id: offer.agent_id, resources, command: { value: 'sleep 60' } };
  await client.launch(offer, [task]);

  await tap.next(updateFor('sleeper-1', 'TASK_RUNNING'));
  t.true(tap.acknowledged.every((ack) => ack.sent), 'updates from the agent carry a uuid');

  const mark = tap.seen.length;
  await client.reconcile([{ task_id: 'sleeper-1', agent_id: offer.agent_id }]);
  const reconciled = await tap.next((e) => e.type === 'UPDATE' && e.update?.status.reason === 'REASON_RECONCILIATION', mark);
  t.is(reconciled.update?.status.state, 'TASK_RUNNING');
  t.false(tap.acknowledged.at(-1)?.sent, 'master-made updates carry no uuid, so nothing is acknowledged');

  await client.kill('sleeper-1', offer.agent_id);
  await tap.next(updateFor('sleeper-1', 'TASK_KILLED'));
  await client.teardown();
  await tap.done;
  t.is(tap.acknowledged.at(-1)?.state, 'TASK_KILLED');
});

test('a custom executor written with ExecutorClient runs a task and messages its scheduler', async (t) => {
  const client = new SchedulerClient({ master: master.url, frameworkInfo: frameworkInfo('sdk-executor') });
  const tap = new EventTap(client);
  const offer = firstOffer(await tap.next(isOffers));
  const fixture = fileURLToPath(new URL('./sdk-executor-fixture.ts', import.meta.url));
  const command = `exec '${process.execPath}' --import '${import.meta.resolve('tsx')}' '${fixture}'`;
  await client.launch(offer, [{
    name: 'via-sdk', task_id: { value: 'via-sdk-1' }, agent_id: offer.agent_id, resources,
    executor: { executor_id: { value: 'sdk-exec' }, command: { value: command }, resources },
  }]);

  const finished = await tap.next(updateFor('via-sdk-1', 'TASK_FINISHED'));
  t.is(finished.update?.status.message, 'done by the SDK executor');
  t.is(finished.update?.status.source, 'SOURCE_EXECUTOR');
  const message = await tap.next((e) => e.type === 'MESSAGE');
  t.is(Buffer.from(message.message?.data ?? '', 'base64').toString(), 'hello from sdk-exec');
  await client.teardown();
  await tap.done;
});

test('a scheduler fails over to a new connection with its framework id', async (t) => {
  const first = new SchedulerClient({ master: master.url, frameworkInfo: frameworkInfo('sdk-failover', { failover_timeout: 60 }) });
  const firstTap = new EventTap(first);
  await firstTap.next((e) => e.type === 'SUBSCRIBED');
  const frameworkId = first.frameworkId ?? '';
  first.close();
  await firstTap.done;

  const second = new SchedulerClient({ master: master.url, frameworkInfo: frameworkInfo('sdk-failover', { failover_timeout: 60, id: { value: frameworkId } }) });
  const secondTap = new EventTap(second);
  const subscribed = await secondTap.next((e) => e.type === 'SUBSCRIBED');
  t.is(subscribed.subscribed?.framework_id.value, frameworkId);

  const state = await new OperatorClient({ master: master.url }).frameworks();
  t.true(state.frameworks.some((f) => f.id === frameworkId && f.active === true));
  await second.teardown();
  await secondTap.done;
});

test('the operator client reads the legacy endpoints of a real master', async (t) => {
  const operator = new OperatorClient({ master: master.url });
  const state = await operator.state();
  t.is(state.slaves?.length, 1);
  t.is(state.slaves?.[0]?.resources?.cpus, 4);
  t.is((await operator.agents()).slaves[0]?.id, agent.agentId());
  t.regex((await operator.version()).version, /^\d+\.\d+\.\d+/);
  const tasks = await operator.tasks({ order: 'asc' });
  t.true(tasks.tasks.some((task) => task.id === 'sleeper-1' && task.state === 'TASK_KILLED'));
});
