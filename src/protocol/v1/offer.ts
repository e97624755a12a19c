/** Offers, the operations a framework applies to them, inverse offers and decline filters. */
import { double, enumOf, field, message, repeated, str } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { Unavailability } from './common.ts';
import { ExecutorInfo } from './executor-info.ts';
import { AgentID, ExecutorID, FrameworkID, OfferID, OperationID } from './ids.ts';
import { DomainInfo, URL } from './master-info.ts';
import { TaskGroupInfo, TaskInfo } from './task.ts';
import { AllocationInfo, Attribute, DiskSourceType, Resource, ValueScalar } from './values.ts';

export const Offer = message('mesos.v1.Offer', () => ({
  id: field(1, OfferID, { required: true }),
  framework_id: field(2, FrameworkID, { required: true }),
  agent_id: field(3, AgentID, { required: true }),
  hostname: field(4, str(), { required: true }),
  url: field(8, URL),
  domain: field(11, DomainInfo),
  resources: repeated(5, Resource),
  attributes: repeated(7, Attribute),
  executor_ids: repeated(6, ExecutorID),
  unavailability: field(9, Unavailability),
  allocation_info: field(10, AllocationInfo),
}));
export type Offer = Infer<typeof Offer>;

export const OfferOperationType = enumOf('mesos.v1.Offer.Operation.Type', {
  UNKNOWN: 0,
  LAUNCH: 1,
  LAUNCH_GROUP: 6,
  RESERVE: 2,
  UNRESERVE: 3,
  CREATE: 4,
  DESTROY: 5,
  GROW_VOLUME: 11,
  SHRINK_VOLUME: 12,
  CREATE_DISK: 13,
  DESTROY_DISK: 14,
} as const);
export type OfferOperationType = Infer<typeof OfferOperationType>;

export const OperationLaunch = message('mesos.v1.Offer.Operation.Launch', () => ({
  task_infos: repeated(1, TaskInfo),
}));
export type OperationLaunch = Infer<typeof OperationLaunch>;

export const OperationLaunchGroup = message('mesos.v1.Offer.Operation.LaunchGroup', () => ({
  executor: field(1, ExecutorInfo, { required: true }),
  task_group: field(2, TaskGroupInfo, { required: true }),
}));
export type OperationLaunchGroup = Infer<typeof OperationLaunchGroup>;

export const OperationReserve = message('mesos.v1.Offer.Operation.Reserve', () => ({
  source: repeated(2, Resource),
  resources: repeated(1, Resource),
}));
export type OperationReserve = Infer<typeof OperationReserve>;

export const OperationUnreserve = message('mesos.v1.Offer.Operation.Unreserve', () => ({
  resources: repeated(1, Resource),
}));
export type OperationUnreserve = Infer<typeof OperationUnreserve>;

export const OperationCreate = message('mesos.v1.Offer.Operation.Create', () => ({
  volumes: repeated(1, Resource),
}));
export type OperationCreate = Infer<typeof OperationCreate>;

export const OperationDestroy = message('mesos.v1.Offer.Operation.Destroy', () => ({
  volumes: repeated(1, Resource),
}));
export type OperationDestroy = Infer<typeof OperationDestroy>;

export const OperationGrowVolume = message('mesos.v1.Offer.Operation.GrowVolume', () => ({
  volume: field(1, Resource, { required: true }),
  addition: field(2, Resource, { required: true }),
}));
export type OperationGrowVolume = Infer<typeof OperationGrowVolume>;

export const OperationShrinkVolume = message('mesos.v1.Offer.Operation.ShrinkVolume', () => ({
  volume: field(1, Resource, { required: true }),
  subtract: field(2, ValueScalar, { required: true }),
}));
export type OperationShrinkVolume = Infer<typeof OperationShrinkVolume>;

export const OperationCreateDisk = message('mesos.v1.Offer.Operation.CreateDisk', () => ({
  source: field(1, Resource, { required: true }),
  target_type: field(2, DiskSourceType, { required: true }),
  target_profile: field(3, str()),
}));
export type OperationCreateDisk = Infer<typeof OperationCreateDisk>;

export const OperationDestroyDisk = message('mesos.v1.Offer.Operation.DestroyDisk', () => ({
  source: field(1, Resource, { required: true }),
}));
export type OperationDestroyDisk = Infer<typeof OperationDestroyDisk>;

export const OfferOperation = message('mesos.v1.Offer.Operation', () => ({
  type: field(1, OfferOperationType),
  /** Set by frameworks that want UPDATE_OPERATION_STATUS feedback. */
  id: field(12, OperationID),
  launch: field(2, OperationLaunch),
  launch_group: field(7, OperationLaunchGroup),
  reserve: field(3, OperationReserve),
  unreserve: field(4, OperationUnreserve),
  create: field(5, OperationCreate),
  destroy: field(6, OperationDestroy),
  grow_volume: field(13, OperationGrowVolume),
  shrink_volume: field(14, OperationShrinkVolume),
  create_disk: field(15, OperationCreateDisk),
  destroy_disk: field(16, OperationDestroyDisk),
}));
export type OfferOperation = Infer<typeof OfferOperation>;

export const InverseOffer = message('mesos.v1.InverseOffer', () => ({
  id: field(1, OfferID, { required: true }),
  url: field(2, URL),
  framework_id: field(3, FrameworkID, { required: true }),
  agent_id: field(4, AgentID),
  unavailability: field(5, Unavailability, { required: true }),
  resources: repeated(6, Resource),
}));
export type InverseOffer = Infer<typeof InverseOffer>;

/** Sent with DECLINE/ACCEPT: how long the declined resources stay away from this framework. */
export const Filters = message('mesos.v1.Filters', () => ({
  refuse_seconds: field(1, double(), { default: 5 }),
}));
export type Filters = Infer<typeof Filters>;
