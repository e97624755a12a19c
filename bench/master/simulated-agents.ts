/**
 * Master throughput with simulated agents: the master runs alone in a child process
 * (`mesos master`), and this process plays N agents (one SUBSCRIBE stream each, answering over
 * real HTTP as SimulatedAgent does) and a few frameworks that accept every offer with small tasks
 * and acknowledge every update. After a warm-up, counters are read over a fixed window:
 *
 *   launches_per_s  RUN_TASK events that reached agents, per second
 *   acks_per_s      status updates acknowledged end to end (the ACKNOWLEDGE relayed back to the agent)
 *   master_rss_mb   VmRSS of the master at the end of the window
 *   master_cpu      master CPU seconds per second of window (1.0 = one core busy)
 *   *_per_cpu_s     the same counts per second of master CPU time: comparable across machine loads
 *   bench_cpu       this process' CPU seconds per second of window
 *
 * With --profile DIR the master runs under `node --cpu-prof` and writes its profile there on exit.
 * Usage: npm run bench:master [-- --agents 1000 --frameworks 4 --window_seconds 10]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseFlags } from '../lib/args.ts';
import { errorSamples } from '../lib/error-samples.ts';
import { CallPool } from '../lib/http.ts';
import { cpuSeconds, rssMb, startMesos } from '../lib/processes.ts';
import type { MesosProcess } from '../lib/processes.ts';
import { emitResult, loadAverage1m, progress, round } from '../lib/report.ts';
import { sleep, withTimeCap } from '../lib/time-cap.ts';
import { difference, newCounters } from './counters.ts';
import type { Counters } from './counters.ts';
import { GreedyFramework } from './greedy-framework.ts';
import { SimulatedAgent } from './simulated-agent.ts';

const flags = parseFlags(process.argv.slice(2), {
  agents: 1000,
  frameworks: 4,
  /** Long enough for the launches queued by the first offers to drain, so the window sees a steady state. */
  warmup_seconds: 15,
  window_seconds: 10,
  allocation_interval: '1secs',
  agent_cpus: 8,
  agent_mem: 8192,
  task_cpus: 0.1,
  task_mem: 32,
  max_per_offer: 20,
  /** Launched-but-not-terminal tasks, over all frameworks (see GreedyFramework). */
  max_in_flight: 4000,
  /** Keep-alive sockets for the agents' calls (the frameworks get a quarter as many). */
  call_sockets: 256,
  subscribe_concurrency: 50,
  profile: '',
  /** Checkout whose bin/mesos.js runs the master; empty = this one. */
  mesos_root: '',
});

async function main(): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'bench-master-'));
  let master: MesosProcess | undefined;
  const agents: SimulatedAgent[] = [];
  const frameworks: GreedyFramework[] = [];
  const pools: CallPool[] = [];
  try {
    const capMs = (flags.warmup_seconds + flags.window_seconds) * 1000 + 180_000;
    await withTimeCap('simulated-agents', capMs, async () => {
      master = await startMesos('master', [
        '--port=0', '--ip=127.0.0.1', `--work_dir=${workDir}`, `--allocation_interval=${flags.allocation_interval}`, '--log_level=warn',
      ], { mesosRoot: flags.mesos_root, nodeArgs: flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(flags.profile)}`] : [] });
      progress(`master pid ${master.pid} at ${master.url}`);
      const counters = newCounters();
      const agentCalls = new CallPool(master.url, flags.call_sockets);
      const frameworkCalls = new CallPool(master.url, Math.max(8, Math.floor(flags.call_sockets / 4)));
      pools.push(agentCalls, frameworkCalls);
      await subscribeAgents(master.url, agentCalls, counters, agents);
      progress(`${agents.length} agents subscribed`);
      for (let i = 0; i < flags.frameworks; i++) {
        const framework = new GreedyFramework({
          masterUrl: master.url, calls: frameworkCalls, counters, name: `bench-${i}`,
          task: {
            cpus: flags.task_cpus, mem: flags.task_mem, maxPerOffer: flags.max_per_offer,
            maxInFlight: Math.max(1, Math.floor(flags.max_in_flight / flags.frameworks)),
          },
        });
        await framework.subscribe();
        frameworks.push(framework);
      }
      progress(`${frameworks.length} frameworks subscribed; warming up for ${flags.warmup_seconds} s`);
      await sleep(flags.warmup_seconds * 1000);
      const before = { ...counters };
      const cpuBefore = await cpuSeconds(master.pid);
      const benchCpuBefore = process.cpuUsage();
      const started = performance.now();
      progress(`measuring for ${flags.window_seconds} s`);
      await sleep(flags.window_seconds * 1000);
      const seconds = (performance.now() - started) / 1000;
      const window: Counters = difference(counters, before);
      const masterCpu = (await cpuSeconds(master.pid)) - cpuBefore;
      const benchCpu = process.cpuUsage(benchCpuBefore);
      const rss = await rssMb(master.pid);
      progress(`window counts: ${JSON.stringify(window)}`);
      for (const sample of errorSamples()) progress(`error: ${sample}`);
      emitResult({
        bench: 'master',
        scenario: 'simulated-agents',
        agents: agents.length,
        frameworks: frameworks.length,
        window_s: round(seconds, 2),
        launches_per_s: Math.round(window.runTasks / seconds),
        acks_per_s: Math.round(window.acksRelayed / seconds),
        updates_per_s: Math.round(window.updatesReceived / seconds),
        call_errors: window.callErrors,
        master_rss_mb: round(rss),
        master_cpu: round(masterCpu / seconds, 2),
        // Per second of master CPU: what one core would do, whatever share of it the master got.
        launches_per_cpu_s: Math.round(window.runTasks / masterCpu),
        acks_per_cpu_s: Math.round(window.acksRelayed / masterCpu),
        // The simulator shares the machine: if it is near a full core, it, not the master, may be the limit.
        bench_cpu: round((benchCpu.user + benchCpu.system) / 1e6 / seconds, 2),
        load_avg_1m: loadAverage1m(),
      });
    });
  } finally {
    for (const framework of frameworks) framework.close();
    for (const agent of agents) agent.close();
    for (const pool of pools) pool.close();
    await master?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Subscribes the agents a batch at a time so the master is not hit by N handshakes at once. */
async function subscribeAgents(masterUrl: string, calls: CallPool, counters: Counters, into: SimulatedAgent[]): Promise<void> {
  const resources = [
    { name: 'cpus', type: 'SCALAR', scalar: { value: flags.agent_cpus } },
    { name: 'mem', type: 'SCALAR', scalar: { value: flags.agent_mem } },
  ];
  for (let start = 0; start < flags.agents; start += flags.subscribe_concurrency) {
    const batch: SimulatedAgent[] = [];
    for (let i = start; i < Math.min(flags.agents, start + flags.subscribe_concurrency); i++) {
      batch.push(new SimulatedAgent({ masterUrl, calls, counters, hostname: `sim-${i}.bench`, resources }));
    }
    // Listed before subscribing, so a failed batch still gets its streams closed.
    into.push(...batch);
    await Promise.all(batch.map((agent) => agent.subscribe()));
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    progress(`failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
