/**
 * Which role recovered resources belong to. Offers carry `allocation_info.role`, so a framework
 * in several roles can hand back one merged Resources value; untagged parts (e.g. rebuilt by a
 * client that dropped the field) go to the first role holding something on the agent.
 */
import type { Resources } from '../../lib/resources/index.ts';
import type { AgentState, FrameworkClient, FrameworkState } from './state.ts';

/** `resources` without allocation_info; the very object last offered on this agent maps back for free. */
export function plainOf(agent: AgentState, role: string, resources: Resources): Resources {
  if (resources === agent.cacheAllocated && agent.cacheRole === role && agent.cachePlain) return agent.cachePlain;
  return resources.unallocate();
}

/** The framework's clients (by role) that hold something on `agent`. */
export function heldRoles(agent: AgentState, framework: FrameworkState): Map<string, FrameworkClient> {
  const held = new Map<string, FrameworkClient>();
  for (const [role, client] of framework.clients) if (agent.allocations.has(client)) held.set(role, client);
  return held;
}

/** Splits recovered resources by the role they were allocated to, without allocation_info. */
export function splitByRole(agent: AgentState, held: ReadonlyMap<string, unknown>, resources: Resources): Array<[string, Resources]> {
  if (resources === agent.cacheAllocated && agent.cacheRole !== undefined && held.has(agent.cacheRole)) {
    return [[agent.cacheRole, plainOf(agent, agent.cacheRole, resources)]];
  }
  if (held.size === 1) {
    const [role] = held.keys();
    return [[role as string, resources.unallocate()]];
  }
  const parts: Array<[string, Resources]> = [];
  for (const role of held.keys()) {
    const part = resources.allocatedTo(role);
    if (!part.isEmpty()) parts.push([role, part.unallocate()]);
  }
  const unattributed = resources.allocatedTo(undefined);
  const [firstRole] = held.keys();
  if (!unattributed.isEmpty() && firstRole !== undefined) parts.push([firstRole, unattributed]);
  return parts;
}
