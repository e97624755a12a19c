import { readFileSync } from 'node:fs';
import type convict from 'convict';
import { loadFlags } from '../../lib/flags.ts';
import { OperatorClient } from '../../sdk/index.ts';
import { checkedMaster } from '../master-flag.ts';
import type { Verb } from '../verb.ts';

/** The version in package.json: the CLI ships with the rest of the tree, so they agree. */
export function cliVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

const schema: convict.Schema<{ master: string }> = {
  master: { doc: 'Also ask this master for its /version', format: String, default: '' },
};

export const versionVerb: Verb = {
  name: 'version',
  summary: 'Print the version (and a master\'s, with --master)',
  help: `Usage: mesos version [--master=HOST:PORT]

Prints this command's version; with --master also the master's /version.`,
  async run(argv, io) {
    const flags = loadFlags(schema, { argv, env: {} });
    io.out(`mesos-ts ${cliVersion()}`);
    if (flags.master !== '') {
      const info = await new OperatorClient({ master: checkedMaster(flags.master) }).version();
      io.out(`master ${info.version}${info.git_sha ? ` (${info.git_sha})` : ''}`);
    }
    return 0;
  },
};
