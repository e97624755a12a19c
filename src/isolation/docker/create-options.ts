/**
 * Turns a launch into the Docker Engine API's container-create body, the way Mesos' docker
 * containerizer builds its `docker run` line: name `mesos-<containerId>`, labels that let a
 * restarted agent find its containers, the sandbox mounted at MESOS_SANDBOX, Mesos' cpu and memory
 * mapping, network mode, port bindings, volumes, privileged, and `parameters` (docker run flags by
 * their long name). Pure: no engine is contacted.
 */
import { isAbsolute, join } from 'node:path';
import type Docker from 'dockerode';
import type { FieldProblem } from '../../lib/errors.ts';
import { ValidationError } from '../../lib/errors.ts';
import type { LaunchSpec } from '../containerizer.ts';
import type { KernelLimits } from '../linux/resource-mapping.ts';
import type { DockerContainerInfo } from './container-info.ts';

/** Mesos' --sandbox_directory: where the sandbox appears inside the container. */
export const CONTAINER_SANDBOX = '/mnt/mesos/sandbox';
export const NAME_PREFIX = 'mesos-';
export const LABEL_CONTAINER_ID = 'mesos-ts.container_id';
/** Which agent owns the container (its work dir): orphans are judged only among one agent's containers. */
export const LABEL_SCOPE = 'mesos-ts.scope';
export const LABEL_SANDBOX = 'mesos-ts.sandbox';

export function containerName(containerId: string): string {
  return NAME_PREFIX + containerId;
}

type CreateOptions = Docker.ContainerCreateOptions;
type HostConfig = Docker.HostConfig;

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

function parseSize(value: string): number | undefined {
  const match = /^(\d+)([bkmg]?)$/i.exec(value.trim());
  const unit = SIZE_UNITS[(match?.[2] ?? '').toLowerCase()];
  return match && unit !== undefined ? Number(match[1]) * unit : undefined;
}

/**
 * `parameters` are `docker run` flags; the Engine API spells each differently, so only flags with a
 * known mapping are accepted and anything else is a problem naming the parameter.
 */
function applyParameter(key: string, value: string, body: CreateOptions, host: HostConfig): string | undefined {
  const append = <T>(current: T[] | undefined, ...items: T[]): T[] => [...(current ?? []), ...items];
  switch (key) {
    case 'env': case 'e': body.Env = append(body.Env, value); return undefined;
    case 'label': case 'l': {
      const [k, ...rest] = value.split('=');
      if (!k) return 'must be key=value';
      body.Labels = { ...body.Labels, [k]: rest.join('=') };
      return undefined;
    }
    case 'user': case 'u': body.User = value; return undefined;
    case 'workdir': case 'w': body.WorkingDir = value; return undefined;
    case 'hostname': case 'h': body.Hostname = value; return undefined;
    case 'entrypoint': body.Entrypoint = [value]; return undefined;
    case 'net': case 'network': host.NetworkMode = value; return undefined;
    case 'cap-add': host.CapAdd = append(host.CapAdd, ...list(value)); return undefined;
    case 'cap-drop': host.CapDrop = append(host.CapDrop, ...list(value)); return undefined;
    case 'dns': host.Dns = append(host.Dns, value); return undefined;
    case 'add-host': host.ExtraHosts = append(host.ExtraHosts, value); return undefined;
    case 'security-opt': host.SecurityOpt = append(host.SecurityOpt, value); return undefined;
    case 'volume': case 'v': host.Binds = append(host.Binds, value); return undefined;
    case 'read-only': host.ReadonlyRootfs = value !== 'false'; return undefined;
    case 'init': host.Init = value !== 'false'; return undefined;
    case 'ipc': host.IpcMode = value; return undefined;
    case 'pid': host.PidMode = value; return undefined;
    case 'oom-score-adj': {
      const n = Number(value);
      if (!Number.isInteger(n) || n < -1000 || n > 1000) return 'must be an integer from -1000 to 1000';
      host.OomScoreAdj = n;
      return undefined;
    }
    case 'pids-limit': {
      const n = Number(value);
      if (!Number.isInteger(n)) return 'must be an integer';
      host.PidsLimit = n;
      return undefined;
    }
    case 'shm-size': {
      const bytes = parseSize(value);
      if (bytes === undefined) return "must be a size such as '64m'";
      host.ShmSize = bytes;
      return undefined;
    }
    case 'tmpfs': {
      const [path, ...opts] = value.split(':');
      if (!path?.startsWith('/')) return 'must be an absolute path[:options]';
      host.Tmpfs = { ...host.Tmpfs, [path]: opts.join(':') };
      return undefined;
    }
    case 'ulimit': {
      const match = /^([a-z]+)=(-?\d+)(?::(-?\d+))?$/.exec(value);
      if (!match?.[1]) return 'must be name=soft[:hard]';
      const soft = Number(match[2]);
      host.Ulimits = append(host.Ulimits, { Name: match[1], Soft: soft, Hard: match[3] === undefined ? soft : Number(match[3]) });
      return undefined;
    }
    case 'log-driver': host.LogConfig = { Type: value, Config: host.LogConfig?.Config ?? {} }; return undefined;
    default: return `'${key}' is not a docker run flag this agent can pass`;
  }
}

export interface CreateOptionsInput {
  readonly containerId: string;
  readonly spec: LaunchSpec;
  readonly info: DockerContainerInfo;
  readonly limits: KernelLimits;
  readonly scope: string;
}

function command(spec: LaunchSpec): Pick<CreateOptions, 'Entrypoint' | 'Cmd'> {
  const { shell, value } = spec.command;
  // No value: the image's own entrypoint and CMD run, as in Mesos.
  if (value === '') return {};
  if (shell) return { Entrypoint: ['/bin/sh', '-c'], Cmd: [value] };
  // The Engine API cannot set argv[0], so arguments[0] is dropped and the path stands in for it.
  return { Entrypoint: [value], Cmd: (spec.command.arguments ?? []).slice(1) };
}

function networkMode(info: DockerContainerInfo): string {
  switch (info.network) {
    case 'HOST': return 'host';
    case 'BRIDGE': return 'bridge';
    case 'NONE': return 'none';
    case 'USER': return info.networkName ?? 'bridge';
  }
}

export function buildCreateOptions(input: CreateOptionsInput): CreateOptions {
  const { containerId, spec, info, limits, scope } = input;
  const name = containerName(containerId);
  const binds = [
    `${spec.sandbox}:${CONTAINER_SANDBOX}:rw`,
    ...info.volumes.map((v) => `${isAbsolute(v.hostPath) ? v.hostPath : join(spec.sandbox, v.hostPath)}:${v.containerPath}:${v.readOnly ? 'ro' : 'rw'}`),
  ];
  const portBindings: Record<string, { HostPort: string }[]> = {};
  const exposed: Record<string, object> = {};
  for (const m of info.portMappings) {
    const key = `${m.containerPort}/${m.protocol}`;
    portBindings[key] = [...(portBindings[key] ?? []), { HostPort: String(m.hostPort) }];
    exposed[key] = {};
  }
  const host: HostConfig = {
    Binds: binds,
    NetworkMode: networkMode(info),
    Privileged: info.privileged,
    CpuPeriod: limits.cfsPeriodUs,
    ...(limits.cpuShares !== undefined ? { CpuShares: limits.cpuShares } : {}),
    ...(limits.cfsQuotaUs !== undefined ? { CpuQuota: limits.cfsQuotaUs } : {}),
    ...(limits.memoryLimitBytes !== undefined ? { Memory: limits.memoryLimitBytes } : {}),
    ...(limits.memorySoftLimitBytes !== undefined && limits.memoryLimitBytes !== undefined && limits.memorySoftLimitBytes < limits.memoryLimitBytes
      ? { MemoryReservation: limits.memorySoftLimitBytes } : {}),
    ...(info.portMappings.length > 0 ? { PortBindings: portBindings } : {}),
  };
  const environment = {
    ...spec.command.environment,
    MESOS_SANDBOX: CONTAINER_SANDBOX,
    MESOS_CONTAINER_NAME: name,
  };
  const body: CreateOptions = {
    name,
    Image: info.image,
    Labels: { [LABEL_CONTAINER_ID]: containerId, [LABEL_SCOPE]: scope, [LABEL_SANDBOX]: spec.sandbox },
    Env: Object.entries(environment).map(([k, v]) => `${k}=${v}`),
    WorkingDir: CONTAINER_SANDBOX,
    ...command(spec),
    ...(info.hostname !== undefined ? { Hostname: info.hostname } : {}),
    ...(info.portMappings.length > 0 ? { ExposedPorts: exposed } : {}),
    HostConfig: host,
  };
  const problems: FieldProblem[] = [];
  info.parameters.forEach((p, i) => {
    const problem = applyParameter(p.key, p.value, body, host);
    if (problem !== undefined) problems.push({ path: `container.docker.parameters[${i}]`, message: problem });
  });
  if (problems.length > 0) throw new ValidationError(problems);
  // Parameters may not take over what makes the container ours (name, labels the agent recovers by).
  body.Labels = { ...body.Labels, [LABEL_CONTAINER_ID]: containerId, [LABEL_SCOPE]: scope, [LABEL_SANDBOX]: spec.sandbox };
  return body;
}
