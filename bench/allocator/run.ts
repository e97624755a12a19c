/**
 * The allocator benchmark, shaped like Mesos' HierarchicalAllocator_BENCHMARK_Test.DeclineOffers:
 * agents `cpus:24;mem:4096;disk:4096;ports:[31000-32000]`, all frameworks in role `*`.
 *
 *   full     add the agents (add_agents_ms), then rounds in which every agent is offered; the
 *            frameworks take nothing and everything is recovered without a filter, so each round
 *            re-offers the whole cluster. round_ms = median over the timed rounds.
 *   decline  every framework declines what it got with a 1-day filter; the following rounds each
 *            have to walk past the frameworks that declined an agent. round_ms = median.
 *
 * round_cpu_ms is the median CPU time of the same rounds (user + system, all threads incl. GC):
 * on a shared machine it shows how much of round_ms was waiting for a core.
 * One JSON line per (scenario, size) on stdout; progress on stderr. A warm-up on a small cluster
 * runs first (not reported): V8 compiles the hot path during it, as it would in a long-lived master.
 * Usage: npm run bench:allocator [-- --agents 10000 --frameworks 1000 --rounds 5]
 */
import { FakeClock } from '../../src/lib/clock.ts';
import { Resources } from '../../src/lib/resources/index.ts';
import { HierarchicalAllocator } from '../../src/master/allocator/index.ts';
import type { OfferSet } from '../../src/master/allocator/index.ts';

const AGENT_RESOURCES = 'cpus:24;mem:4096;disk:4096;ports:[31000-32000]';

interface Args {
  agents: number[];
  frameworks: number[];
  rounds: number;
  scenarios: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { agents: [1000, 10000, 50000], frameworks: [100, 1000], rounds: 5, scenarios: ['full', 'decline'] };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) break;
    if (flag === '--agents') args.agents = value.split(',').map(Number);
    else if (flag === '--frameworks') args.frameworks = value.split(',').map(Number);
    else if (flag === '--rounds') args.rounds = Number(value);
    else if (flag === '--scenario') args.scenarios = value.split(',');
    else continue;
    i++;
  }
  for (const n of [...args.agents, ...args.frameworks, args.rounds]) {
    if (!Number.isInteger(n) || n <= 0) throw new Error(`bad numeric argument: ${String(n)}`);
  }
  return args;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

function round1(ms: number): number {
  return Math.round(ms * 10) / 10;
}

interface Delivered {
  frameworkId: string;
  offers: OfferSet;
}

function setUp(agents: number, frameworks: number) {
  const clock = new FakeClock();
  const delivered: Delivered[] = [];
  const allocator = new HierarchicalAllocator({
    clock,
    onOffers: (frameworkId, offers) => delivered.push({ frameworkId, offers }),
  });
  for (let f = 0; f < frameworks; f++) allocator.addFramework(`framework-${f}`, { roles: ['*'] });
  // Each agent brings its own parsed Resources, as registering agents do (parsing is not timed).
  const totals = Array.from({ length: agents }, () => Resources.parse(AGENT_RESOURCES));
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  for (let a = 0; a < agents; a++) allocator.addAgent(`agent-${a}`, { hostname: `host-${a}` }, totals[a] as Resources);
  const addAgentsMs = performance.now() - started;
  const cpuUsed = process.cpuUsage(cpuStarted);
  const addAgentsCpuMs = (cpuUsed.user + cpuUsed.system) / 1000;
  allocator.stop(); // drop the coalesced round the adds asked for; the bench drives rounds itself
  return { clock, allocator, delivered, addAgentsMs, addAgentsCpuMs };
}

function countOffers(delivered: readonly Delivered[]): number {
  let n = 0;
  for (const { offers } of delivered) for (const byAgent of offers.values()) n += byAgent.size;
  return n;
}

/** Hands every offer back; with a refuse time, as a decline with a filter. */
function recoverAll(allocator: HierarchicalAllocator, delivered: Delivered[], refuseSeconds?: number): void {
  for (const { frameworkId, offers } of delivered) {
    for (const byAgent of offers.values()) {
      for (const [agentId, resources] of byAgent) {
        allocator.recoverResources(frameworkId, agentId, resources, refuseSeconds === undefined ? undefined : { refuseSeconds });
      }
    }
  }
  delivered.length = 0;
  allocator.stop();
}

/** Wall time and this process's CPU time (user + system) of one round, in ms. */
function timedRound(allocator: HierarchicalAllocator, cpu: number[]): number {
  const cpuStarted = process.cpuUsage();
  const started = performance.now();
  allocator.runRound();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpuStarted);
  cpu.push((used.user + used.system) / 1000);
  return wall;
}

function runScenario(scenario: string, agents: number, frameworks: number, rounds: number): Record<string, unknown> {
  const { allocator, delivered, addAgentsMs, addAgentsCpuMs } = setUp(agents, frameworks);
  const times: number[] = [];
  const cpu: number[] = [];
  let offers = 0;
  if (scenario === 'full') {
    for (let r = 0; r < rounds; r++) {
      times.push(timedRound(allocator, cpu));
      offers = countOffers(delivered);
      process.stderr.write(`  full ${agents}x${frameworks} round ${r}: ${round1(times[r] as number)} ms (cpu ${round1(cpu[r] as number)} ms), ${offers} offers\n`);
      recoverAll(allocator, delivered);
    }
  } else {
    allocator.runRound();
    for (let r = 0; r < rounds; r++) {
      recoverAll(allocator, delivered, 24 * 60 * 60);
      times.push(timedRound(allocator, cpu));
      offers = countOffers(delivered);
      process.stderr.write(`  decline ${agents}x${frameworks} round ${r}: ${round1(times[r] as number)} ms (cpu ${round1(cpu[r] as number)} ms), ${offers} offers\n`);
    }
  }
  return { bench: 'allocator', scenario, agents, frameworks, round_ms: round1(median(times)), add_agents_ms: round1(addAgentsMs), offers, round_cpu_ms: round1(median(cpu)), add_agents_cpu_ms: round1(addAgentsCpuMs) };
}

const args = parseArgs(process.argv.slice(2));
// Warm the JIT on a small cluster first, so the first measured size is not charged for compiling.
process.stderr.write('warm-up\n');
runScenario('full', 2000, 100, 5);
runScenario('decline', 2000, 100, 5);
for (const scenario of args.scenarios) {
  for (const agents of args.agents) {
    for (const frameworks of args.frameworks) {
      process.stderr.write(`${scenario}: ${agents} agents x ${frameworks} frameworks\n`);
      process.stdout.write(`${JSON.stringify(runScenario(scenario, agents, frameworks, args.rounds))}\n`);
    }
  }
}
