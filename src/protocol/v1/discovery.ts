/** DiscoveryInfo: how a task or executor is found by service-discovery tools. */
import { enumOf, field, message, repeated, str, uint32 } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { Labels } from './common.ts';

export const DiscoveryVisibility = enumOf('mesos.v1.DiscoveryInfo.Visibility', { FRAMEWORK: 0, CLUSTER: 1, EXTERNAL: 2 } as const);
export type DiscoveryVisibility = Infer<typeof DiscoveryVisibility>;

export const Port = message('mesos.v1.Port', () => ({
  number: field(1, uint32(), { required: true }),
  name: field(2, str()),
  protocol: field(3, str()),
  visibility: field(4, DiscoveryVisibility),
  labels: field(5, Labels),
}));
export type Port = Infer<typeof Port>;

export const Ports = message('mesos.v1.Ports', () => ({
  ports: repeated(1, Port),
}));
export type Ports = Infer<typeof Ports>;

export const DiscoveryInfo = message('mesos.v1.DiscoveryInfo', () => ({
  visibility: field(1, DiscoveryVisibility, { required: true }),
  name: field(2, str()),
  environment: field(3, str()),
  location: field(4, str()),
  version: field(5, str()),
  ports: field(6, Ports),
  labels: field(7, Labels),
}));
export type DiscoveryInfo = Infer<typeof DiscoveryInfo>;
