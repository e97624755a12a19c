/**
 * Which role recovered resources belong to. Offers carry `allocation_info.role`, so a framework
 * in several roles can hand back one merged Resources value; untagged parts (e.g. rebuilt by a
 * client that dropped the field) go to the first role holding something on the agent.
 */
import type { Resources } from '../../lib/resources/index.ts';
import type { AgentState, FrameworkClient, FrameworkState } from './state.ts';

/**
 * `resources` without allocation_info. What comes back is most often the agent's last offer, as
 * the same object or re-parsed from the wire: an equality check against it (~1 us) is far cheaper
 * than re-keying every entry of a freshly parsed value.
 */
export function plainOf(agent: AgentState, role: string, resources: Resources): Resources {
  const last = agent.cacheAllocated;
  if (last && agent.cachePlain && agent.cacheRole === role && (resources === last || resources.equals(last))) return agent.cachePlain;
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
