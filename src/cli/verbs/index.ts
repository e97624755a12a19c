/** Every verb of `mesos`, in the order `mesos help` lists them. */
import type { Verb } from '../verb.ts';
import { agentVerb } from './agent.ts';
import { agentsVerb } from './agents.ts';
import { executeVerb } from './execute.ts';
import { frameworksVerb } from './frameworks.ts';
import { helpVerb } from './help.ts';
import { localVerb } from './local.ts';
import { masterVerb } from './master.ts';
import { tasksVerb } from './tasks.ts';
import { versionVerb } from './version.ts';

export const verbs: readonly Verb[] = [
  localVerb,
  masterVerb,
  agentVerb,
  executeVerb,
  frameworksVerb,
  agentsVerb,
  tasksVerb,
  versionVerb,
  helpVerb(() => verbs),
];
