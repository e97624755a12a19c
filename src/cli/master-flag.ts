/**
 * The `--master` flag of the client verbs: `host:port`, `http://host:port`, `zk://host:port,.../path`
 * (follow ZooKeeper's election) or `file://PATH` holding one of those, defaulting to
 * MESOS_MASTER and then the local master, so `mesos tasks` works next to `mesos local`.
 */
import { ConfigError, ValidationError } from '../lib/errors.ts';
import { resolveMasterAddress } from '../sdk/index.ts';

export const DEFAULT_MASTER = '127.0.0.1:5050';

export const masterFlagSchema = {
  master: { doc: 'Master to talk to: host:port, http://host:port, zk://host:port,.../path or file://path', format: String, default: DEFAULT_MASTER },
} as const;

/** The environment client verbs read: only MESOS_MASTER, so executor variables never leak in. */
export function clientEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return { MESOS_MASTER: env.MESOS_MASTER };
}

/**
 * Validates the flag's value up front so a typo is a usage error, not a connection error.
 * Returns an `http://host:port` origin or the `zk://` URL (a `file://` is read here, once).
 */
export function checkedMaster(value: string): string {
  try {
    return resolveMasterAddress(value, 'master');
  } catch (err) {
    if (err instanceof ValidationError) throw new ConfigError('master', err.problems[0]?.message ?? err.message);
    throw err;
  }
}
