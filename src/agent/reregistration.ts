/**
 * What the agent tells the master when it (re-)subscribes: its info and resources, and, with an
 * agent id, every framework, executor, task and unacknowledged update it still has, so the master
 * can reconcile instead of declaring the tasks lost.
 */
import type { Agent } from './agent.ts';
import type { AgentInfoWire, ResourceWire } from './wire.ts';

export const AGENT_PROTOCOL_VERSION = '1.11.0';

export function subscribeBody(agent: Agent, agentInfo: AgentInfoWire, resources: readonly ResourceWire[], agentId: string | undefined): Record<string, unknown> {
  const frameworks = [...agent.frameworks.values()];
  const executors = frameworks.flatMap((f) => [...f.executors.values()]);
  const tasks = executors.flatMap((e) => [...e.tasks.values()].map((t) => ({
    name: t.info.name,
    task_id: t.info.task_id,
    framework_id: { value: t.frameworkId },
    executor_id: { value: t.executorId },
    agent_id: { value: agentId ?? '' },
    state: t.state,
    resources: t.info.resources ?? [],
    ...(t.statuses.length > 0 ? { statuses: t.statuses } : {}),
  })));
  return {
    agent_info: { ...agentInfo, ...(agentId ? { id: { value: agentId } } : {}) },
    resources,
    ...(agentId ? { agent_id: { value: agentId } } : {}),
    version: AGENT_PROTOCOL_VERSION,
    ...(agentId && tasks.length > 0 ? { tasks } : {}),
    ...(agentId && executors.length > 0 ? { executors: executors.map((e) => e.info) } : {}),
    ...(agentId && frameworks.length > 0 ? { frameworks: frameworks.map((f) => f.info) } : {}),
    ...(agentId ? { unacknowledged_updates: agent.updates.unacknowledged() } : {}),
  };
}
