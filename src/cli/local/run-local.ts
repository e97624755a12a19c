/**
 * `mesos local`: one master and N agents in this process, stopped together on SIGINT/SIGTERM.
 * Loaded only when the verb runs, so other verbs start without the master and agent code.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAgentConfig } from '../../agent/config.ts';
import { startAgent } from '../../agent/main.ts';
import type { AgentHandle } from '../../agent/main.ts';
import { loadMasterConfig } from '../../master/config.ts';
import { startMaster } from '../../master/main.ts';
import type { MasterHandle } from '../../master/main.ts';
import type { CliIo } from '../io.ts';
import { agentPort, planLocal } from './plan.ts';
import type { LocalPlan } from './plan.ts';
import { reapDescendants } from '../process-reaper.ts';

/** How long start-up waits for every agent to register before saying the cluster is up anyway. */
const AGENT_REGISTRATION_WAIT_MS = 15_000;

export async function runLocal(argv: readonly string[], io: CliIo): Promise<number> {
  const plan = planLocal(argv);
  // Listen from the start: a SIGTERM during start-up must still stop what was started.
  const stopping = io.stopRequested();
  const workDir = plan.workDir ?? (await mkdtemp(join(tmpdir(), 'mesos-local-')));
  // Validate every config before starting anything, so a bad flag leaves nothing half-running.
  const masterConfig = loadMasterConfig({
    argv: [...plan.masterArgv, `--port=${plan.port}`, `--ip=${plan.ip}`, `--work_dir=${join(workDir, 'master')}`],
    env: io.env,
  });
  const agentConfigAt = (index: number, masterAddress: string) =>
    loadAgentConfig({
      argv: [...plan.agentArgv, `--master=${masterAddress}`, `--port=${agentPort(plan, index)}`, `--ip=${plan.ip}`, `--work_dir=${join(workDir, `agent-${index}`)}`],
      env: io.env,
    });
  agentConfigAt(0, `127.0.0.1:${plan.port || 5050}`);

  const master = await startMaster(masterConfig);
  const agents: AgentHandle[] = [];
  try {
    const masterAddress = `${plan.ip === '0.0.0.0' ? '127.0.0.1' : plan.ip}:${master.port}`;
    for (let i = 0; i < plan.agents; i++) agents.push(await startAgent(agentConfigAt(i, masterAddress), { env: io.env }));
    await waitForAgents(agents);
    announce(io, plan, master, agents, workDir);
    const signal = await stopping;
    io.err(`Received ${signal}; stopping ${agents.length} agent(s) and the master`);
  } finally {
    await stopAll(master, agents, io);
  }
  return 0;
}

async function waitForAgents(agents: readonly AgentHandle[]): Promise<void> {
  const deadline = Date.now() + AGENT_REGISTRATION_WAIT_MS;
  while (Date.now() < deadline && !agents.every((a) => a.connected())) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function announce(io: CliIo, plan: LocalPlan, master: MasterHandle, agents: readonly AgentHandle[], workDir: string): void {
  const registered = agents.filter((a) => a.connected()).length;
  io.out(`Mesos-TS local cluster: master at ${master.url} (web UI and API)`);
  for (const agent of agents) io.out(`  agent ${agent.agentId() || '(registering)'} at ${agent.url}`);
  io.out(`  ${registered}/${plan.agents} agents registered; work dir ${workDir}`);
  io.out(`Try: mesos execute --master=${new URL(master.url).host} --name=hello --command='echo hello'`);
}

async function stopAll(master: MasterHandle, agents: readonly AgentHandle[], io: CliIo): Promise<void> {
  const results = await Promise.allSettled(agents.map((a) => a.stop()));
  for (const result of results) if (result.status === 'rejected') io.err(`An agent failed to stop cleanly: ${String(result.reason)}`);
  await master.stop().catch((err: unknown) => io.err(`The master failed to stop cleanly: ${String(err)}`));
  const leftovers = reapDescendants();
  if (leftovers.length > 0) io.err(`Killed ${leftovers.length} leftover process(es): ${leftovers.join(', ')}`);
}
