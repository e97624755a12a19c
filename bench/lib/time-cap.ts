/**
 * Benchmarks must end by themselves: every scenario runs under a cap, and a scenario that hits it
 * fails with its name instead of hanging the run.
 */
export async function withTimeCap<T>(name: string, capMs: number, work: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const cap = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`scenario ${name} hit its ${capMs} ms time cap`)), capMs);
  });
  try {
    return await Promise.race([work(), cap]);
  } finally {
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
