/**
 * Clock timers are unref'd so a forgotten one never holds a process up. A client that is
 * deliberately waiting (a reconnection backoff, a leader election) is different: the program is
 * blocked on it, and if nothing else is pending Node would exit mid-wait with "unsettled top-level
 * await" instead of reconnecting. This holds the process up exactly as long as `wait` is pending.
 */
export async function keepingProcessAlive<T>(wait: Promise<T>): Promise<T> {
  const hold = setInterval(() => {}, 1 << 30);
  try {
    return await wait;
  } finally {
    clearInterval(hold);
  }
}
