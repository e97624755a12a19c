import type { Verb } from '../verb.ts';

export const localVerb: Verb = {
  name: 'local',
  summary: 'Run a master and N agents in this process (a development cluster)',
  help: `Usage: mesos local [--agents=N] [--port=P] [--work_dir=DIR] [--ip=IP] [master or agent flags]

Starts one master (standalone, no ZooKeeper) and N agents in this process. The master listens on
P (default 5050; 0 picks a free port, and then the agents do too), agents on 5051, 5052...
Any other master or agent flag is passed to the master, the agents, or both, by name
(e.g. --resources=cpus:2;mem:2048, --allocation_interval=100ms).

Ctrl-C or SIGTERM stops the agents (destroying every container and executor they started) and
the master, and leaves no process behind.

Options:
  --agents=N       number of agents (default 1)
  --port=P         master port (default 5050)
  --work_dir=DIR   where master and agents keep state (default a new directory under $TMPDIR)
  --ip=IP          address to listen on (default 127.0.0.1)`,
  async run(argv, io) {
    const { runLocal } = await import('../local/run-local.ts');
    return runLocal(argv, io);
  },
};
