/**
 * Notices a stream that went silent. Mesos sends HEARTBEAT every `heartbeat_interval_seconds`;
 * a TCP connection through a dead NAT or a hung master never errors, so clients count missed
 * beats and treat ~5 as a disconnection (what the reference scheduler library does).
 */
import type { Clock, TimerHandle } from '../lib/clock.ts';

export class HeartbeatWatchdog {
  private timer: TimerHandle | undefined;
  private intervalMs: number | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly maxMissed: number,
    private readonly onSilence: () => void,
  ) {}

  /** Starts (or restarts) watching with the interval the server announced. */
  start(intervalSeconds: number): void {
    this.intervalMs = intervalSeconds * 1000;
    this.beat();
  }

  /** Anything that arrived on the stream counts as a sign of life. */
  beat(): void {
    if (this.intervalMs === undefined) return;
    this.timer?.cancel();
    this.timer = this.clock.setTimer(this.intervalMs * this.maxMissed, () => {
      this.timer = undefined;
      this.onSilence();
    });
  }

  stop(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.intervalMs = undefined;
  }
}
