/** ExecutorInfo: the program that runs a framework's tasks on an agent. */
import { bytes, enumOf, field, message, repeated, str } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { CommandInfo } from './command.ts';
import { DurationInfo, Labels } from './common.ts';
import { ContainerInfo } from './container.ts';
import { DiscoveryInfo } from './discovery.ts';
import { ExecutorID, FrameworkID } from './ids.ts';
import { Resource } from './values.ts';

/** DEFAULT is the agent's built-in executor (required for task groups); CUSTOM brings its own command. */
export const ExecutorInfoType = enumOf('mesos.v1.ExecutorInfo.Type', { UNKNOWN: 0, DEFAULT: 1, CUSTOM: 2 } as const);
export type ExecutorInfoType = Infer<typeof ExecutorInfoType>;

export const ExecutorInfo = message('mesos.v1.ExecutorInfo', () => ({
  type: field(15, ExecutorInfoType),
  executor_id: field(1, ExecutorID, { required: true }),
  framework_id: field(8, FrameworkID),
  command: field(7, CommandInfo),
  container: field(11, ContainerInfo),
  resources: repeated(5, Resource),
  name: field(9, str()),
  source: field(10, str(), { deprecated: true }),
  data: field(4, bytes()),
  discovery: field(12, DiscoveryInfo),
  shutdown_grace_period: field(13, DurationInfo),
  labels: field(14, Labels),
}));
export type ExecutorInfo = Infer<typeof ExecutorInfo>;
