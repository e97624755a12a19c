/**
 * A reconnection wait that close() can cut short, so a closed client never lingers in a backoff
 * delay (minutes, at the top of the schedule) before noticing it should stop.
 */
import type { Clock, TimerHandle } from '../lib/clock.ts';

export class InterruptibleSleep {
  private wake: (() => void) | undefined;

  constructor(private readonly clock: Clock) {}

  /** Resolves after `ms` on the clock, or at once when interrupt() is called. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: TimerHandle | undefined = undefined;
      this.wake = () => {
        timer?.cancel();
        this.wake = undefined;
        resolve();
      };
      timer = this.clock.setTimer(ms, () => this.wake?.());
    });
  }

  interrupt(): void {
    this.wake?.();
  }
}
