/**
 * The agent's composition root: reads nothing itself but what it is handed (config, env), builds
 * the containerizers, the core, the HTTP server and the master link, and returns a handle.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import { mkdir } from 'node:fs/promises';
import { hostname as osHostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { systemClock, type Clock } from '../lib/clock.ts';
import { ConfigError } from '../lib/errors.ts';
import { createLogger, type Logger } from '../lib/logger.ts';
import { defaultContainerizerRegistry, type ContainerizerRegistry } from '../isolation/registry.ts';
import { Agent } from './agent.ts';
import { MetaWriter } from './checkpoint/meta-writer.ts';
import { recoverUpdateStreams } from './checkpoint/recover-updates.ts';
import { RunCheckpointer } from './checkpoint/run-checkpointer.ts';
import { masterUrl, type AgentConfig } from './config.ts';
import { builtinExecutorCommand } from './executor-launch.ts';
import { createAgentApp } from './http/app.ts';
import { WorkDirLayout } from './layout.ts';
import { MasterLink } from './master-link/master-link.ts';
import { agentResources, type HostFacts } from './resources/detect.ts';
import { readHostFacts } from './resources/host-facts.ts';
import { parseAttributeText, ResourceTextError } from './resources/resource-text.ts';
import { subscribeBody } from './reregistration.ts';
import { startContainerizers } from './start-containerizers.ts';
import { FileUpdateStore } from './status-updates/file-store.ts';
import type { AgentInfoWire, AttributeWire, ResourceWire } from './wire.ts';

export interface StartAgentOptions {
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** The environment executors inherit; the caller passes process.env (nothing else reads it). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly containerizers?: ContainerizerRegistry;
  /** Host facts for resource detection, for tests that want fixed numbers. */
  readonly hostFacts?: HostFacts;
}

export interface AgentHandle {
  /** `http://ip:port` of the agent's HTTP API. */
  readonly url: string;
  readonly port: number;
  /** The id the master gave; '' until the first SUBSCRIBED. */
  agentId(): string;
  /** Whether the master link is subscribed now. */
  connected(): boolean;
  /** Stops the link and the server and destroys every container it started. */
  stop(): Promise<void>;
}

function parseFlagText<T>(flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ResourceTextError) throw new ConfigError(flag, error.message, { cause: error });
    throw error;
  }
}

function definedEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

export async function startAgent(config: AgentConfig, options: StartAgentOptions = {}): Promise<AgentHandle> {
  const logger = options.logger ?? createLogger({ level: config.log_level, name: 'mesos-agent' });
  const clock = options.clock ?? systemClock;
  const master = masterUrl(config.master);
  await mkdir(config.work_dir, { recursive: true });
  const layout = new WorkDirLayout(config.work_dir);
  const meta = new MetaWriter(layout);
  const previousAgentId = await meta.readLatestAgentId();
  const registry = options.containerizers ?? defaultContainerizerRegistry();
  const resources: ResourceWire[] = parseFlagText('resources', () => agentResources(options.hostFacts ?? readHostFacts(config.work_dir), config.resources, config.default_role));
  const attributes: AttributeWire[] = parseFlagText('attributes', () => parseAttributeText(config.attributes));
  const hostname = config.hostname || osHostname();
  // Last of the checks, so a bad flag above does not leave backend helpers running.
  const containerizers = await startContainerizers(registry, config, clock, logger);

  const server = createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.ip, () => resolve());
    });
  } catch (error) {
    await Promise.all(containerizers.map((c) => c.close?.().catch(() => undefined)));
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const endpoint = `${config.ip === '0.0.0.0' ? '127.0.0.1' : config.ip}:${port}`;
  const agentInfo = (): AgentInfoWire => ({
    hostname, port, resources, attributes, ...(agent.agentId() ? { id: { value: agent.agentId() } } : {}),
  });

  const tsxImport = import.meta.resolve('tsx');
  const updateStore = new FileUpdateStore(layout, () => agent.agentId());
  const executorEntry = (name: string): string => fileURLToPath(new URL(`./executor/${name}`, import.meta.url));
  const agent: Agent = new Agent({
    config, clock, logger, layout, checkpoints: new RunCheckpointer(meta, logger),
    updateStore,
    containerizers,
    master: { call: (type, body) => link.call(type, body) }, // Called only after the link starts.
    agentEndpoint: () => endpoint,
    agentInfo,
    baseEnv: definedEnv(options.env ?? {}),
    builtinExecutors: {
      command: builtinExecutorCommand(executorEntry('command-executor.ts'), tsxImport, process.execPath),
      default: builtinExecutorCommand(executorEntry('default-executor.ts'), tsxImport, process.execPath),
    },
  });
  if (previousAgentId) {
    agent.setAgentId(previousAgentId);
    for (const { location, records } of await recoverUpdateStreams(layout, updateStore, previousAgentId)) {
      agent.recoverUpdateStream(location, records);
    }
  }

  const link = new MasterLink({
    masterUrl: master, clock, logger,
    backoffFactorMs: config.registration_backoff_factor,
    maxPingTimeouts: config.max_agent_ping_timeouts,
    subscribeBody: (agentId) => subscribeBody(agent, agentInfo(), resources, agentId),
    onSubscribed: (agentId) => {
      agent.setAgentId(agentId);
      agent.updates.resume();
      logger.info({ agentId }, 'subscribed to the master');
    },
    onEvent: (event) => agent.handleMasterEvent(event),
    onDisconnected: () => agent.updates.pause(),
    onShutdown: () => {
      for (const framework of [...agent.frameworks.keys()]) agent.shutdownFramework(framework);
    },
  }, previousAgentId);

  const app = createAgentApp({
    agent, logger, workDir: config.work_dir,
    state: () => ({ agent, config, hostname, endpoint, resources, attributes, masterHostname: link.masterHostname() }),
  });
  server.on('request', app.callback());
  link.start();

  return {
    url: `http://${endpoint}`,
    port,
    agentId: () => agent.agentId(),
    connected: () => link.connected(),
    async stop() {
      link.stop();
      await agent.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
