import { AGENT_FLAG_NAMES, loadAgentConfig } from '../../agent/config.ts';
import type { Verb } from '../verb.ts';

export const agentVerb: Verb = {
  name: 'agent',
  summary: 'Run an agent that offers this machine to a master',
  help: `Usage: mesos agent --master=HOST:PORT --work_dir=DIR [--flag=value ...]

Runs an agent until Ctrl-C or SIGTERM. Flags use Mesos' names and may also be given as
MESOS_<FLAG> environment variables (a flag on the command line wins).

Flags: ${AGENT_FLAG_NAMES.map((n) => `--${n}`).join(', ')}`,
  async run(argv, io) {
    const config = loadAgentConfig({ argv, env: io.env });
    // Loaded on demand so client verbs (execute, tasks...) start without the agent's dependencies.
    const { startAgent } = await import('../../agent/main.ts');
    const agent = await startAgent(config, { env: io.env });
    io.out(`Agent listening at ${agent.url}, master ${config.master}`);
    const signal = await io.stopRequested();
    io.err(`Received ${signal}; stopping the agent`);
    await agent.stop();
    return 0;
  },
};
