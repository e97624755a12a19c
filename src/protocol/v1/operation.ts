/** Offer operation feedback: OperationStatus and its states. */
import { enumOf, field, message, repeated, str } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { UUID } from './common.ts';
import { AgentID, OperationID, ResourceProviderID } from './ids.ts';
import { Resource } from './values.ts';

/** Terminal: FINISHED, FAILED, ERROR, DROPPED, GONE_BY_OPERATOR. */
export const OperationState = enumOf('mesos.v1.OperationState', {
  OPERATION_UNSUPPORTED: 0,
  OPERATION_PENDING: 1,
  OPERATION_FINISHED: 2,
  OPERATION_FAILED: 3,
  OPERATION_ERROR: 4,
  OPERATION_DROPPED: 5,
  OPERATION_UNREACHABLE: 6,
  OPERATION_GONE_BY_OPERATOR: 7,
  OPERATION_RECOVERING: 8,
  OPERATION_UNKNOWN: 9,
} as const);
export type OperationState = Infer<typeof OperationState>;

export const OperationStatus = message('mesos.v1.OperationStatus', () => ({
  operation_id: field(1, OperationID),
  state: field(2, OperationState, { required: true }),
  message: field(3, str()),
  converted_resources: repeated(4, Resource),
  uuid: field(5, UUID),
  agent_id: field(6, AgentID),
  resource_provider_id: field(7, ResourceProviderID),
}));
export type OperationStatus = Infer<typeof OperationStatus>;
