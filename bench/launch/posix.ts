/**
 * Launch benchmarks for the posix backend: a master and one agent as child processes
 * (`mesos master`, `mesos agent`), driven by an SDK scheduler in this process that acknowledges
 * every update. Scenarios, in this order, one JSON line each:
 *
 *   agent-idle     VmRSS of the agent after it registered and sat idle for a moment
 *   posix-1000     1,000 `true` command tasks launched as fast as offers allow (as many per
 *                  offer as fit); seconds from the first ACCEPT to the last TASK_FINISHED
 *   posix-latency  single-task launches one after another: ACCEPT sent to TASK_RUNNING received,
 *                  p50/p99 in ms (allocation delays are not included: the clock starts at ACCEPT)
 *
 * With --profile DIR, master and agent run under `node --cpu-prof` (DIR/master, DIR/agent);
 * summarise with `node --import tsx bench/lib/profile-summary.ts <file>`.
 * Usage: npm run bench:launch [-- --tasks 1000 --latency_samples 50 --allocation_interval 100ms]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SchedulerClient } from '../../src/sdk/index.ts';
import type { Offer, TaskInfo } from '../../src/sdk/index.ts';
import { parseFlags } from '../lib/args.ts';
import { errorSamples } from '../lib/error-samples.ts';
import { cpuSeconds, rssMb, startMesos } from '../lib/processes.ts';
import type { MesosProcess } from '../lib/processes.ts';
import { emitResult, loadAverage1m, progress, round } from '../lib/report.ts';
import { offeredScalar, SchedulerTap } from '../lib/scheduler-tap.ts';
import { percentile } from '../lib/stats.ts';
import { sleep, withTimeCap } from '../lib/time-cap.ts';

const flags = parseFlags(process.argv.slice(2), {
  tasks: 1000,
  latency_samples: 50,
  allocation_interval: '100ms',
  /** Enough for every task of posix-1000 at once, so offers are few and large. */
  agent_resources: 'cpus:100;mem:100000;disk:10000',
  task_cpus: 0.1,
  task_mem: 32,
  idle_settle_seconds: 3,
  scenario_cap_seconds: 120,
  /** Checkout whose bin/mesos.js runs master and agent; empty = this one. */
  mesos_root: '',
  /** A directory: master and agent run under `node --cpu-prof` and write their profiles there. */
  profile: '',
});

const TERMINAL_FAILURES = new Set(['TASK_FAILED', 'TASK_ERROR', 'TASK_LOST', 'TASK_DROPPED', 'TASK_KILLED', 'TASK_GONE']);

async function main(): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'bench-launch-'));
  const children: MesosProcess[] = [];
  let tap: SchedulerTap | undefined;
  try {
    const master = await startMesos('master', [
      '--port=0', '--ip=127.0.0.1', `--work_dir=${join(workDir, 'master')}`, `--allocation_interval=${flags.allocation_interval}`, '--log_level=warn',
    ], { mesosRoot: flags.mesos_root, nodeArgs: profileArgs('master') });
    children.push(master);
    const agent = await startMesos('agent', [
      `--master=${master.url}`, '--port=0', '--ip=127.0.0.1', `--work_dir=${join(workDir, 'agent')}`,
      `--resources=${flags.agent_resources}`, '--log_level=warn',
    ], { mesosRoot: flags.mesos_root, nodeArgs: profileArgs('agent') });
    children.push(agent);
    progress(`master pid ${master.pid} at ${master.url}, agent pid ${agent.pid} at ${agent.url}`);

    tap = new SchedulerTap(new SchedulerClient({ master: master.url, frameworkInfo: { user: 'root', name: 'bench-launch' } }));
    const capMs = flags.scenario_cap_seconds * 1000;
    const scheduler = tap;
    await withTimeCap('agent-idle', capMs, () => agentIdle(scheduler, agent));
    await withTimeCap(`posix-${flags.tasks}`, capMs, () => launchMany(scheduler, master, agent));
    await withTimeCap('posix-latency', capMs, () => launchLatency(scheduler));
    if (scheduler.ackFailures > 0) progress(`${scheduler.ackFailures} acknowledgements failed`);
  } finally {
    for (const sample of errorSamples()) progress(`error: ${sample}`);
    tap?.close();
    // The agent first, so it can still tell the master about what it stops.
    for (const child of children.reverse()) await child.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

function profileArgs(name: string): string[] {
  return flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(flags.profile, name)}`] : [];
}

/** RSS of an agent that registered (its resources reached us as an offer) and then sat idle. */
async function agentIdle(tap: SchedulerTap, agent: MesosProcess): Promise<void> {
  const offers = await tap.takeOffers();
  progress(`agent registered (${offers.length} offer); idling ${flags.idle_settle_seconds} s`);
  await tap.client.decline(offers.map((offer) => offer.id), { refuse_seconds: 0 });
  await sleep(flags.idle_settle_seconds * 1000);
  emitResult({ bench: 'launch', scenario: 'agent-idle', agent_rss_mb: round(await rssMb(agent.pid)), load_avg_1m: loadAverage1m() });
}

function commandTask(id: string, offer: Offer): TaskInfo {
  return {
    name: id, task_id: { value: id }, agent_id: offer.agent_id, command: { value: 'true' },
    resources: [
      { name: 'cpus', type: 'SCALAR', scalar: { value: flags.task_cpus } },
      { name: 'mem', type: 'SCALAR', scalar: { value: flags.task_mem } },
    ],
  };
}

function tasksThatFit(offer: Offer): number {
  return Math.min(Math.floor(offeredScalar(offer, 'cpus') / flags.task_cpus + 1e-9), Math.floor(offeredScalar(offer, 'mem') / flags.task_mem + 1e-9));
}

async function launchMany(tap: SchedulerTap, master: MesosProcess, agent: MesosProcess): Promise<void> {
  const masterCpuBefore = await cpuSeconds(master.pid);
  const agentCpuBefore = await cpuSeconds(agent.pid);
  const total = flags.tasks;
  let launched = 0;
  let finished = 0;
  let failed = 0;
  let offersUsed = 0;
  let lastFinishedAt = 0;
  let firstAcceptAt: number | undefined;
  let allDone: () => void = () => undefined;
  const done = new Promise<void>((resolve) => { allDone = resolve; });
  const stop = tap.onUpdate((status, at) => {
    if (!status.task_id.value.startsWith('many-') || status.uuid === undefined) return;
    if (status.state === 'TASK_FINISHED') {
      finished++;
      lastFinishedAt = at;
    } else if (TERMINAL_FAILURES.has(status.state)) {
      failed++;
      if (failed <= 3) progress(`task ${status.task_id.value}: ${status.state} ${status.message ?? ''}`);
    } else {
      return;
    }
    if (finished + failed === total) allDone();
  });
  try {
    while (launched < total) {
      for (const offer of await tap.takeOffers()) {
        const count = Math.min(total - launched, tasksThatFit(offer));
        if (count === 0) {
          await tap.client.decline([offer.id], { refuse_seconds: 0 });
          continue;
        }
        const tasks = Array.from({ length: count }, (_, i) => commandTask(`many-${launched + i}`, offer));
        launched += count;
        offersUsed++;
        firstAcceptAt ??= performance.now();
        await tap.client.launch(offer, tasks, { refuse_seconds: 0 });
      }
    }
    progress(`${total} tasks accepted in ${offersUsed} offers; waiting for them to finish`);
    await done;
  } finally {
    stop();
  }
  emitResult({
    bench: 'launch', scenario: `posix-${total}`, tasks: total, finished, failed, offers: offersUsed,
    seconds: round((lastFinishedAt - (firstAcceptAt ?? lastFinishedAt)) / 1000, 2),
    master_cpu_s: round((await cpuSeconds(master.pid)) - masterCpuBefore, 2),
    agent_cpu_s: round((await cpuSeconds(agent.pid)) - agentCpuBefore, 2),
    load_avg_1m: loadAverage1m(),
  });
}

async function launchLatency(tap: SchedulerTap): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < flags.latency_samples; i++) {
    const offers = await tap.takeOffers();
    // Leftovers of earlier launches (memory without cpus, say) cannot hold a task.
    const offer = offers.find((o) => tasksThatFit(o) > 0);
    const unused = offers.filter((o) => o !== offer);
    if (unused.length > 0) await tap.client.decline(unused.map((o) => o.id), { refuse_seconds: 0 });
    if (!offer) {
      i--;
      continue;
    }
    const id = `latency-${i}`;
    const running = new Promise<number>((resolve, reject) => {
      const stop = tap.onUpdate((status, at) => {
        if (status.task_id.value !== id) return;
        if (status.state === 'TASK_RUNNING') resolve(at);
        else if (TERMINAL_FAILURES.has(status.state)) reject(new Error(`${id}: ${status.state} ${status.message ?? ''}`));
        else return;
        stop();
      });
    });
    const acceptAt = performance.now();
    await tap.client.launch(offer, [commandTask(id, offer)], { refuse_seconds: 0 });
    samples.push((await running) - acceptAt);
  }
  emitResult({
    bench: 'launch', scenario: 'posix-latency', samples: samples.length,
    p50_ms: round(percentile(samples, 50)), p99_ms: round(percentile(samples, 99)), max_ms: round(Math.max(...samples)), load_avg_1m: loadAverage1m(),
  });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    progress(`failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
