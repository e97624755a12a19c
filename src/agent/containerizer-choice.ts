/**
 * Which backend runs an executor's container, from its ContainerInfo and `--containerizers`.
 * As in Mesos, the first backend in the flag's order that accepts the container wins: docker
 * accepts only DOCKER containers, linux and posix only MESOS ones or none (so with
 * `docker,linux,posix`, a MESOS task goes to linux). Pure.
 */
import type { Containerizer } from '../isolation/containerizer.ts';

export type ContainerizerChoice =
  | { readonly ok: true; readonly containerizer: Containerizer }
  | { readonly ok: false; readonly message: string };

export function containerType(containerInfo: unknown): string | undefined {
  if (typeof containerInfo !== 'object' || containerInfo === null) return undefined;
  const type = (containerInfo as Record<string, unknown>)['type'];
  return typeof type === 'string' ? type : undefined;
}

export function chooseContainerizer(containerizers: readonly Containerizer[], containerInfo: unknown): ContainerizerChoice {
  const type = containerType(containerInfo);
  const byName = (name: string): Containerizer | undefined => containerizers.find((c) => c.name === name);
  if (type === 'DOCKER') {
    const docker = byName('docker');
    if (docker) return { ok: true, containerizer: docker };
    return { ok: false, message: "ContainerInfo.type is DOCKER but this agent's --containerizers does not include 'docker'" };
  }
  // Backends this build does not know are trusted with native containers, as posix would be.
  const native = containerizers.find((c) => c.name !== 'docker');
  if (native) return { ok: true, containerizer: native };
  return { ok: false, message: `ContainerInfo.type ${type ?? '(unset)'} needs a 'linux' or 'posix' backend; --containerizers lists only ${containerizers.map((c) => `'${c.name}'`).join(', ') || 'none'}` };
}
