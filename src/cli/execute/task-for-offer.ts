/**
 * The pure decisions of `mesos execute`: does an offer have room for the task, and what TaskInfo
 * launches it. Resources are carved out of the offer's own resource objects so roles,
 * reservations and allocation_info stay exactly as the master offered them.
 */
import type { Offer, Resource, TaskInfo } from '../../sdk/index.ts';
import type { ExecuteOptions } from './options.ts';

/** Sum of a scalar resource in an offer (all roles together). */
export function scalarTotal(offer: Offer, name: string): number {
  return (offer.resources ?? []).filter((r) => r.name === name && r.type === 'SCALAR').reduce((sum, r) => sum + (r.scalar?.value ?? 0), 0);
}

export function offerFits(offer: Offer, needs: { readonly cpus: number; readonly mem: number }): boolean {
  // Compare in thousandths: Mesos' scalars are fixed-point with three decimals.
  const atLeast = (have: number, want: number): boolean => Math.round(have * 1000) >= Math.round(want * 1000);
  return atLeast(scalarTotal(offer, 'cpus'), needs.cpus) && atLeast(scalarTotal(offer, 'mem'), needs.mem);
}

/** Takes `amount` of `name` from the offer's resources, splitting the last one used. */
function take(offer: Offer, name: string, amount: number): Resource[] {
  const taken: Resource[] = [];
  let left = Math.round(amount * 1000);
  for (const resource of offer.resources ?? []) {
    if (left <= 0) break;
    if (resource.name !== name || resource.type !== 'SCALAR') continue;
    const have = Math.round((resource.scalar?.value ?? 0) * 1000);
    const use = Math.min(have, left);
    if (use <= 0) continue;
    taken.push({ ...resource, scalar: { value: use / 1000 } });
    left -= use;
  }
  return taken;
}

export function taskInfoFor(offer: Offer, options: ExecuteOptions, taskId: string): TaskInfo {
  const variables = Object.entries(options.env).map(([name, value]) => ({ name, value }));
  return {
    name: options.name,
    task_id: { value: taskId },
    agent_id: offer.agent_id,
    resources: [...take(offer, 'cpus', options.cpus), ...take(offer, 'mem', options.mem)],
    command: {
      value: options.command,
      shell: true,
      ...(variables.length ? { environment: { variables } } : {}),
    },
    ...(options.dockerImage
      ? { container: { type: 'DOCKER', docker: { image: options.dockerImage, network: 'HOST' } } }
      : {}),
  };
}
