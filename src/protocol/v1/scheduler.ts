/**
 * The v1 scheduler API (`POST /api/v1/scheduler`): mesos.v1.scheduler.Call and Event with every
 * sub-message. Each call/event type has one body field named after it.
 */
import { bytes, double, enumOf, field, int32, mapOf, message, repeated, str } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { FrameworkInfo } from './framework.ts';
import { AgentID, ExecutorID, FrameworkID, OfferID, OperationID, ResourceProviderID, TaskID } from './ids.ts';
import { MasterInfo } from './master-info.ts';
import { Filters, InverseOffer, Offer, OfferOperation } from './offer.ts';
import { OperationStatus } from './operation.ts';
import { KillPolicy, TaskStatus } from './task.ts';
import { Resource } from './values.ts';

// --- Offer constraints (SUBSCRIBE / UPDATE_FRAMEWORK) ---------------------------------------

export const PseudoattributeType = enumOf('mesos.v1.scheduler.AttributeConstraint.Selector.PseudoattributeType', {
  UNKNOWN: 0,
  HOSTNAME: 1,
  REGION: 2,
  ZONE: 3,
} as const);
export type PseudoattributeType = Infer<typeof PseudoattributeType>;

export const AttributeSelector = message('mesos.v1.scheduler.AttributeConstraint.Selector', () => ({
  pseudoattribute_type: field(1, PseudoattributeType),
  attribute_name: field(2, str()),
}));
export type AttributeSelector = Infer<typeof AttributeSelector>;

const textPredicate = (typeName: string) => message(typeName, () => ({ value: field(1, str()) }));
const emptyPredicate = (typeName: string) => message(typeName, () => ({}));

export const AttributePredicate = message('mesos.v1.scheduler.AttributeConstraint.Predicate', () => ({
  exists: field(1, emptyPredicate('mesos.v1.scheduler.AttributeConstraint.Predicate.Exists')),
  not_exists: field(2, emptyPredicate('mesos.v1.scheduler.AttributeConstraint.Predicate.NotExists')),
  text_equals: field(3, textPredicate('mesos.v1.scheduler.AttributeConstraint.Predicate.TextEquals')),
  text_not_equals: field(4, textPredicate('mesos.v1.scheduler.AttributeConstraint.Predicate.TextNotEquals')),
  text_matches: field(5, textPredicate('mesos.v1.scheduler.AttributeConstraint.Predicate.TextMatches')),
  text_not_matches: field(6, textPredicate('mesos.v1.scheduler.AttributeConstraint.Predicate.TextNotMatches')),
}));
export type AttributePredicate = Infer<typeof AttributePredicate>;

export const AttributeConstraint = message('mesos.v1.scheduler.AttributeConstraint', () => ({
  selector: field(1, AttributeSelector),
  predicate: field(2, AttributePredicate),
}));
export type AttributeConstraint = Infer<typeof AttributeConstraint>;

export const OfferConstraintGroup = message('mesos.v1.scheduler.OfferConstraints.RoleConstraints.Group', () => ({
  attribute_constraints: repeated(1, AttributeConstraint),
}));
export type OfferConstraintGroup = Infer<typeof OfferConstraintGroup>;

export const RoleConstraints = message('mesos.v1.scheduler.OfferConstraints.RoleConstraints', () => ({
  groups: repeated(1, OfferConstraintGroup),
}));
export type RoleConstraints = Infer<typeof RoleConstraints>;

export const OfferConstraints = message('mesos.v1.scheduler.OfferConstraints', () => ({
  role_constraints: mapOf(1, RoleConstraints),
}));
export type OfferConstraints = Infer<typeof OfferConstraints>;

// --- Call ----------------------------------------------------------------------------------

export const SchedulerCallType = enumOf('mesos.v1.scheduler.Call.Type', {
  UNKNOWN: 0,
  SUBSCRIBE: 1,
  TEARDOWN: 2,
  ACCEPT: 3,
  DECLINE: 4,
  ACCEPT_INVERSE_OFFERS: 13,
  DECLINE_INVERSE_OFFERS: 14,
  REVIVE: 5,
  KILL: 6,
  SHUTDOWN: 7,
  ACKNOWLEDGE: 8,
  ACKNOWLEDGE_OPERATION_STATUS: 15,
  RECONCILE: 9,
  RECONCILE_OPERATIONS: 16,
  MESSAGE: 10,
  REQUEST: 11,
  SUPPRESS: 12,
  UPDATE_FRAMEWORK: 17,
} as const);
export type SchedulerCallType = Infer<typeof SchedulerCallType>;

export const CallSubscribe = message('mesos.v1.scheduler.Call.Subscribe', () => ({
  framework_info: field(1, FrameworkInfo, { required: true }),
  suppressed_roles: repeated(2, str()),
  offer_constraints: field(3, OfferConstraints),
}));
export type CallSubscribe = Infer<typeof CallSubscribe>;

export const CallAccept = message('mesos.v1.scheduler.Call.Accept', () => ({
  offer_ids: repeated(1, OfferID),
  operations: repeated(2, OfferOperation),
  filters: field(3, Filters),
}));
export type CallAccept = Infer<typeof CallAccept>;

export const CallDecline = message('mesos.v1.scheduler.Call.Decline', () => ({
  offer_ids: repeated(1, OfferID),
  filters: field(2, Filters),
}));
export type CallDecline = Infer<typeof CallDecline>;

export const CallAcceptInverseOffers = message('mesos.v1.scheduler.Call.AcceptInverseOffers', () => ({
  inverse_offer_ids: repeated(1, OfferID),
  filters: field(2, Filters),
}));
export type CallAcceptInverseOffers = Infer<typeof CallAcceptInverseOffers>;

export const CallDeclineInverseOffers = message('mesos.v1.scheduler.Call.DeclineInverseOffers', () => ({
  inverse_offer_ids: repeated(1, OfferID),
  filters: field(2, Filters),
}));
export type CallDeclineInverseOffers = Infer<typeof CallDeclineInverseOffers>;

export const CallRevive = message('mesos.v1.scheduler.Call.Revive', () => ({
  roles: repeated(1, str()),
}));
export type CallRevive = Infer<typeof CallRevive>;

export const CallKill = message('mesos.v1.scheduler.Call.Kill', () => ({
  task_id: field(1, TaskID, { required: true }),
  agent_id: field(2, AgentID),
  kill_policy: field(3, KillPolicy),
}));
export type CallKill = Infer<typeof CallKill>;

export const CallShutdown = message('mesos.v1.scheduler.Call.Shutdown', () => ({
  executor_id: field(1, ExecutorID, { required: true }),
  agent_id: field(2, AgentID, { required: true }),
}));
export type CallShutdown = Infer<typeof CallShutdown>;

export const CallAcknowledge = message('mesos.v1.scheduler.Call.Acknowledge', () => ({
  agent_id: field(1, AgentID, { required: true }),
  task_id: field(2, TaskID, { required: true }),
  uuid: field(3, bytes(), { required: true }),
}));
export type CallAcknowledge = Infer<typeof CallAcknowledge>;

export const CallAcknowledgeOperationStatus = message('mesos.v1.scheduler.Call.AcknowledgeOperationStatus', () => ({
  agent_id: field(1, AgentID),
  resource_provider_id: field(2, ResourceProviderID),
  uuid: field(3, bytes(), { required: true }),
  operation_id: field(4, OperationID, { required: true }),
}));
export type CallAcknowledgeOperationStatus = Infer<typeof CallAcknowledgeOperationStatus>;

export const CallReconcileTask = message('mesos.v1.scheduler.Call.Reconcile.Task', () => ({
  task_id: field(1, TaskID, { required: true }),
  agent_id: field(2, AgentID),
}));
export type CallReconcileTask = Infer<typeof CallReconcileTask>;

export const CallReconcile = message('mesos.v1.scheduler.Call.Reconcile', () => ({
  tasks: repeated(1, CallReconcileTask),
}));
export type CallReconcile = Infer<typeof CallReconcile>;

export const CallReconcileOperation = message('mesos.v1.scheduler.Call.ReconcileOperations.Operation', () => ({
  operation_id: field(1, OperationID, { required: true }),
  agent_id: field(2, AgentID),
  resource_provider_id: field(3, ResourceProviderID),
}));
export type CallReconcileOperation = Infer<typeof CallReconcileOperation>;

export const CallReconcileOperations = message('mesos.v1.scheduler.Call.ReconcileOperations', () => ({
  operations: repeated(1, CallReconcileOperation),
}));
export type CallReconcileOperations = Infer<typeof CallReconcileOperations>;

export const CallMessage = message('mesos.v1.scheduler.Call.Message', () => ({
  agent_id: field(1, AgentID, { required: true }),
  executor_id: field(2, ExecutorID, { required: true }),
  data: field(3, bytes(), { required: true }),
}));
export type CallMessage = Infer<typeof CallMessage>;

export const ResourceRequest = message('mesos.v1.Request', () => ({
  agent_id: field(1, AgentID),
  resources: repeated(2, Resource),
}));
export type ResourceRequest = Infer<typeof ResourceRequest>;

export const CallRequest = message('mesos.v1.scheduler.Call.Request', () => ({
  requests: repeated(1, ResourceRequest),
}));
export type CallRequest = Infer<typeof CallRequest>;

export const CallSuppress = message('mesos.v1.scheduler.Call.Suppress', () => ({
  roles: repeated(1, str()),
}));
export type CallSuppress = Infer<typeof CallSuppress>;

export const CallUpdateFramework = message('mesos.v1.scheduler.Call.UpdateFramework', () => ({
  framework_info: field(1, FrameworkInfo, { required: true }),
  suppressed_roles: repeated(2, str()),
  offer_constraints: field(3, OfferConstraints),
}));
export type CallUpdateFramework = Infer<typeof CallUpdateFramework>;

/** `type` is optional on the wire; a missing type is a 400 from validation, not from parsing. */
export const SchedulerCall = message('mesos.v1.scheduler.Call', () => ({
  framework_id: field(1, FrameworkID),
  type: field(2, SchedulerCallType),
  subscribe: field(3, CallSubscribe),
  accept: field(4, CallAccept),
  decline: field(5, CallDecline),
  accept_inverse_offers: field(13, CallAcceptInverseOffers),
  decline_inverse_offers: field(14, CallDeclineInverseOffers),
  revive: field(15, CallRevive),
  kill: field(6, CallKill),
  shutdown: field(7, CallShutdown),
  acknowledge: field(8, CallAcknowledge),
  acknowledge_operation_status: field(17, CallAcknowledgeOperationStatus),
  reconcile: field(9, CallReconcile),
  reconcile_operations: field(18, CallReconcileOperations),
  message: field(10, CallMessage),
  request: field(11, CallRequest),
  suppress: field(16, CallSuppress),
  update_framework: field(19, CallUpdateFramework),
}));
export type SchedulerCall = Infer<typeof SchedulerCall>;

// --- Event ---------------------------------------------------------------------------------

export const SchedulerEventType = enumOf('mesos.v1.scheduler.Event.Type', {
  UNKNOWN: 0,
  SUBSCRIBED: 1,
  OFFERS: 2,
  INVERSE_OFFERS: 9,
  RESCIND: 3,
  RESCIND_INVERSE_OFFER: 10,
  UPDATE: 4,
  UPDATE_OPERATION_STATUS: 11,
  MESSAGE: 5,
  FAILURE: 6,
  ERROR: 7,
  HEARTBEAT: 8,
} as const);
export type SchedulerEventType = Infer<typeof SchedulerEventType>;

export const EventSubscribed = message('mesos.v1.scheduler.Event.Subscribed', () => ({
  framework_id: field(1, FrameworkID, { required: true }),
  heartbeat_interval_seconds: field(2, double()),
  master_info: field(3, MasterInfo),
}));
export type EventSubscribed = Infer<typeof EventSubscribed>;

export const EventOffers = message('mesos.v1.scheduler.Event.Offers', () => ({
  offers: repeated(1, Offer),
}));
export type EventOffers = Infer<typeof EventOffers>;

export const EventInverseOffers = message('mesos.v1.scheduler.Event.InverseOffers', () => ({
  inverse_offers: repeated(1, InverseOffer),
}));
export type EventInverseOffers = Infer<typeof EventInverseOffers>;

export const EventRescind = message('mesos.v1.scheduler.Event.Rescind', () => ({
  offer_id: field(1, OfferID, { required: true }),
}));
export type EventRescind = Infer<typeof EventRescind>;

export const EventRescindInverseOffer = message('mesos.v1.scheduler.Event.RescindInverseOffer', () => ({
  inverse_offer_id: field(1, OfferID, { required: true }),
}));
export type EventRescindInverseOffer = Infer<typeof EventRescindInverseOffer>;

export const EventUpdate = message('mesos.v1.scheduler.Event.Update', () => ({
  status: field(1, TaskStatus, { required: true }),
}));
export type EventUpdate = Infer<typeof EventUpdate>;

export const EventUpdateOperationStatus = message('mesos.v1.scheduler.Event.UpdateOperationStatus', () => ({
  status: field(1, OperationStatus, { required: true }),
}));
export type EventUpdateOperationStatus = Infer<typeof EventUpdateOperationStatus>;

export const EventMessage = message('mesos.v1.scheduler.Event.Message', () => ({
  agent_id: field(1, AgentID, { required: true }),
  executor_id: field(2, ExecutorID, { required: true }),
  data: field(3, bytes(), { required: true }),
}));
export type EventMessage = Infer<typeof EventMessage>;

/** An agent was lost (no executor_id) or an executor exited (with its exit status). */
export const EventFailure = message('mesos.v1.scheduler.Event.Failure', () => ({
  agent_id: field(1, AgentID),
  executor_id: field(2, ExecutorID),
  status: field(3, int32()),
}));
export type EventFailure = Infer<typeof EventFailure>;

export const EventError = message('mesos.v1.scheduler.Event.Error', () => ({
  message: field(1, str(), { required: true }),
}));
export type EventError = Infer<typeof EventError>;

export const SchedulerEvent = message('mesos.v1.scheduler.Event', () => ({
  type: field(1, SchedulerEventType),
  subscribed: field(2, EventSubscribed),
  offers: field(3, EventOffers),
  inverse_offers: field(9, EventInverseOffers),
  rescind: field(4, EventRescind),
  rescind_inverse_offer: field(10, EventRescindInverseOffer),
  update: field(5, EventUpdate),
  update_operation_status: field(11, EventUpdateOperationStatus),
  message: field(6, EventMessage),
  failure: field(7, EventFailure),
  error: field(8, EventError),
}));
export type SchedulerEvent = Infer<typeof SchedulerEvent>;
