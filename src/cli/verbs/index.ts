/** Every verb of `mesos`, in the order `mesos help` lists them. */
import type { Verb } from '../verb.ts';
import { agentsVerb } from './agents.ts';
import { executeVerb } from './execute.ts';
import { frameworksVerb } from './frameworks.ts';
import { helpVerb } from './help.ts';
import { tasksVerb } from './tasks.ts';
import { versionVerb } from './version.ts';

export const verbs: readonly Verb[] = [
  executeVerb,
  frameworksVerb,
  agentsVerb,
  tasksVerb,
  versionVerb,
  helpVerb(() => verbs),
];
