/**
 * What an executor learns from the agent through its environment (Mesos' executorEnvironment).
 * The environment is a parameter, never process.env, so executors and tests pass what they have.
 */
import { parseDuration } from '../lib/flags.ts';
import { ValidationError } from '../lib/errors.ts';
import type { FieldProblem } from '../lib/errors.ts';

export interface ExecutorEnvironment {
  /** `ip:port` of the agent (MESOS_AGENT_ENDPOINT). */
  readonly agentEndpoint: string;
  readonly frameworkId: string;
  readonly executorId: string;
  /** Host sandbox path (MESOS_DIRECTORY). */
  readonly directory: string | undefined;
  /** Sandbox as the executor sees it (MESOS_SANDBOX); equals directory outside images. */
  readonly sandbox: string | undefined;
  /** MESOS_CHECKPOINT=1: the agent survives restarts, so reconnect instead of exiting. */
  readonly checkpoint: boolean;
  /** How long to keep reconnecting to a restarting agent (MESOS_RECOVERY_TIMEOUT). */
  readonly recoveryTimeoutMs: number | undefined;
  /** Ceiling of the reconnection backoff (MESOS_SUBSCRIPTION_BACKOFF_MAX). */
  readonly subscriptionBackoffMaxMs: number | undefined;
  readonly shutdownGracePeriodMs: number | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the MESOS_* variables, reporting every missing or malformed one at once. */
export function readExecutorEnvironment(env: Env): ExecutorEnvironment {
  const problems: FieldProblem[] = [];
  const required = (name: string): string => {
    const value = env[name];
    if (value === undefined || value === '') problems.push({ path: name, message: 'is required; the agent sets it for executors' });
    return value ?? '';
  };
  const duration = (name: string): number | undefined => {
    const value = env[name];
    if (value === undefined || value === '') return undefined;
    try {
      return parseDuration(value);
    } catch (err) {
      problems.push({ path: name, message: err instanceof Error ? err.message : String(err) });
      return undefined;
    }
  };
  const result: ExecutorEnvironment = {
    agentEndpoint: required('MESOS_AGENT_ENDPOINT'),
    frameworkId: required('MESOS_FRAMEWORK_ID'),
    executorId: required('MESOS_EXECUTOR_ID'),
    directory: env.MESOS_DIRECTORY,
    sandbox: env.MESOS_SANDBOX ?? env.MESOS_DIRECTORY,
    checkpoint: env.MESOS_CHECKPOINT === '1',
    recoveryTimeoutMs: duration('MESOS_RECOVERY_TIMEOUT'),
    subscriptionBackoffMaxMs: duration('MESOS_SUBSCRIPTION_BACKOFF_MAX'),
    shutdownGracePeriodMs: duration('MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD'),
  };
  if (problems.length > 0) throw new ValidationError(problems);
  return result;
}
