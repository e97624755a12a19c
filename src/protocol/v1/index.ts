/** Mesos v1 messages (mesos.proto, scheduler.proto, executor.proto): one schema + type per message. */
export * from './common.ts';
export * from './ids.ts';
export * from './values.ts';
export * from './command.ts';
export * from './container.ts';
export * from './discovery.ts';
export * from './checks.ts';
export * from './task.ts';
export * from './executor-info.ts';
export * from './framework.ts';
export * from './master-info.ts';
export * from './operation.ts';
export * from './offer.ts';
export * from './statistics.ts';
export * from './scheduler.ts';
export * from './executor.ts';
export * from './operator.ts';
