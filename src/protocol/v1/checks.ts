/** Health checks and general checks attached to tasks, and the check results in TaskStatus. */
import { bool, double, enumOf, field, int32, message, repeated, str, uint32 } from '../codec/index.ts';
import type { Infer } from '../codec/index.ts';
import { CommandInfo } from './command.ts';
import { NetworkProtocol } from './container.ts';

export const HealthCheckType = enumOf('mesos.v1.HealthCheck.Type', { UNKNOWN: 0, COMMAND: 1, HTTP: 2, TCP: 3 } as const);
export type HealthCheckType = Infer<typeof HealthCheckType>;

export const HealthCheckHTTP = message('mesos.v1.HealthCheck.HTTPCheckInfo', () => ({
  protocol: field(5, NetworkProtocol, { default: 'IPv4' }),
  scheme: field(3, str()),
  port: field(1, uint32(), { required: true }),
  path: field(2, str()),
  statuses: repeated(4, uint32()),
}));
export type HealthCheckHTTP = Infer<typeof HealthCheckHTTP>;

export const HealthCheckTCP = message('mesos.v1.HealthCheck.TCPCheckInfo', () => ({
  protocol: field(2, NetworkProtocol, { default: 'IPv4' }),
  port: field(1, uint32(), { required: true }),
}));
export type HealthCheckTCP = Infer<typeof HealthCheckTCP>;

export const HealthCheck = message('mesos.v1.HealthCheck', () => ({
  delay_seconds: field(2, double(), { default: 15 }),
  interval_seconds: field(3, double(), { default: 10 }),
  timeout_seconds: field(4, double(), { default: 20 }),
  consecutive_failures: field(5, uint32(), { default: 3 }),
  grace_period_seconds: field(6, double(), { default: 10 }),
  type: field(8, HealthCheckType),
  command: field(7, CommandInfo),
  http: field(1, HealthCheckHTTP),
  tcp: field(9, HealthCheckTCP),
}));
export type HealthCheck = Infer<typeof HealthCheck>;

export const CheckType = enumOf('mesos.v1.CheckInfo.Type', { UNKNOWN: 0, COMMAND: 1, HTTP: 2, TCP: 3 } as const);
export type CheckType = Infer<typeof CheckType>;

export const CheckCommand = message('mesos.v1.CheckInfo.Command', () => ({
  command: field(1, CommandInfo, { required: true }),
}));
export type CheckCommand = Infer<typeof CheckCommand>;

export const CheckHttp = message('mesos.v1.CheckInfo.Http', () => ({
  port: field(1, uint32(), { required: true }),
  path: field(2, str()),
}));
export type CheckHttp = Infer<typeof CheckHttp>;

export const CheckTcp = message('mesos.v1.CheckInfo.Tcp', () => ({
  port: field(1, uint32(), { required: true }),
}));
export type CheckTcp = Infer<typeof CheckTcp>;

export const CheckInfo = message('mesos.v1.CheckInfo', () => ({
  type: field(1, CheckType),
  command: field(2, CheckCommand),
  http: field(3, CheckHttp),
  tcp: field(7, CheckTcp),
  delay_seconds: field(4, double(), { default: 15 }),
  interval_seconds: field(5, double(), { default: 10 }),
  timeout_seconds: field(6, double(), { default: 20 }),
}));
export type CheckInfo = Infer<typeof CheckInfo>;

export const CheckStatusInfo = message('mesos.v1.CheckStatusInfo', () => ({
  type: field(1, CheckType),
  command: field(2, message('mesos.v1.CheckStatusInfo.Command', () => ({ exit_code: field(1, int32()) }))),
  http: field(3, message('mesos.v1.CheckStatusInfo.Http', () => ({ status_code: field(1, uint32()) }))),
  tcp: field(4, message('mesos.v1.CheckStatusInfo.Tcp', () => ({ succeeded: field(1, bool()) }))),
}));
export type CheckStatusInfo = Infer<typeof CheckStatusInfo>;
