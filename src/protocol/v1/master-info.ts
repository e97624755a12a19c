/** Where things live: addresses, URLs, fault domains, and the master's and agents' self-descriptions. */
import { enumOf, field, int32, message, repeated, str, uint32 } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { Parameter } from './common.ts';
import { AgentID } from './ids.ts';
import { Attribute, Resource } from './values.ts';

export const Address = message('mesos.v1.Address', () => ({
  hostname: field(1, str()),
  ip: field(2, str()),
  port: field(3, int32(), { required: true }),
}));
export type Address = Infer<typeof Address>;

export const URL = message('mesos.v1.URL', () => ({
  scheme: field(1, str(), { required: true }),
  address: field(2, Address, { required: true }),
  path: field(3, str()),
  query: repeated(4, Parameter),
  fragment: field(5, str()),
}));
export type URL = Infer<typeof URL>;

export const DomainRegion = message('mesos.v1.DomainInfo.FaultDomain.RegionInfo', () => ({
  name: field(1, str(), { required: true }),
}));
export type DomainRegion = Infer<typeof DomainRegion>;

export const DomainZone = message('mesos.v1.DomainInfo.FaultDomain.ZoneInfo', () => ({
  name: field(1, str(), { required: true }),
}));
export type DomainZone = Infer<typeof DomainZone>;

export const FaultDomain = message('mesos.v1.DomainInfo.FaultDomain', () => ({
  region: field(1, DomainRegion, { required: true }),
  zone: field(2, DomainZone, { required: true }),
}));
export type FaultDomain = Infer<typeof FaultDomain>;

export const DomainInfo = message('mesos.v1.DomainInfo', () => ({
  fault_domain: field(1, FaultDomain),
}));
export type DomainInfo = Infer<typeof DomainInfo>;

export const MasterCapabilityType = enumOf('mesos.v1.MasterInfo.Capability.Type', {
  UNKNOWN: 0,
  AGENT_UPDATE: 1,
  AGENT_DRAINING: 2,
  QUOTA_V2: 3,
} as const);
export type MasterCapabilityType = Infer<typeof MasterCapabilityType>;

export const MasterCapability = message('mesos.v1.MasterInfo.Capability', () => ({
  type: field(1, MasterCapabilityType),
}));
export type MasterCapability = Infer<typeof MasterCapability>;

export const MasterInfo = message('mesos.v1.MasterInfo', () => ({
  id: field(1, str(), { required: true }),
  /** IPv4 address as a uint32 in network byte order (legacy; `address.ip` is the readable form). */
  ip: field(2, uint32(), { required: true }),
  port: field(3, uint32(), { required: true, default: 5050 }),
  pid: field(4, str()),
  hostname: field(5, str()),
  version: field(6, str()),
  address: field(7, Address),
  domain: field(8, DomainInfo),
  capabilities: repeated(9, MasterCapability),
}));
export type MasterInfo = Infer<typeof MasterInfo>;

export const AgentCapabilityType = enumOf('mesos.v1.AgentInfo.Capability.Type', {
  UNKNOWN: 0,
  MULTI_ROLE: 1,
  HIERARCHICAL_ROLE: 2,
  RESERVATION_REFINEMENT: 3,
  RESOURCE_PROVIDER: 4,
  RESIZE_VOLUME: 5,
  AGENT_OPERATION_FEEDBACK: 6,
  AGENT_DRAINING: 7,
  TASK_RESOURCE_LIMITS: 8,
} as const);
export type AgentCapabilityType = Infer<typeof AgentCapabilityType>;

export const AgentCapability = message('mesos.v1.AgentInfo.Capability', () => ({
  type: field(1, AgentCapabilityType),
}));
export type AgentCapability = Infer<typeof AgentCapability>;

export const AgentInfo = message('mesos.v1.AgentInfo', () => ({
  hostname: field(1, str(), { required: true }),
  port: field(8, int32(), { default: 5051 }),
  resources: repeated(3, Resource),
  attributes: repeated(5, Attribute),
  id: field(6, AgentID),
  domain: field(10, DomainInfo),
}));
export type AgentInfo = Infer<typeof AgentInfo>;
