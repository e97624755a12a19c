import type { StateFramework } from '../../sdk/index.ts';
import { LISTING_OPTIONS_HELP, parseListingOptions } from '../listing-flags.ts';
import { formatNumber, formatTable } from '../table.ts';
import type { Verb } from '../verb.ts';
import { withOperator } from '../with-operator.ts';

export function frameworksTable(frameworks: readonly StateFramework[]): string {
  return formatTable(
    ['ID', 'NAME', 'ACTIVE', 'TASKS', 'CPUS', 'MEM'],
    frameworks.map((f) => [
      f.id, f.name, f.active ? 'yes' : 'no', String(f.tasks?.length ?? 0),
      formatNumber(f.used_resources?.cpus), formatNumber(f.used_resources?.mem),
    ]),
  );
}

export const frameworksVerb: Verb = {
  name: 'frameworks',
  summary: 'List the frameworks registered with the master',
  help: `Usage: mesos frameworks [--master=HOST:PORT|zk://HOST:PORT,.../PATH] [--json]

Lists active frameworks from /master/frameworks with their task counts and used resources.

${LISTING_OPTIONS_HELP}`,
  async run(argv, io) {
    const options = parseListingOptions(argv, io.env);
    const answer = await withOperator(options.master, (client) => client.frameworks());
    io.out(options.json ? JSON.stringify(answer) : frameworksTable(answer.frameworks ?? []));
    return 0;
  },
};
