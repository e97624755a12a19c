/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions and files with the most
 * self time, so a bench run can name its hot spots without opening DevTools.
 * Usage: node --import tsx bench/lib/profile-summary.ts <file.cpuprofile> [top=25]
 */
import { readFile } from 'node:fs/promises';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface HotSpot {
  readonly name: string;
  readonly ms: number;
  readonly percent: number;
}

/**
 * Self time per function (`name file:line`) and per file, and inclusive time (self plus callees)
 * of our own functions (under src/), largest first. Recursion counts a function once per stack.
 */
export function summarise(profile: CpuProfile): { total_ms: number; functions: HotSpot[]; files: HotSpot[]; inclusive: HotSpot[] } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    total += us;
    const file = shortFile(frame.url);
    const name = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    files.set(file, (files.get(file) ?? 0) + us);
  }
  const inclusive = new Map<string, number>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  for (const [id, us] of selfUs) {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (!frame || !frame.url.includes('/src/')) continue;
      const name = `${frame.functionName || '(anonymous)'} ${shortFile(frame.url)}`;
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
  const rank = (map: Map<string, number>): HotSpot[] =>
    [...map].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ms: Math.round(us / 1000), percent: Math.round((1000 * us) / total) / 10 }));
  return { total_ms: Math.round(total / 1000), functions: rank(functions), files: rank(files), inclusive: rank(inclusive) };
}

function shortFile(url: string): string {
  if (url === '') return '(native)';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('node_modules/');
  if (modules !== -1) return path.slice(modules + 'node_modules/'.length);
  const src = path.indexOf('/src/');
  return src !== -1 ? path.slice(src + 1) : path;
}

async function main(): Promise<void> {
  const [file, topText] = process.argv.slice(2);
  if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
  const top = Number(topText ?? 25);
  const summary = summarise(JSON.parse(await readFile(file, 'utf8')) as CpuProfile);
  process.stdout.write(`total ${summary.total_ms} ms sampled\n\nself time by function:\n`);
  for (const spot of summary.functions.slice(0, top)) process.stdout.write(`${String(spot.ms).padStart(7)} ms ${String(spot.percent).padStart(5)}%  ${spot.name}\n`);
  process.stdout.write('\nself time by file:\n');
  for (const spot of summary.files.slice(0, top)) process.stdout.write(`${String(spot.ms).padStart(7)} ms ${String(spot.percent).padStart(5)}%  ${spot.name}\n`);
  process.stdout.write('\ninclusive time of src/ functions:\n');
  for (const spot of summary.inclusive.slice(0, top)) process.stdout.write(`${String(spot.ms).padStart(7)} ms ${String(spot.percent).padStart(5)}%  ${spot.name}\n`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
