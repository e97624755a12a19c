/** ContainerInfo and what it carries: Docker settings, images, volumes, networks, status. */
import { bool, enumOf, field, message, repeated, str, uint32, uint64 } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { Labels, Parameter, Parameters, Secret } from './common.ts';
import { ContainerID } from './ids.ts';

// --- Image ---------------------------------------------------------------------------------

export const ImageType = enumOf('mesos.v1.Image.Type', { APPC: 1, DOCKER: 2 } as const);
export type ImageType = Infer<typeof ImageType>;

export const ImageAppc = message('mesos.v1.Image.Appc', () => ({
  name: field(1, str(), { required: true }),
  id: field(2, str()),
  labels: field(3, Labels),
}));
export type ImageAppc = Infer<typeof ImageAppc>;

export const ImageDocker = message('mesos.v1.Image.Docker', () => ({
  name: field(1, str(), { required: true }),
  config: field(3, Secret),
}));
export type ImageDocker = Infer<typeof ImageDocker>;

export const Image = message('mesos.v1.Image', () => ({
  type: field(1, ImageType, { required: true }),
  appc: field(2, ImageAppc),
  docker: field(3, ImageDocker),
  cached: field(4, bool(), { default: true }),
}));
export type Image = Infer<typeof Image>;

// --- Volume --------------------------------------------------------------------------------

export const VolumeMode = enumOf('mesos.v1.Volume.Mode', { RW: 1, RO: 2 } as const);
export type VolumeMode = Infer<typeof VolumeMode>;

export const VolumeSourceType = enumOf('mesos.v1.Volume.Source.Type', {
  UNKNOWN: 0,
  DOCKER_VOLUME: 1,
  HOST_PATH: 4,
  SANDBOX_PATH: 2,
  SECRET: 3,
  CSI_VOLUME: 5,
} as const);
export type VolumeSourceType = Infer<typeof VolumeSourceType>;

export const DockerVolume = message('mesos.v1.Volume.Source.DockerVolume', () => ({
  driver: field(1, str()),
  name: field(2, str(), { required: true }),
  driver_options: field(3, Parameters),
}));
export type DockerVolume = Infer<typeof DockerVolume>;

export const MountPropagationMode = enumOf('mesos.v1.MountPropagation.Mode', { UNKNOWN: 0, HOST_TO_CONTAINER: 1, BIDIRECTIONAL: 2 } as const);
export type MountPropagationMode = Infer<typeof MountPropagationMode>;

export const MountPropagation = message('mesos.v1.MountPropagation', () => ({
  mode: field(1, MountPropagationMode),
}));
export type MountPropagation = Infer<typeof MountPropagation>;

export const HostPath = message('mesos.v1.Volume.Source.HostPath', () => ({
  path: field(1, str(), { required: true }),
  mount_propagation: field(2, MountPropagation),
}));
export type HostPath = Infer<typeof HostPath>;

export const SandboxPathType = enumOf('mesos.v1.Volume.Source.SandboxPath.Type', { UNKNOWN: 0, SELF: 1, PARENT: 2 } as const);
export type SandboxPathType = Infer<typeof SandboxPathType>;

export const SandboxPath = message('mesos.v1.Volume.Source.SandboxPath', () => ({
  type: field(1, SandboxPathType),
  path: field(2, str(), { required: true }),
}));
export type SandboxPath = Infer<typeof SandboxPath>;

export const VolumeSource = message('mesos.v1.Volume.Source', () => ({
  type: field(1, VolumeSourceType),
  docker_volume: field(2, DockerVolume),
  host_path: field(5, HostPath),
  sandbox_path: field(3, SandboxPath),
  secret: field(4, Secret),
}));
export type VolumeSource = Infer<typeof VolumeSource>;

export const Volume = message('mesos.v1.Volume', () => ({
  mode: field(3, VolumeMode, { required: true }),
  container_path: field(1, str(), { required: true }),
  host_path: field(2, str()),
  image: field(4, Image),
  source: field(5, VolumeSource),
}));
export type Volume = Infer<typeof Volume>;

// --- Networking ----------------------------------------------------------------------------

export const NetworkProtocol = enumOf('mesos.v1.NetworkInfo.Protocol', { IPv4: 1, IPv6: 2 } as const);
export type NetworkProtocol = Infer<typeof NetworkProtocol>;

export const IPAddress = message('mesos.v1.NetworkInfo.IPAddress', () => ({
  protocol: field(1, NetworkProtocol, { default: 'IPv4' }),
  ip_address: field(2, str()),
}));
export type IPAddress = Infer<typeof IPAddress>;

export const NetworkPortMapping = message('mesos.v1.NetworkInfo.PortMapping', () => ({
  host_port: field(1, uint32(), { required: true }),
  container_port: field(2, uint32(), { required: true }),
  protocol: field(3, str()),
}));
export type NetworkPortMapping = Infer<typeof NetworkPortMapping>;

export const NetworkInfo = message('mesos.v1.NetworkInfo', () => ({
  ip_addresses: repeated(5, IPAddress),
  name: field(6, str()),
  groups: repeated(3, str()),
  labels: field(4, Labels),
  port_mappings: repeated(7, NetworkPortMapping),
}));
export type NetworkInfo = Infer<typeof NetworkInfo>;

// --- Docker --------------------------------------------------------------------------------

export const DockerNetwork = enumOf('mesos.v1.ContainerInfo.DockerInfo.Network', { HOST: 1, BRIDGE: 2, NONE: 3, USER: 4 } as const);
export type DockerNetwork = Infer<typeof DockerNetwork>;

export const DockerPortMapping = message('mesos.v1.ContainerInfo.DockerInfo.PortMapping', () => ({
  host_port: field(1, uint32(), { required: true }),
  container_port: field(2, uint32(), { required: true }),
  protocol: field(3, str()),
}));
export type DockerPortMapping = Infer<typeof DockerPortMapping>;

export const DockerInfo = message('mesos.v1.ContainerInfo.DockerInfo', () => ({
  image: field(1, str(), { required: true }),
  network: field(2, DockerNetwork, { default: 'HOST' }),
  port_mappings: repeated(3, DockerPortMapping),
  privileged: field(4, bool(), { default: false }),
  parameters: repeated(5, Parameter),
  force_pull_image: field(6, bool()),
  volume_driver: field(7, str(), { deprecated: true }),
}));
export type DockerInfo = Infer<typeof DockerInfo>;

export const MesosInfo = message('mesos.v1.ContainerInfo.MesosInfo', () => ({
  image: field(1, Image),
}));
export type MesosInfo = Infer<typeof MesosInfo>;

// --- Linux knobs (the commonly used subset) --------------------------------------------------

export const LinuxIpcMode = enumOf('mesos.v1.LinuxInfo.IpcMode', { UNKNOWN: 0, PRIVATE: 1, SHARE_PARENT: 2 } as const);
export type LinuxIpcMode = Infer<typeof LinuxIpcMode>;

export const LinuxInfo = message('mesos.v1.LinuxInfo', () => ({
  share_pid_namespace: field(4, bool()),
  ipc_mode: field(6, LinuxIpcMode),
  shm_size: field(7, uint32()),
}));
export type LinuxInfo = Infer<typeof LinuxInfo>;

export const RLimitType = enumOf('mesos.v1.RLimitInfo.RLimit.Type', {
  UNKNOWN: 0,
  RLMT_AS: 1,
  RLMT_CORE: 2,
  RLMT_CPU: 3,
  RLMT_DATA: 4,
  RLMT_FSIZE: 5,
  RLMT_LOCKS: 6,
  RLMT_MEMLOCK: 7,
  RLMT_MSGQUEUE: 8,
  RLMT_NICE: 9,
  RLMT_NOFILE: 10,
  RLMT_NPROC: 11,
  RLMT_RSS: 12,
  RLMT_RTPRIO: 13,
  RLMT_RTTIME: 14,
  RLMT_SIGPENDING: 15,
  RLMT_STACK: 16,
} as const);
export type RLimitType = Infer<typeof RLimitType>;

export const RLimit = message('mesos.v1.RLimitInfo.RLimit', () => ({
  type: field(1, RLimitType),
  hard: field(2, uint64()),
  soft: field(3, uint64()),
}));
export type RLimit = Infer<typeof RLimit>;

export const RLimitInfo = message('mesos.v1.RLimitInfo', () => ({
  rlimits: repeated(1, RLimit),
}));
export type RLimitInfo = Infer<typeof RLimitInfo>;

export const TTYWindowSize = message('mesos.v1.TTYInfo.WindowSize', () => ({
  rows: field(1, uint32(), { required: true }),
  columns: field(2, uint32(), { required: true }),
}));
export type TTYWindowSize = Infer<typeof TTYWindowSize>;

export const TTYInfo = message('mesos.v1.TTYInfo', () => ({
  window_size: field(1, TTYWindowSize),
}));
export type TTYInfo = Infer<typeof TTYInfo>;

// --- ContainerInfo -------------------------------------------------------------------------

export const ContainerType = enumOf('mesos.v1.ContainerInfo.Type', { DOCKER: 1, MESOS: 2 } as const);
export type ContainerType = Infer<typeof ContainerType>;

export const ContainerInfo = message('mesos.v1.ContainerInfo', () => ({
  type: field(1, ContainerType, { required: true }),
  volumes: repeated(2, Volume),
  hostname: field(4, str()),
  docker: field(3, DockerInfo),
  mesos: field(5, MesosInfo),
  network_infos: repeated(7, NetworkInfo),
  linux_info: field(8, LinuxInfo),
  rlimit_info: field(9, RLimitInfo),
  tty_info: field(10, TTYInfo),
}));
export type ContainerInfo = Infer<typeof ContainerInfo>;

// --- Status --------------------------------------------------------------------------------

export const CgroupNetCls = message('mesos.v1.CgroupInfo.NetCls', () => ({
  classid: field(1, uint32()),
}));
export type CgroupNetCls = Infer<typeof CgroupNetCls>;

export const CgroupInfo = message('mesos.v1.CgroupInfo', () => ({
  net_cls: field(1, CgroupNetCls),
}));
export type CgroupInfo = Infer<typeof CgroupInfo>;

export const ContainerStatus = message('mesos.v1.ContainerStatus', () => ({
  container_id: field(4, ContainerID),
  network_infos: repeated(1, NetworkInfo),
  cgroup_info: field(2, CgroupInfo),
  executor_pid: field(3, uint32()),
}));
export type ContainerStatus = Infer<typeof ContainerStatus>;
