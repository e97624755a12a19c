/**
 * The parts of a Mesos ContainerInfo (type DOCKER) the docker backend acts on, parsed from the
 * wire JSON with every problem reported at once, each naming its field (`container.docker.image`,
 * `container.docker.port_mappings[0].host_port`, ...). Mesos' rules: network unset means HOST;
 * port mappings only with BRIDGE or USER and each host port inside the task's ports; USER needs
 * exactly one named network; no hostname with the host network.
 */
import type { FieldProblem } from '../../lib/errors.ts';
import type { PortRange } from '../containerizer.ts';
import { ValidationError } from '../../lib/errors.ts';

export const DOCKER_NETWORKS = ['HOST', 'BRIDGE', 'NONE', 'USER'] as const;
export type DockerNetwork = (typeof DOCKER_NETWORKS)[number];

export interface PortMapping {
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol: 'tcp' | 'udp';
}

export interface HostVolume {
  readonly containerPath: string;
  /** Absolute host path, or relative to the sandbox. */
  readonly hostPath: string;
  readonly readOnly: boolean;
}

export interface DockerContainerInfo {
  readonly image: string;
  readonly network: DockerNetwork;
  /** The user-defined network's name (network USER). */
  readonly networkName?: string;
  readonly hostname?: string;
  readonly portMappings: readonly PortMapping[];
  readonly privileged: boolean;
  readonly forcePullImage: boolean;
  readonly parameters: readonly { readonly key: string; readonly value: string }[];
  readonly volumes: readonly HostVolume[];
}

export type { PortRange };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Docker wants `name:tag`; Mesos adds `:latest` when the image names no tag or digest. */
export function withDefaultTag(image: string): string {
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  return lastSegment.includes(':') || image.includes('@') ? image : `${image}:latest`;
}

function isPort(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 65535;
}

function parsePortMappings(value: unknown, path: string, problems: FieldProblem[]): PortMapping[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ path, message: 'must be a list' });
    return [];
  }
  const mappings: PortMapping[] = [];
  value.forEach((m: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(m)) return void problems.push({ path: at, message: 'must be an object' });
    const protocol = m['protocol'] ?? 'tcp';
    if (!isPort(m['host_port'])) problems.push({ path: `${at}.host_port`, message: 'must be a port number 1-65535' });
    if (!isPort(m['container_port'])) problems.push({ path: `${at}.container_port`, message: 'must be a port number 1-65535' });
    if (protocol !== 'tcp' && protocol !== 'udp') problems.push({ path: `${at}.protocol`, message: "must be 'tcp' or 'udp'" });
    if (isPort(m['host_port']) && isPort(m['container_port']) && (protocol === 'tcp' || protocol === 'udp')) {
      mappings.push({ hostPort: m['host_port'], containerPort: m['container_port'], protocol });
    }
  });
  return mappings;
}

function parseParameters(value: unknown, path: string, problems: FieldProblem[]): { key: string; value: string }[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ path, message: 'must be a list' });
    return [];
  }
  const parameters: { key: string; value: string }[] = [];
  value.forEach((p: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(p) || typeof p['key'] !== 'string' || p['key'] === '') return void problems.push({ path: `${at}.key`, message: 'must be a non-empty string' });
    if (typeof p['value'] !== 'string') return void problems.push({ path: `${at}.value`, message: 'must be a string' });
    parameters.push({ key: p['key'], value: p['value'] });
  });
  return parameters;
}

function parseVolumes(value: unknown, path: string, problems: FieldProblem[]): HostVolume[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    problems.push({ path, message: 'must be a list' });
    return [];
  }
  const volumes: HostVolume[] = [];
  value.forEach((v: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isObject(v)) return void problems.push({ path: at, message: 'must be an object' });
    const containerPath = v['container_path'];
    const hostPath = v['host_path'];
    const mode = v['mode'] ?? 'RW';
    if (typeof containerPath !== 'string' || !containerPath.startsWith('/')) problems.push({ path: `${at}.container_path`, message: 'must be an absolute path' });
    if (v['source'] !== undefined && v['source'] !== null) problems.push({ path: `${at}.source`, message: 'only host_path volumes are supported by this agent' });
    else if (typeof hostPath !== 'string' || hostPath === '') problems.push({ path: `${at}.host_path`, message: 'must be a non-empty path' });
    else if (!hostPath.startsWith('/') && hostPath.split('/').includes('..')) problems.push({ path: `${at}.host_path`, message: "a sandbox-relative path may not contain '..'" });
    if (mode !== 'RW' && mode !== 'RO') problems.push({ path: `${at}.mode`, message: "must be 'RW' or 'RO'" });
    if (typeof containerPath === 'string' && containerPath.startsWith('/') && typeof hostPath === 'string' && hostPath !== '' && (mode === 'RW' || mode === 'RO')) {
      volumes.push({ containerPath, hostPath, readOnly: mode === 'RO' });
    }
  });
  return volumes;
}

function inRanges(port: number, ranges: readonly PortRange[]): boolean {
  return ranges.some((r) => port >= r.begin && port <= r.end);
}

/**
 * Parses `container` (a Mesos ContainerInfo). `ports` is the task's ports resource, against which
 * host ports are checked; `defaultImage` stands in when the ContainerInfo names none (tests, and
 * agents configured with a default image).
 */
export function parseDockerContainerInfo(container: unknown, ports: readonly PortRange[] | undefined, defaultImage?: string): DockerContainerInfo {
  const problems: FieldProblem[] = [];
  if (container !== undefined && container !== null && !isObject(container)) throw ValidationError.of('container', 'must be an object');
  const info: Json = isObject(container) ? container : {};
  if (info['type'] !== undefined && info['type'] !== 'DOCKER') problems.push({ path: 'container.type', message: `must be DOCKER for the docker containerizer, not ${JSON.stringify(info['type'])}` });
  const docker: Json = isObject(info['docker']) ? info['docker'] : {};
  if (info['docker'] !== undefined && !isObject(info['docker'])) problems.push({ path: 'container.docker', message: 'must be an object' });

  const image = docker['image'] ?? defaultImage;
  if (typeof image !== 'string' || image.trim() === '') problems.push({ path: 'container.docker.image', message: 'is required' });

  const network = docker['network'] ?? 'HOST';
  if (!(DOCKER_NETWORKS as readonly unknown[]).includes(network)) problems.push({ path: 'container.docker.network', message: `must be one of ${DOCKER_NETWORKS.join(', ')}` });

  const portMappings = parsePortMappings(docker['port_mappings'], 'container.docker.port_mappings', problems);
  const rawMappings = docker['port_mappings'];
  if (Array.isArray(rawMappings) && rawMappings.length > 0 && network !== 'BRIDGE' && network !== 'USER') {
    problems.push({ path: 'container.docker.port_mappings', message: `port mappings need network BRIDGE or USER, not ${String(network)}` });
  }
  portMappings.forEach((m, i) => {
    if (ports === undefined || !inRanges(m.hostPort, ports)) {
      problems.push({ path: `container.docker.port_mappings[${i}].host_port`, message: `${m.hostPort} is not in the task's ports resource` });
    }
  });

  let networkName: string | undefined;
  if (network === 'USER') {
    const infos = Array.isArray(info['network_infos']) ? info['network_infos'] : [];
    const first: unknown = infos[0];
    const name = isObject(first) ? first['name'] : undefined;
    if (infos.length !== 1 || typeof name !== 'string' || name === '') {
      problems.push({ path: 'container.network_infos', message: 'network USER needs exactly one network_info with a name' });
    } else networkName = name;
  }

  const hostname = info['hostname'];
  if (hostname !== undefined && hostname !== null) {
    if (typeof hostname !== 'string' || hostname === '') problems.push({ path: 'container.hostname', message: 'must be a non-empty string' });
    else if (network === 'HOST') problems.push({ path: 'container.hostname', message: 'cannot be set with the HOST network' });
  }
  for (const flag of ['privileged', 'force_pull_image'] as const) {
    if (docker[flag] !== undefined && docker[flag] !== null && typeof docker[flag] !== 'boolean') problems.push({ path: `container.docker.${flag}`, message: 'must be a boolean' });
  }
  const parameters = parseParameters(docker['parameters'], 'container.docker.parameters', problems);
  const volumes = parseVolumes(info['volumes'], 'container.volumes', problems);

  if (problems.length > 0) throw new ValidationError(problems);
  return {
    image: withDefaultTag(image as string),
    network: network as DockerNetwork,
    ...(networkName !== undefined ? { networkName } : {}),
    ...(typeof hostname === 'string' ? { hostname } : {}),
    portMappings,
    privileged: docker['privileged'] === true,
    forcePullImage: docker['force_pull_image'] === true,
    parameters,
    volumes,
  };
}
