/** Flags shared by the listing verbs (`frameworks`, `agents`, `tasks`): where, and raw JSON or a table. */
import type convict from 'convict';
import { loadFlags } from '../lib/flags.ts';
import { checkedMaster, clientEnv, DEFAULT_MASTER } from './master-flag.ts';

export interface ListingOptions {
  readonly master: string;
  readonly json: boolean;
}

interface ListingFlags {
  master: string;
  json: boolean;
}

const schema: convict.Schema<ListingFlags> = {
  master: { doc: 'Master: host:port, http://host:port, zk://host:port,.../path or file://path', format: String, default: DEFAULT_MASTER },
  json: { doc: 'Print the endpoint JSON instead of a table', format: Boolean, default: false },
};

export function parseListingOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ListingOptions {
  const flags = loadFlags(schema, { argv, env: clientEnv(env) });
  return { master: checkedMaster(flags.master), json: flags.json };
}

export const LISTING_OPTIONS_HELP = `Options:
  --master=MASTER      master to ask: host:port, http://host:port, zk://host:port,.../path
                       (the leader ZooKeeper names) or file://PATH holding one of them
                       (default MESOS_MASTER or 127.0.0.1:5050)
  --json               print the endpoint's JSON instead of a table`;
