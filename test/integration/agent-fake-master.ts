/**
 * A small master for agent integration tests: speaks docs/protocol.md over real HTTP. It answers
 * SUBSCRIBE with a RecordIO stream, records every call, and can acknowledge status updates the
 * way a scheduler would (through ACKNOWLEDGE events on the agent's stream).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../src/lib/clock.ts';
import { encodeRecord } from '../../src/agent/recordio.ts';

export interface RecordedCall {
  readonly type: string;
  readonly body: Record<string, unknown>;
  readonly streamId: string | undefined;
}

export interface FakeMasterOptions {
  /** Acknowledge each STATUS_UPDATE as soon as it arrives (default true). */
  autoAck?: boolean;
  pingIntervalSeconds?: number;
  agentId?: string;
}

export class FakeMaster {
  readonly calls: RecordedCall[] = [];
  readonly subscribes: Record<string, unknown>[] = [];
  autoAck: boolean;
  private stream: ServerResponse | undefined;
  private streamId: string | undefined;
  private waiters: (() => void)[] = [];
  private readonly server = createServer((req, res) => void this.handle(req, res));

  constructor(private readonly options: FakeMasterOptions = {}) {
    this.autoAck = options.autoAck ?? true;
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.stream?.end();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Sends one event on the agent's current stream. */
  send(event: Record<string, unknown>): void {
    if (!this.stream) throw new Error('no agent is subscribed');
    this.stream.write(encodeRecord(event));
  }

  /** Ends the current stream, as a master failover or network break would. */
  dropStream(): void {
    this.stream?.end();
    this.stream = undefined;
  }

  statusUpdates(): { state: string; taskId: string; uuid: string; reason?: string; message?: string; source?: string }[] {
    return this.calls.filter((c) => c.type === 'STATUS_UPDATE').map((c) => {
      const status = (c.body['status_update'] as { status: Record<string, unknown> }).status;
      return {
        state: status['state'] as string, taskId: (status['task_id'] as { value: string }).value, uuid: status['uuid'] as string,
        ...(status['reason'] ? { reason: status['reason'] as string } : {}),
        ...(status['message'] ? { message: status['message'] as string } : {}),
        ...(status['source'] ? { source: status['source'] as string } : {}),
      };
    });
  }

  /** Resolves when `condition` holds, re-checked on every call; rejects after a generous bound. */
  async until<T>(condition: () => T | undefined | false, what: string, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = condition();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  acknowledge(frameworkId: string, taskId: string, uuid: string): void {
    this.send({ type: 'ACKNOWLEDGE', acknowledge: { framework_id: { value: frameworkId }, task_id: { value: taskId }, uuid } });
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    const type = String(body['type']);
    if (type === 'SUBSCRIBE') {
      this.subscribes.push(body['subscribe'] as Record<string, unknown>);
      this.stream?.end();
      this.streamId = randomUUID();
      res.writeHead(200, { 'Content-Type': 'application/json', 'Mesos-Stream-Id': this.streamId });
      this.stream = res;
      this.send({
        type: 'SUBSCRIBED',
        subscribed: {
          agent_id: { value: this.options.agentId ?? 'fake-master-S0' },
          master_info: { id: 'fake', ip: 16777343, port: 5050, hostname: 'fake-master' },
          ping_interval_seconds: this.options.pingIntervalSeconds ?? 15,
        },
      });
      this.wake();
      return;
    }
    const streamId = req.headers['mesos-stream-id'];
    this.calls.push({ type, body, streamId: typeof streamId === 'string' ? streamId : undefined });
    res.writeHead(202).end();
    if (type === 'STATUS_UPDATE' && this.autoAck && this.stream) {
      const update = body['status_update'] as { framework_id: { value: string }; status: { task_id: { value: string }; uuid: string } };
      this.acknowledge(update.framework_id.value, update.status.task_id.value, update.status.uuid);
    }
    this.wake();
  }
}

/** Mesos' wire shapes for what a fake scheduler would launch. */
export const framework = { id: { value: 'fw-1' }, user: 'root', name: 'test-framework' };

export function commandTask(id: string, value: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: id, task_id: { value: id }, agent_id: { value: 'fake-master-S0' },
    resources: [{ name: 'cpus', type: 'SCALAR', scalar: { value: 0.1 } }, { name: 'mem', type: 'SCALAR', scalar: { value: 32 } }],
    command: { value, shell: true }, ...extra,
  };
}

export function runTask(task: Record<string, unknown>, frameworkInfo: Record<string, unknown> = framework): Record<string, unknown> {
  return { type: 'RUN_TASK', run_task: { framework_info: frameworkInfo, task } };
}

/** A clock whose timers run `factor` times faster than written, so a 10 s retry takes 10 s / factor. */
export function acceleratedClock(factor: number): Clock {
  return {
    now: () => Date.now(),
    setTimer(ms, fn) {
      const timer = setTimeout(fn, Math.max(0, ms / factor));
      timer.unref();
      return { cancel: () => clearTimeout(timer) };
    },
  };
}
