import type { Verb } from '../verb.ts';

/** `mesos help [verb]`; built from the verb list so a new verb documents itself. */
export function helpVerb(verbs: () => readonly Verb[]): Verb {
  const overview = (): string => {
    const all = verbs();
    const width = Math.max(...all.map((v) => v.name.length));
    return [
      'Usage: mesos <verb> [--flag=value ...]',
      '',
      'Verbs:',
      ...all.map((v) => `  ${v.name.padEnd(width)}  ${v.summary}`),
      '',
      "Run 'mesos help <verb>' or 'mesos <verb> --help' for a verb's flags.",
    ].join('\n');
  };
  return {
    name: 'help',
    summary: 'Show this overview, or one verb\'s help',
    get help() {
      return overview();
    },
    run(argv, io) {
      const wanted = argv.find((a) => !a.startsWith('--'));
      if (wanted === undefined) {
        io.out(overview());
        return Promise.resolve(0);
      }
      const verb = verbs().find((v) => v.name === wanted);
      if (!verb) {
        io.err(`mesos help: unknown verb '${wanted}'`);
        return Promise.resolve(2);
      }
      io.out(verb.help);
      return Promise.resolve(0);
    },
  };
}
