/**
 * Flag parsing for the benchmarks: `--name value` or `--name=value`, each flag declared with a
 * default whose type (number or string) decides how the value is read. An unknown flag or a bad
 * number stops the bench with a message naming the flag, before anything is started.
 */
export type FlagDefaults = Record<string, number | string>;

export function parseFlags<T extends FlagDefaults>(argv: readonly string[], defaults: T): T {
  const values: FlagDefaults = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) throw new Error(`unexpected argument ${JSON.stringify(arg)}; flags look like --name value`);
    const eq = arg.indexOf('=');
    const name = (eq === -1 ? arg.slice(2) : arg.slice(2, eq)).replaceAll('-', '_');
    const raw = eq === -1 ? argv[++i] : arg.slice(eq + 1);
    if (!(name in defaults)) throw new Error(`unknown flag --${name}; known: ${Object.keys(defaults).map((k) => `--${k}`).join(', ')}`);
    if (raw === undefined) throw new Error(`--${name} needs a value`);
    if (typeof defaults[name] === 'number') {
      const n = Number(raw);
      if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number, got ${JSON.stringify(raw)}`);
      values[name] = n;
    } else {
      values[name] = raw;
    }
  }
  return values as T;
}
