/**
 * Signals for whole process groups. Every container process is started as a group leader, so a
 * negative pid reaches the command and everything it forked (unless they left the group).
 */

/** Sends `signal` to the group; false when no such group exists any more. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
