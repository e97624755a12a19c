/** FrameworkInfo: who a scheduler is, its roles and capabilities. */
import { bool, double, enumOf, field, mapOf, message, repeated, str } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { Labels } from './common.ts';
import { FrameworkID } from './ids.ts';
import { ResourceQuantities } from './values.ts';

export const FrameworkCapabilityType = enumOf('mesos.v1.FrameworkInfo.Capability.Type', {
  UNKNOWN: 0,
  REVOCABLE_RESOURCES: 1,
  TASK_KILLING_STATE: 2,
  GPU_RESOURCES: 3,
  SHARED_RESOURCES: 4,
  PARTITION_AWARE: 5,
  MULTI_ROLE: 6,
  RESERVATION_REFINEMENT: 7,
  REGION_AWARE: 8,
} as const);
export type FrameworkCapabilityType = Infer<typeof FrameworkCapabilityType>;

/** `type` is optional so an unknown capability from a newer scheduler is dropped, not rejected. */
export const FrameworkCapability = message('mesos.v1.FrameworkInfo.Capability', () => ({
  type: field(1, FrameworkCapabilityType),
}));
export type FrameworkCapability = Infer<typeof FrameworkCapability>;

export const MinAllocatableResources = message('mesos.v1.OfferFilters.MinAllocatableResources', () => ({
  quantities: repeated(1, ResourceQuantities),
}));
export type MinAllocatableResources = Infer<typeof MinAllocatableResources>;

export const OfferFilters = message('mesos.v1.OfferFilters', () => ({
  min_allocatable_resources: field(1, MinAllocatableResources),
}));
export type OfferFilters = Infer<typeof OfferFilters>;

export const FrameworkInfo = message('mesos.v1.FrameworkInfo', () => ({
  user: field(1, str(), { required: true }),
  name: field(2, str(), { required: true }),
  id: field(3, FrameworkID),
  /** Seconds the master keeps a disconnected framework's tasks before tearing it down. */
  failover_timeout: field(4, double(), { default: 0 }),
  checkpoint: field(5, bool(), { default: false }),
  role: field(6, str(), { default: '*', deprecated: true }),
  roles: repeated(12, str()),
  hostname: field(7, str()),
  principal: field(8, str()),
  webui_url: field(9, str()),
  capabilities: repeated(10, FrameworkCapability),
  labels: field(11, Labels),
  offer_filters: mapOf(13, OfferFilters),
}));
export type FrameworkInfo = Infer<typeof FrameworkInfo>;
