/**
 * An executor's side of the v1 executor API, for our executor processes: SUBSCRIBE and read the
 * event stream, send UPDATEs (each with a fresh uuid, kept until ACKNOWLEDGED) and MESSAGEs.
 */
import { newUuidBytesBase64 } from '../../lib/ids.ts';
import { readJsonRecords } from '../recordio.ts';
import type { TaskStatusWire } from '../wire.ts';

export interface ExecutorIdentity {
  /** `ip:port` from MESOS_AGENT_ENDPOINT. */
  readonly agentEndpoint: string;
  readonly frameworkId: string;
  readonly executorId: string;
}

export type ExecutorEventHandler = (event: Record<string, unknown>) => void;

export class ExecutorConnection {
  private readonly unacknowledged = new Map<string, TaskStatusWire>();
  private drained: (() => void) | undefined;

  constructor(private readonly identity: ExecutorIdentity) {}

  private post(body: Record<string, unknown>): Promise<Response> {
    return fetch(`http://${this.identity.agentEndpoint}/api/v1/executor`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ framework_id: { value: this.identity.frameworkId }, executor_id: { value: this.identity.executorId }, ...body }),
    });
  }

  /** Subscribes and delivers events until the agent closes the stream. */
  async run(onEvent: ExecutorEventHandler): Promise<void> {
    const response = await this.post({ type: 'SUBSCRIBE', subscribe: {} });
    if (response.status !== 200 || !response.body) throw new Error(`SUBSCRIBE answered ${response.status}: ${await response.text()}`);
    for await (const record of readJsonRecords(response.body)) {
      const event = record as Record<string, unknown>;
      if (event['type'] === 'ACKNOWLEDGED') this.acknowledged(event);
      onEvent(event);
    }
  }

  async update(taskId: string, state: string, extra: { message?: string; reason?: string } = {}): Promise<void> {
    const status: TaskStatusWire = {
      task_id: { value: taskId }, state, source: 'SOURCE_EXECUTOR', uuid: newUuidBytesBase64(),
      executor_id: { value: this.identity.executorId }, timestamp: Date.now() / 1000, ...extra,
    };
    this.unacknowledged.set(status.uuid ?? '', status);
    const response = await this.post({ type: 'UPDATE', update: { status } });
    if (response.status !== 202) throw new Error(`UPDATE answered ${response.status}: ${await response.text()}`);
    await response.body?.cancel();
  }

  async message(data: string): Promise<void> {
    const response = await this.post({ type: 'MESSAGE', message: { data } });
    await response.body?.cancel();
  }

  /** Resolves once every update sent so far is acknowledged. */
  allAcknowledged(): Promise<void> {
    if (this.unacknowledged.size === 0) return Promise.resolve();
    return new Promise((resolve) => { this.drained = resolve; });
  }

  private acknowledged(event: Record<string, unknown>): void {
    const ack = event['acknowledged'] as { uuid?: string } | undefined;
    if (ack?.uuid !== undefined) this.unacknowledged.delete(ack.uuid);
    if (this.unacknowledged.size === 0) this.drained?.();
  }
}
