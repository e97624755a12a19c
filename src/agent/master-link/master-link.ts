/**
 * The agent's connection to the master (docs/protocol.md): one SUBSCRIBE POST whose answer is
 * the RecordIO event stream, other calls as separate POSTs carrying the stream id. A broken or
 * silent stream (no PING for ping interval x max timeouts) is dropped and re-subscribed with a
 * jittered backoff, carrying the agent id and what the agent runs, so the master can reconcile.
 */
import type { Clock, TimerHandle } from '../../lib/clock.ts';
import { backoffDelay, type BackoffPolicy } from '../../lib/backoff.ts';
import type { Logger } from '../../lib/logger.ts';
import { parseMasterEvent, type MasterEvent } from '../parse.ts';
import { readJsonRecords } from '../recordio.ts';
import { HttpPoster } from './http-post.ts';

export interface MasterLinkDeps {
  /** `http://host:port` of the master. */
  readonly masterUrl: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** First reconnection delay bound; doubles per attempt up to 1 min (Mesos' registration backoff). */
  readonly backoffFactorMs: number;
  /** Ping intervals without a PING before the master is taken to be gone. */
  readonly maxPingTimeouts: number;
  /** The SUBSCRIBE body, built fresh on every attempt from what the agent runs now. */
  subscribeBody(agentId: string | undefined): Record<string, unknown>;
  onSubscribed(agentId: string, masterInfo: unknown): void;
  onEvent(event: MasterEvent): void;
  onDisconnected(): void;
  /** The master removed this agent (SHUTDOWN event). */
  onShutdown(message: string): void;
  readonly random?: () => number;
}

const DEFAULT_PING_INTERVAL_SECONDS = 15;

export class MasterLink {
  private agentId: string | undefined;
  private streamId: string | undefined;
  private abort: AbortController | undefined;
  private watchdog: TimerHandle | undefined;
  private retry: TimerHandle | undefined;
  private attempt = 0;
  private stopped = false;
  private masterHost: string | undefined;
  private readonly log: Logger;
  private readonly poster = new HttpPoster();

  constructor(private readonly deps: MasterLinkDeps, initialAgentId?: string) {
    this.agentId = initialAgentId;
    this.log = deps.logger.child({ component: 'master-link' });
  }

  start(): void {
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.retry?.cancel();
    this.watchdog?.cancel();
    this.abort?.abort();
    this.poster.close();
  }

  connected(): boolean {
    return this.streamId !== undefined;
  }

  masterHostname(): string | undefined {
    return this.masterHost;
  }

  /** Sends a call other than SUBSCRIBE. Dropped while disconnected: its sender retries or it is best effort. */
  call(type: string, body: Record<string, unknown>): void {
    const streamId = this.streamId;
    if (streamId === undefined || this.agentId === undefined) return;
    const payload = JSON.stringify({ type, agent_id: { value: this.agentId }, ...body });
    this.poster.post(`${this.deps.masterUrl}/api/v1/agent`, payload, { 'Mesos-Stream-Id': streamId }).then((response) => {
      if (response.status !== 202) this.log.warn({ type, status: response.status, body: response.body }, 'master refused a call');
    }).catch((error: unknown) => this.log.debug({ err: error, type }, 'call to the master failed'));
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const abort = new AbortController();
    this.abort = abort;
    try {
      const response = await fetch(`${this.deps.masterUrl}/api/v1/agent`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ type: 'SUBSCRIBE', subscribe: this.deps.subscribeBody(this.agentId) }),
        signal: abort.signal,
      });
      if (response.status !== 200 || !response.body) throw new Error(`SUBSCRIBE answered ${response.status}: ${await response.text()}`);
      const streamId = response.headers.get('mesos-stream-id') ?? '';
      this.armWatchdog(DEFAULT_PING_INTERVAL_SECONDS);
      for await (const record of readJsonRecords(response.body)) {
        this.handle(record, streamId);
        if (this.stopped) break;
      }
      throw new Error('the master closed the event stream');
    } catch (error) {
      if (!this.stopped) this.log.warn({ err: error }, 'master link lost; re-subscribing');
    } finally {
      abort.abort();
      this.disconnected();
    }
  }

  private handle(record: unknown, streamId: string): void {
    const parsed = parseMasterEvent(record);
    if (!parsed.ok) {
      this.log.warn({ problems: parsed.problems }, 'ignoring a malformed event from the master');
      return;
    }
    const event = parsed.value;
    switch (event.type) {
      case 'SUBSCRIBED': {
        this.agentId = event.agentId;
        this.streamId = streamId;
        this.attempt = 0;
        this.pingInterval = event.pingIntervalSeconds ?? DEFAULT_PING_INTERVAL_SECONDS;
        this.armWatchdog(this.pingInterval);
        const info = (record as { subscribed?: { master_info?: { hostname?: string } } }).subscribed?.master_info;
        this.masterHost = info?.hostname;
        this.deps.onSubscribed(event.agentId, info);
        return;
      }
      case 'PING':
        this.armWatchdog(this.pingInterval);
        this.call('PONG', {});
        return;
      case 'SHUTDOWN':
        this.log.warn({ message: event.message }, 'the master shut this agent down');
        this.deps.onShutdown(event.message);
        return;
      case 'ERROR':
        this.log.warn({ message: event.message }, 'the master reported an error on the stream');
        return;
      case 'UNKNOWN':
        this.log.debug({ type: event.name }, 'ignoring an unknown event');
        return;
      default:
        this.deps.onEvent(event);
    }
  }

  private pingInterval = DEFAULT_PING_INTERVAL_SECONDS;

  private armWatchdog(pingIntervalSeconds: number): void {
    this.watchdog?.cancel();
    this.watchdog = this.deps.clock.setTimer(pingIntervalSeconds * 1000 * this.deps.maxPingTimeouts, () => {
      this.log.warn('no PING from the master in time; re-subscribing');
      this.abort?.abort();
    });
  }

  private disconnected(): void {
    this.watchdog?.cancel();
    const wasConnected = this.streamId !== undefined;
    this.streamId = undefined;
    if (wasConnected) this.deps.onDisconnected();
    if (this.stopped) return;
    const policy: BackoffPolicy = { initialMs: this.deps.backoffFactorMs, maxMs: 60_000, factor: 2, jitter: 1 };
    const delay = backoffDelay(policy, this.attempt++, this.deps.random);
    this.retry = this.deps.clock.setTimer(delay, () => void this.connect());
  }
}
