/**
 * Reliable status updates (Mesos' status update manager). Per task, updates form a stream:
 * each is checkpointed before the executor hears ACKNOWLEDGED, only the oldest unacknowledged one
 * is in flight to the master, and it is re-sent on a backoff (10 s doubling to 10 min) until the
 * scheduler's acknowledgement comes back. Acks that do not match the update in flight are
 * ignored. Pure apart from its ports: checkpoint store, sender and clock.
 */
import type { Clock, TimerHandle } from '../../lib/clock.ts';
import { backoffDelay, STATUS_UPDATE_BACKOFF, type BackoffPolicy } from '../../lib/backoff.ts';
import { isTerminal } from '../state/task-state.ts';
import type { StatusUpdateWire } from '../wire.ts';
import type { CheckpointRecord, UpdateCheckpointStore, UpdateSender, UpdateStreamLocation } from './ports.ts';

export interface StatusUpdateManagerDeps {
  readonly store: UpdateCheckpointStore;
  readonly sender: UpdateSender;
  readonly clock: Clock;
  readonly backoff?: BackoffPolicy;
  /** Called once the terminal update of a task has been acknowledged: the stream is done. */
  readonly onStreamEnded?: (location: UpdateStreamLocation) => void;
}

export type UpdateOutcome = 'accepted' | 'duplicate';
export type AckOutcome = 'acknowledged' | 'ignored';

interface Stream {
  readonly location: UpdateStreamLocation;
  readonly pending: StatusUpdateWire[];
  readonly seen: Set<string>;
  attempt: number;
  timer?: TimerHandle;
  /** Serializes checkpoint writes so records land in the order calls were made. */
  chain: Promise<unknown>;
}

function streamKey(frameworkId: string, taskId: string): string {
  return `${frameworkId}\u0000${taskId}`;
}

export class StatusUpdateManager {
  private readonly streams = new Map<string, Stream>();
  private readonly backoff: BackoffPolicy;
  private paused = true;

  constructor(private readonly deps: StatusUpdateManagerDeps) {
    this.backoff = deps.backoff ?? STATUS_UPDATE_BACKOFF;
  }

  /**
   * Checkpoints `update` and queues it for the master. Resolves once it is on disk, which is when
   * the executor may be told ACKNOWLEDGED. A uuid seen before on this stream is a duplicate.
   */
  update(location: UpdateStreamLocation, update: StatusUpdateWire): Promise<UpdateOutcome> {
    const uuid = update.status.uuid;
    if (uuid === undefined) return Promise.reject(new Error('status update without uuid cannot be made reliable'));
    const stream = this.streamFor(location);
    return this.serialize(stream, async (): Promise<UpdateOutcome> => {
      if (stream.seen.has(uuid)) return 'duplicate';
      await this.deps.store.append(location, { type: 'UPDATE', update });
      stream.seen.add(uuid);
      stream.pending.push(update);
      if (stream.pending.length === 1) this.sendHead(stream, 0);
      return 'accepted';
    });
  }

  /** The master relayed the scheduler's ACKNOWLEDGE; only the update in flight can be acked. */
  acknowledge(frameworkId: string, taskId: string, uuid: string): Promise<AckOutcome> {
    const stream = this.streams.get(streamKey(frameworkId, taskId));
    if (!stream) return Promise.resolve('ignored');
    return this.serialize(stream, async (): Promise<AckOutcome> => {
      const head = stream.pending[0];
      if (head?.status.uuid !== uuid) return 'ignored';
      await this.deps.store.append(stream.location, { type: 'ACK', uuid });
      stream.pending.shift();
      stream.timer?.cancel();
      stream.timer = undefined;
      if (stream.pending.length > 0) {
        this.sendHead(stream, 0);
      } else if (isTerminal(head.status.state)) {
        this.streams.delete(streamKey(frameworkId, taskId));
        this.deps.onStreamEnded?.(stream.location);
      }
      return 'acknowledged';
    });
  }

  /** Rebuilds a stream from its checkpointed records (agent restart); sending waits for `resume`. */
  recover(location: UpdateStreamLocation, records: readonly CheckpointRecord[]): void {
    const stream = this.streamFor(location);
    for (const record of records) {
      if (record.type === 'UPDATE') {
        const uuid = record.update.status.uuid;
        if (uuid === undefined || stream.seen.has(uuid)) continue;
        stream.seen.add(uuid);
        stream.pending.push(record.update);
      } else if (stream.pending[0]?.status.uuid === record.uuid) {
        stream.pending.shift();
      }
    }
    const last = records.length > 0 ? records[records.length - 1] : undefined;
    if (stream.pending.length === 0 && last?.type === 'ACK') {
      this.streams.delete(streamKey(location.frameworkId, location.taskId));
    }
  }

  /** The master link is down: stop sending (updates still queue and checkpoint). */
  pause(): void {
    this.paused = true;
    for (const stream of this.streams.values()) {
      stream.timer?.cancel();
      stream.timer = undefined;
    }
  }

  /** Subscribed again: send every stream's head now, with the backoff reset. */
  resume(): void {
    this.paused = false;
    for (const stream of this.streams.values()) {
      if (stream.pending.length > 0) this.sendHead(stream, 0);
    }
  }

  /** Every unacknowledged update, oldest first per task (for SUBSCRIBE's unacknowledged_updates). */
  unacknowledged(): StatusUpdateWire[] {
    return [...this.streams.values()].flatMap((s) => s.pending);
  }

  /** Unacknowledged updates of one task. */
  pendingFor(frameworkId: string, taskId: string): readonly StatusUpdateWire[] {
    return this.streams.get(streamKey(frameworkId, taskId))?.pending ?? [];
  }

  /** Forgets every stream of a framework (it was shut down; nobody will acknowledge). */
  dropFramework(frameworkId: string): void {
    for (const [key, stream] of this.streams) {
      if (stream.location.frameworkId !== frameworkId) continue;
      stream.timer?.cancel();
      this.streams.delete(key);
    }
  }

  stop(): void {
    this.pause();
  }

  private streamFor(location: UpdateStreamLocation): Stream {
    const key = streamKey(location.frameworkId, location.taskId);
    let stream = this.streams.get(key);
    if (!stream) {
      stream = { location, pending: [], seen: new Set(), attempt: 0, chain: Promise.resolve() };
      this.streams.set(key, stream);
    }
    return stream;
  }

  private serialize<T>(stream: Stream, step: () => Promise<T>): Promise<T> {
    const result = stream.chain.then(step);
    stream.chain = result.catch(() => undefined);
    return result;
  }

  private sendHead(stream: Stream, attempt: number): void {
    stream.timer?.cancel();
    stream.timer = undefined;
    const head = stream.pending[0];
    if (!head || this.paused) return;
    stream.attempt = attempt;
    this.deps.sender.send(head);
    stream.timer = this.deps.clock.setTimer(backoffDelay(this.backoff, attempt), () => {
      stream.timer = undefined;
      if (stream.pending[0] === head) this.sendHead(stream, attempt + 1);
    });
  }
}
