import { loadMasterConfig, MASTER_FLAG_NAMES } from '../../master/config.ts';
import type { Verb } from '../verb.ts';

export const masterVerb: Verb = {
  name: 'master',
  summary: 'Run a master',
  help: `Usage: mesos master [--flag=value ...]

Runs a master until Ctrl-C or SIGTERM. Flags use Mesos' names and may also be given as
MESOS_<FLAG> environment variables (a flag on the command line wins).

Flags: ${MASTER_FLAG_NAMES.map((n) => `--${n}`).join(', ')}`,
  async run(argv, io) {
    const config = loadMasterConfig({ argv, env: io.env });
    // Loaded on demand so client verbs (execute, tasks...) start without the master's dependencies.
    const { startMaster } = await import('../../master/main.ts');
    const master = await startMaster(config);
    io.out(`Master ${master.masterId} listening at ${master.url}`);
    const signal = await io.stopRequested();
    io.err(`Received ${signal}; stopping the master`);
    await master.stop();
    return 0;
  },
};
