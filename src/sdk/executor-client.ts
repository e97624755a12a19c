/**
 * A v1 executor client for `/api/v1/executor` on the agent that launched us.
 *
 * It keeps what Mesos asks executors to resend on re-subscription: tasks launched but without an
 * acknowledged update, and updates the agent has not acknowledged. With checkpointing the agent
 * may restart under us, so the event iterator reconnects (backoff capped at
 * MESOS_SUBSCRIPTION_BACKOFF_MAX) until MESOS_RECOVERY_TIMEOUT; without it, a lost connection
 * ends the iteration and the executor should exit, as Mesos' executors do.
 */
import type { Clock } from '../lib/clock.ts';
import { systemClock } from '../lib/clock.ts';
import { backoffDelay } from '../lib/backoff.ts';
import { newUuidBytesBase64 } from '../lib/ids.ts';
import { ValidationError } from '../lib/errors.ts';
import { RecordIOError } from '../protocol/recordio.ts';
import { MesosApiError } from './api-error.ts';
import { parseExecutorEvent } from './event-parsing.ts';
import type { ExecutorEnvironment } from './executor-environment.ts';
import { readExecutorEnvironment } from './executor-environment.ts';
import { openStream, sendExpectingSuccess } from './http-transport.ts';
import { InterruptibleSleep } from './interruptible-sleep.ts';
import type { SdkLogger } from './logger.ts';
import { silentLogger } from './logger.ts';
import { masterOrigin } from './master-address.ts';
import { readEventRecords } from './record-stream.ts';
import type { ExecutorEvent, IdLike, JsonObject, TaskInfo, TaskStatus } from './wire.ts';
import { toId } from './wire.ts';

const EXECUTOR_PATH = '/api/v1/executor';
const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' } as const;

export interface ExecutorClientOptions {
  /** The agent's environment for this executor (usually process.env, passed in). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Already-read environment; wins over `env`. */
  readonly environment?: ExecutorEnvironment;
  readonly clock?: Clock;
  readonly logger?: SdkLogger;
  readonly random?: () => number;
}

/** What an executor reports; the client fills in uuid, source, timestamp and executor id. */
export type StatusReport = Omit<TaskStatus, 'task_id' | 'uuid' | 'source' | 'timestamp' | 'executor_id'> & {
  readonly task_id: IdLike;
};

export class ExecutorClient {
  readonly environment: ExecutorEnvironment;
  private readonly origin: string;
  private readonly clock: Clock;
  private readonly logger: SdkLogger;
  private readonly pause: InterruptibleSleep;
  private readonly unacknowledgedTasks = new Map<string, TaskInfo>();
  private readonly unacknowledgedUpdates = new Map<string, TaskStatus>();
  private closed = false;
  private abortStream: (() => void) | undefined;

  constructor(private readonly options: ExecutorClientOptions) {
    this.environment = options.environment ?? readExecutorEnvironment(options.env ?? {});
    this.origin = masterOrigin(this.environment.agentEndpoint, 'MESOS_AGENT_ENDPOINT');
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.pause = new InterruptibleSleep(this.clock);
  }

  async *events(): AsyncGenerator<ExecutorEvent> {
    let attempt = 0;
    let disconnectedSince: number | undefined;
    try {
      while (!this.closed) {
        try {
          for await (const event of this.subscribeOnce()) {
            attempt = 0;
            disconnectedSince = undefined;
            this.track(event);
            yield event;
            if (event.type === 'SHUTDOWN' || event.type === 'ERROR') {
              this.close();
              return;
            }
          }
        } catch (err) {
          if (this.closed) return;
          // A refusal or a peer not speaking Mesos' JSON will not get better by retrying.
          if ((err instanceof MesosApiError && err.status >= 400 && err.status < 500) || err instanceof ValidationError || err instanceof RecordIOError) throw err;
          this.logger.warn({ agent: this.origin, err: String(err) }, 'executor stream failed');
        }
        if (this.closed || !this.environment.checkpoint) return;
        disconnectedSince ??= this.clock.now();
        const recoveryMs = this.environment.recoveryTimeoutMs ?? 15 * 60_000;
        if (this.clock.now() - disconnectedSince >= recoveryMs) throw new Error(`agent did not come back within ${recoveryMs}ms`);
        const policy = { initialMs: 500, maxMs: this.environment.subscriptionBackoffMaxMs ?? 2000, factor: 2, jitter: 1 };
        await this.pause.wait(backoffDelay(policy, attempt++, this.options.random));
      }
    } finally {
      this.abortStream?.();
    }
  }

  /** Sends a status update; resolves with the uuid the agent will acknowledge. */
  async update(report: StatusReport): Promise<string> {
    const status: TaskStatus = {
      ...report,
      task_id: toId(report.task_id),
      executor_id: { value: this.environment.executorId },
      source: 'SOURCE_EXECUTOR',
      timestamp: this.clock.now() / 1000,
      uuid: newUuidBytesBase64(),
    };
    this.unacknowledgedUpdates.set(status.uuid ?? '', status);
    await this.send({ type: 'UPDATE', update: { status } });
    return status.uuid ?? '';
  }

  /** Best-effort bytes to the scheduler. */
  async message(data: string | Uint8Array): Promise<void> {
    await this.send({ type: 'MESSAGE', message: { data: Buffer.from(data).toString('base64') } });
  }

  close(): void {
    this.closed = true;
    this.abortStream?.();
    this.pause.interrupt();
  }

  /** Updates the agent has not yet acknowledged, oldest first. */
  pendingUpdates(): TaskStatus[] {
    return [...this.unacknowledgedUpdates.values()];
  }

  private track(event: ExecutorEvent): void {
    if (event.type === 'LAUNCH' && event.launch) this.unacknowledgedTasks.set(event.launch.task.task_id.value, event.launch.task);
    if (event.type === 'ACKNOWLEDGED' && event.acknowledged) {
      this.unacknowledgedUpdates.delete(event.acknowledged.uuid);
      this.unacknowledgedTasks.delete(event.acknowledged.task_id.value);
    }
  }

  private async *subscribeOnce(): AsyncGenerator<ExecutorEvent> {
    const body = this.envelope({
      type: 'SUBSCRIBE',
      subscribe: {
        unacknowledged_tasks: [...this.unacknowledgedTasks.values()],
        unacknowledged_updates: this.pendingUpdates().map((status) => ({ status })),
      },
    });
    const response = await openStream(this.origin, {
      method: 'POST', path: EXECUTOR_PATH, body: JSON.stringify(body), headers: JSON_HEADERS, call: 'SUBSCRIBE',
    });
    if (this.closed) {
      // close() came while connecting, when there was no stream to abort yet.
      response.stream.destroy();
      return;
    }
    this.abortStream = () => response.stream.destroy();
    try {
      for await (const record of readEventRecords(response.stream)) yield parseExecutorEvent(record);
    } finally {
      this.abortStream = undefined;
      response.stream.destroy();
    }
  }

  private async send(call: JsonObject & { type: string }): Promise<void> {
    await sendExpectingSuccess(this.origin, {
      method: 'POST', path: EXECUTOR_PATH, body: JSON.stringify(this.envelope(call)), headers: JSON_HEADERS, call: call.type,
    });
  }

  private envelope(call: JsonObject & { type: string }): JsonObject {
    return { executor_id: { value: this.environment.executorId }, framework_id: { value: this.environment.frameworkId }, ...call };
  }
}
