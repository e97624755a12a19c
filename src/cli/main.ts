/**
 * Entry point of the `mesos` command (bin/mesos.js imports this). The only module of the CLI
 * that touches process: argv, the exit code, the real IO.
 */
import { processIo } from './io.ts';
import { runCli } from './run.ts';
import { verbs } from './verbs/index.ts';

const code = await runCli(process.argv.slice(2), verbs, processIo());
// Exit explicitly: a verb that stopped its servers is done even if a library left a handle open.
process.exit(code);
