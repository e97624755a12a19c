/** ID wrappers: each is `{value}` on the wire. ContainerID nests through `parent`. */
import { field, message, str } from '../codec/index.ts';
import type { Infer, MessageSchemaOf } from '../codec/index.ts';

const idMessage = (typeName: string) => message(typeName, () => ({ value: field(1, str(), { required: true }) }));

export const FrameworkID = idMessage('mesos.v1.FrameworkID');
export type FrameworkID = Infer<typeof FrameworkID>;
export const OfferID = idMessage('mesos.v1.OfferID');
export type OfferID = Infer<typeof OfferID>;
export const AgentID = idMessage('mesos.v1.AgentID');
export type AgentID = Infer<typeof AgentID>;
export const TaskID = idMessage('mesos.v1.TaskID');
export type TaskID = Infer<typeof TaskID>;
export const ExecutorID = idMessage('mesos.v1.ExecutorID');
export type ExecutorID = Infer<typeof ExecutorID>;
export const ResourceProviderID = idMessage('mesos.v1.ResourceProviderID');
export type ResourceProviderID = Infer<typeof ResourceProviderID>;
export const OperationID = idMessage('mesos.v1.OperationID');
export type OperationID = Infer<typeof OperationID>;

/** Written out because the type refers to itself (nested containers). */
export interface ContainerID {
  value: string;
  parent?: ContainerID;
}
export const ContainerID: MessageSchemaOf<ContainerID> = message('mesos.v1.ContainerID', () => ({
  value: field(1, str(), { required: true }),
  parent: field(2, ContainerID),
}));
