import type { StateTask } from '../../sdk/index.ts';
import { LISTING_OPTIONS_HELP, parseListingOptions } from '../listing-flags.ts';
import { formatTable } from '../table.ts';
import type { Verb } from '../verb.ts';
import { withOperator } from '../with-operator.ts';

export function tasksTable(tasks: readonly StateTask[]): string {
  return formatTable(
    ['ID', 'NAME', 'STATE', 'FRAMEWORK', 'AGENT'],
    tasks.map((t) => [t.id, t.name, t.state, t.framework_id, t.slave_id]),
  );
}

export const tasksVerb: Verb = {
  name: 'tasks',
  summary: 'List tasks (active, unreachable and completed)',
  help: `Usage: mesos tasks [--master=HOST:PORT|zk://HOST:PORT,.../PATH] [--json]

Lists tasks from /master/tasks (the newest 100, as Mesos pages them).

${LISTING_OPTIONS_HELP}`,
  async run(argv, io) {
    const options = parseListingOptions(argv, io.env);
    const answer = await withOperator(options.master, (client) => client.tasks());
    io.out(options.json ? JSON.stringify(answer) : tasksTable(answer.tasks ?? []));
    return 0;
  },
};
