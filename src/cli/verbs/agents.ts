import type { StateAgent } from '../../sdk/index.ts';
import { LISTING_OPTIONS_HELP, parseListingOptions } from '../listing-flags.ts';
import { formatNumber, formatTable } from '../table.ts';
import type { Verb } from '../verb.ts';
import { withOperator } from '../with-operator.ts';

const usedOf = (used: number | undefined, total: number | undefined): string => `${formatNumber(used ?? 0)}/${formatNumber(total)}`;

export function agentsTable(agents: readonly StateAgent[]): string {
  return formatTable(
    ['ID', 'HOSTNAME', 'PORT', 'ACTIVE', 'CPUS', 'MEM', 'DISK'],
    agents.map((a) => [
      a.id, a.hostname, a.port === undefined ? '-' : String(a.port), a.active === false ? 'no' : 'yes',
      usedOf(a.used_resources?.cpus, a.resources?.cpus), usedOf(a.used_resources?.mem, a.resources?.mem),
      usedOf(a.used_resources?.disk, a.resources?.disk),
    ]),
  );
}

export const agentsVerb: Verb = {
  name: 'agents',
  summary: 'List the agents registered with the master',
  help: `Usage: mesos agents [--master=HOST:PORT|zk://HOST:PORT,.../PATH] [--json]

Lists agents from /master/slaves with used/total cpus, mem (MB) and disk (MB).

${LISTING_OPTIONS_HELP}`,
  async run(argv, io) {
    const options = parseListingOptions(argv, io.env);
    const answer = await withOperator(options.master, (client) => client.agents());
    io.out(options.json ? JSON.stringify(answer) : agentsTable(answer.slaves ?? []));
    return 0;
  },
};
