/**
 * The Mesos-TS SDK: clients for the v1 scheduler, executor and operator APIs, speaking Mesos'
 * own JSON so they work against Mesos-TS and Apache Mesos alike.
 *
 * A scheduler that runs one command and leaves:
 *
 * ```ts
 * import { SchedulerClient } from 'mesos-ts/src/sdk/index.ts';
 *
 * const client = new SchedulerClient({ master: '127.0.0.1:5050', frameworkInfo: { user: 'root', name: 'hello' } });
 * for await (const event of client.events()) {
 *   if (event.type === 'OFFERS') {
 *     const [offer, ...rest] = event.offers?.offers ?? [];
 *     if (rest.length) await client.decline(rest.map((o) => o.id));
 *     if (offer) await client.launch(offer, [{ // agent_id defaults to the offer's
 *       name: 'hello', task_id: { value: 'hello-1' },
 *       resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 0.1 } }],
 *       command: { value: 'echo hello' },
 *     }]);
 *   }
 *   if (event.type === 'UPDATE' && event.update) {
 *     await client.acknowledge(event.update.status); // a no-op for updates without uuid
 *     if (event.update.status.state === 'TASK_FINISHED') await client.teardown();
 *   }
 * }
 * ```
 *
 * `master` may also be `zk://host:2181,host2:2181/mesos` (or `file://PATH` holding it): the client
 * then follows ZooKeeper's election and re-subscribes, with its framework id, whenever leadership
 * moves. Call `close()` when done so the ZooKeeper session ends.
 *
 * `events()` re-subscribes by itself after a broken connection or lost heartbeats and follows
 * redirects to the leading master; it ends on `close()`, `teardown()` or an ERROR event, and
 * throws MesosApiError when the master refuses the subscription outright.
 */
export { SchedulerClient } from './scheduler-client.ts';
export type { SchedulerClientOptions } from './scheduler-client.ts';
export { ExecutorClient } from './executor-client.ts';
export type { ExecutorClientOptions, StatusReport } from './executor-client.ts';
export { readExecutorEnvironment } from './executor-environment.ts';
export type { ExecutorEnvironment } from './executor-environment.ts';
export { OperatorClient } from './operator-client.ts';
export type {
  FlatResources, MasterState, OperatorClientOptions, StateAgent, StateFramework, StateTask, TasksQuery, VersionInfo,
} from './operator-client.ts';
export { ConnectionError, MesosApiError } from './api-error.ts';
export { masterOrigin } from './master-address.ts';
export { DEFAULT_LEADER_WAIT_MS, masterTargetFor, resolveMasterAddress } from './master-target.ts';
export type { MasterTarget, MasterTargetOptions } from './master-target.ts';
export type { SdkLogger } from './logger.ts';
export { silentLogger } from './logger.ts';
export * as schedulerCalls from './scheduler-calls.ts';
export type { ReconcileTask, TaskToLaunch } from './scheduler-calls.ts';
export { toId } from './wire.ts';
export type {
  ExecutorEvent, Filters, FrameworkInfo, Id, IdLike, JsonObject, Offer, OfferOperation, Resource, SchedulerEvent, TaskInfo, TaskStatus,
} from './wire.ts';
