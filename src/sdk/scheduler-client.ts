/**
 * A v1 scheduler client: one long-lived SUBSCRIBE stream for events, every other call a separate
 * POST carrying the stream's Mesos-Stream-Id (Mesos requires calls on other connections).
 *
 * The event iterator owns the connection. It follows 307s to the leader, remembers the
 * framework id from SUBSCRIBED and re-subscribes with it after a disconnection (with backoff),
 * and treats five missed heartbeats as a disconnection. It ends after an ERROR event (Mesos
 * closes the stream; the framework was removed or failed over elsewhere) or `close()`.
 */
import type { Clock } from '../lib/clock.ts';
import { systemClock } from '../lib/clock.ts';
import { backoffDelay, RECONNECT_BACKOFF } from '../lib/backoff.ts';
import type { BackoffPolicy } from '../lib/backoff.ts';
import { ValidationError } from '../lib/errors.ts';
import type { MasterDetector } from '../lib/zookeeper/detector.ts';
import { RecordIOError } from '../protocol/recordio.ts';
import { MesosApiError } from './api-error.ts';
import { HeartbeatWatchdog } from './heartbeat-watchdog.ts';
import { InterruptibleSleep } from './interruptible-sleep.ts';
import { keepingProcessAlive } from './keep-alive.ts';
import { openStream, sendExpectingSuccess } from './http-transport.ts';
import type { SdkLogger } from './logger.ts';
import { silentLogger } from './logger.ts';
import { masterTargetFor } from './master-target.ts';
import type { MasterTarget } from './master-target.ts';
import { readEventRecords } from './record-stream.ts';
import * as calls from './scheduler-calls.ts';
import type { ReconcileTask, SchedulerCallBody, TaskToLaunch } from './scheduler-calls.ts';
import { parseSchedulerEvent } from './event-parsing.ts';
import type { Filters, FrameworkInfo, IdLike, KillPolicy, Offer, OfferOperation, SchedulerEvent, TaskStatus } from './wire.ts';

const SCHEDULER_PATH = '/api/v1/scheduler';
const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' } as const;
const DEFAULT_HEARTBEAT_SECONDS = 15;

export interface SchedulerClientOptions {
  /**
   * `host:port` or `http://host:port` of any master (307s lead to the leader), `zk://host:port,.../path`
   * to follow the leader through ZooKeeper, or `file://PATH` holding either.
   */
  readonly master: string;
  /** With zk://: how long one subscription attempt waits for a leader to be elected. */
  readonly leaderWaitMs?: number;
  /** With zk://: builds the leader detector (default: a ZooKeeper session of the client's own). */
  readonly detectorFor?: (zkUrl: string) => MasterDetector;
  readonly frameworkInfo: FrameworkInfo;
  readonly suppressedRoles?: readonly string[];
  readonly clock?: Clock;
  readonly logger?: SdkLogger;
  /** Heartbeats that may be missed before the stream is presumed dead; Mesos' library uses 5. */
  readonly maxMissedHeartbeats?: number;
  readonly reconnectBackoff?: BackoffPolicy;
  readonly random?: () => number;
  /**
   * Called when a subscribed stream is lost, before re-subscribing. Outstanding offers are void
   * from then on (the master rescinds them), so frameworks typically forget them here.
   */
  readonly onDisconnected?: (reason: string) => void;
}

export class SchedulerClient {
  private origin: string | undefined;
  private readonly target: MasterTarget;
  private readonly stopFollowingLeader: () => void;
  private frameworkInfo: FrameworkInfo;
  private frameworkIdValue: string | undefined;
  private streamIdValue: string | undefined;
  private closed = false;
  /** Set by a leader change: the next subscription is not a retry of a failure, so it skips the backoff. */
  private leaderMoved = false;
  private iterating = false;
  private abortStream: (() => void) | undefined;
  private readonly clock: Clock;
  private readonly logger: SdkLogger;
  private readonly pause: InterruptibleSleep;

  constructor(private readonly options: SchedulerClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.target = masterTargetFor(options.master, {
      clock: this.clock,
      ...(options.leaderWaitMs === undefined ? {} : { leaderWaitMs: options.leaderWaitMs }),
      ...(options.detectorFor ? { detectorFor: options.detectorFor } : {}),
    });
    this.frameworkInfo = options.frameworkInfo;
    this.frameworkIdValue = options.frameworkInfo.id?.value;
    this.logger = options.logger ?? silentLogger;
    this.pause = new InterruptibleSleep(this.clock);
    this.stopFollowingLeader = this.target.onLeaderChange((leader) => this.leaderChanged(leader));
  }

  /**
   * A new leader means the old stream is dead weight (a demoted master stops sending events):
   * drop it and skip any backoff so the framework re-subscribes, with its id, at once.
   */
  private leaderChanged(leader: string | null): void {
    if (this.closed || leader === null || leader === this.origin) return;
    this.logger.info({ from: this.origin, to: leader }, 'leading master changed; re-subscribing');
    this.leaderMoved = true;
    this.abortStream?.();
    this.pause.interrupt();
  }

  /** Assigned by the master in SUBSCRIBED (or given in frameworkInfo.id for a failover). */
  get frameworkId(): string | undefined {
    return this.frameworkIdValue;
  }

  /** The current stream's Mesos-Stream-Id; undefined while disconnected. */
  get streamId(): string | undefined {
    return this.streamIdValue;
  }

  /** The master currently talked to, after redirects; undefined before a zk:// client finds one. */
  get masterUrl(): string | undefined {
    return this.origin;
  }

  /** Subscribes and yields events until close(), an ERROR event, or a non-retryable refusal. */
  async *events(): AsyncGenerator<SchedulerEvent> {
    if (this.iterating) throw new Error('events() is already being read; a framework has one subscription');
    this.iterating = true;
    let attempt = 0;
    try {
      while (!this.closed) {
        let subscribed = false;
        this.leaderMoved = false;
        try {
          for await (const event of this.subscribeOnce()) {
            if (event.type === 'SUBSCRIBED') {
              attempt = 0;
              subscribed = true;
            }
            yield event;
            if (event.type === 'ERROR') {
              this.close();
              return;
            }
          }
          if (!this.closed) {
            this.logger.warn({ master: this.origin }, 'scheduler stream ended; re-subscribing');
            if (subscribed) this.options.onDisconnected?.('the master closed the stream');
          }
        } catch (err) {
          if (this.closed) return;
          if (subscribed) this.options.onDisconnected?.(err instanceof Error ? err.message : String(err));
          // A refusal or a peer not speaking Mesos' JSON will not get better by retrying.
          if ((err instanceof MesosApiError && !err.retryable) || err instanceof ValidationError || err instanceof RecordIOError) throw err;
          this.logger.warn({ master: this.origin, err: String(err) }, 'scheduler stream failed; re-subscribing');
        }
        if (this.closed) return;
        if (this.leaderMoved) {
          this.leaderMoved = false;
          continue;
        }
        await keepingProcessAlive(this.pause.wait(backoffDelay(this.options.reconnectBackoff ?? RECONNECT_BACKOFF, attempt++, this.options.random)));
      }
    } finally {
      this.iterating = false;
      this.abortStream?.();
    }
  }

  /**
   * Stops the event iterator and any reconnection wait for good, and stops following ZooKeeper.
   * Does not tear the framework down.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abortStream?.();
    this.pause.interrupt();
    this.stopFollowingLeader();
    this.target.close().catch((err: unknown) => this.logger.warn({ err: String(err) }, 'closing the master detector failed'));
  }

  private async *subscribeOnce(): AsyncGenerator<SchedulerEvent> {
    const body = calls.subscribeCall(this.frameworkInfo, this.frameworkIdValue, this.options.suppressedRoles);
    const target = await this.target.origin();
    this.origin = target;
    const response = await openStream(target, {
      method: 'POST', path: SCHEDULER_PATH, body: JSON.stringify(body), headers: JSON_HEADERS, call: 'SUBSCRIBE',
    });
    if (this.closed) {
      // close() came while connecting, when there was no stream to abort yet.
      response.stream.destroy();
      return;
    }
    this.origin = response.origin;
    this.target.answeredBy(response.origin);
    const streamId = response.headers['mesos-stream-id'];
    this.streamIdValue = typeof streamId === 'string' ? streamId : undefined;
    const watchdog = new HeartbeatWatchdog(this.clock, this.options.maxMissedHeartbeats ?? 5, () => {
      this.logger.warn({ master: this.origin }, 'missed heartbeats; treating the stream as lost');
      response.stream.destroy(new Error('missed heartbeats from the master'));
    });
    this.abortStream = () => response.stream.destroy();
    // Mesos sends SUBSCRIBED at once; until it names its interval, assume Mesos' 15 s.
    watchdog.start(DEFAULT_HEARTBEAT_SECONDS);
    try {
      for await (const record of readEventRecords(response.stream)) {
        const event = parseSchedulerEvent(record);
        watchdog.beat();
        if (event.type === 'SUBSCRIBED' && event.subscribed) {
          this.frameworkIdValue = event.subscribed.framework_id.value;
          watchdog.start(event.subscribed.heartbeat_interval_seconds ?? DEFAULT_HEARTBEAT_SECONDS);
        }
        yield event;
      }
    } finally {
      watchdog.stop();
      this.abortStream = undefined;
      this.streamIdValue = undefined;
      response.stream.destroy();
    }
  }


  accept(offerIds: readonly IdLike[], operations: readonly OfferOperation[], filters?: Filters): Promise<void> {
    return this.send(calls.acceptCall(offerIds, operations, filters));
  }

  /** Launches `tasks` on `offer`: ACCEPT with one LAUNCH operation; unused resources are declined. */
  launch(offer: Offer, tasks: readonly TaskToLaunch[], filters?: Filters): Promise<void> {
    return this.accept([offer.id], [calls.launchOperation(offer, tasks)], filters);
  }

  decline(offerIds: readonly IdLike[], filters?: Filters): Promise<void> {
    return this.send(calls.declineCall(offerIds, filters));
  }

  kill(taskId: IdLike, agentId?: IdLike, killPolicy?: KillPolicy): Promise<void> {
    return this.send(calls.killCall(taskId, agentId, killPolicy));
  }

  /** Acknowledges an update if it carried a uuid; resolves false (sending nothing) otherwise. */
  async acknowledge(status: TaskStatus): Promise<boolean> {
    const call = calls.acknowledgeCall(status);
    if (call === undefined) return false;
    await this.send(call);
    return true;
  }

  reconcile(tasks: readonly ReconcileTask[] = []): Promise<void> {
    return this.send(calls.reconcileCall(tasks));
  }

  revive(roles?: readonly string[]): Promise<void> {
    return this.send(calls.reviveCall(roles));
  }

  suppress(roles?: readonly string[]): Promise<void> {
    return this.send(calls.suppressCall(roles));
  }

  /** Removes the framework: its tasks are killed and the stream closes. */
  async teardown(): Promise<void> {
    await this.send(calls.teardownCall());
    this.close();
  }

  message(agentId: IdLike, executorId: IdLike, data: string | Uint8Array): Promise<void> {
    return this.send(calls.messageCall(agentId, executorId, data));
  }

  shutdown(executorId: IdLike, agentId: IdLike): Promise<void> {
    return this.send(calls.shutdownCall(executorId, agentId));
  }

  /** Replaces the framework's info (roles, capabilities...); later re-subscriptions use it too. */
  async updateFramework(frameworkInfo: FrameworkInfo, suppressedRoles?: readonly string[]): Promise<void> {
    await this.send(calls.updateFrameworkCall(frameworkInfo, this.requireFrameworkId('UPDATE_FRAMEWORK'), suppressedRoles));
    this.frameworkInfo = frameworkInfo;
  }

  private async send(call: SchedulerCallBody): Promise<void> {
    const frameworkId = this.requireFrameworkId(call.type);
    const headers: Record<string, string> = { ...JSON_HEADERS };
    if (this.streamIdValue !== undefined) headers['Mesos-Stream-Id'] = this.streamIdValue;
    await sendExpectingSuccess(this.origin ?? await this.target.origin(), {
      method: 'POST', path: SCHEDULER_PATH, body: JSON.stringify(calls.withFrameworkId(call, frameworkId)), headers, call: call.type,
    });
  }

  private requireFrameworkId(call: string): string {
    if (this.frameworkIdValue === undefined) throw new Error(`${call}: not subscribed yet (no framework id); read events() first`);
    return this.frameworkIdValue;
  }
}
