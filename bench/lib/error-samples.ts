/** The first few distinct failures of a run, for the progress log: a bench that only counts errors hides why. */
const samples = new Set<string>();
const LIMIT = 5;

export function sampleError(context: string, detail: string): void {
  if (samples.size < LIMIT) samples.add(`${context}: ${detail.slice(0, 300)}`);
}

export function errorSamples(): string[] {
  return [...samples];
}
