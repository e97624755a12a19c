/**
 * Helpers for the master's integration tests: a master on port 0, raw HTTP calls, RecordIO
 * stream readers, a scheduler that speaks v1 JSON, and a fake agent that speaks our agent
 * protocol over real HTTP.
 */
import type { ExecutionContext } from 'ava';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { newUuidBytesBase64 } from '../../src/lib/ids.ts';
import { createLogger, silentLogger } from '../../src/lib/logger.ts';
import { masterConfigWith, type MasterConfig } from '../../src/master/config.ts';
import { type MasterHandle, startMaster } from '../../src/master/main.ts';
import { RecordIODecoder } from '../../src/protocol/recordio.ts';
import { startZooKeeper } from '../../src/testing/zookeeper.ts';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function startTestMaster(overrides: Partial<MasterConfig> = {}): Promise<MasterHandle> {
  return startMaster(
    masterConfigWith({ port: 0, ip: '127.0.0.1', hostname: 'localhost', allocation_interval: 50, heartbeat_interval: 60_000, ...overrides }),
    { logger: process.env['MASTER_TEST_LOG'] ? createLogger({ level: 'error' }) : silentLogger() },
  );
}

export interface ElectingMasters {
  /** The zk:// URL both masters contend under (a fresh path per test). */
  readonly url: string;
  /** Elected first. */
  readonly first: MasterHandle;
  /** Started after `first` was elected: a standby. */
  readonly second: MasterHandle;
}

/**
 * A real one-node ZooKeeper and two masters electing through it, the first already leading.
 * Everything is stopped when the test ends.
 */
export async function startElectingMasters(t: ExecutionContext): Promise<ElectingMasters> {
  const zk = await startZooKeeper({ nodes: 1 });
  t.teardown(() => zk.stop());
  const url = zk.url(`/mesos-${randomUUID()}`);
  const first = await startTestMaster({ zk: url, zk_session_timeout: 4000 });
  t.teardown(() => first.stop());
  await first.elected;
  const second = await startTestMaster({ zk: url, zk_session_timeout: 4000 });
  t.teardown(() => second.stop());
  return { url, first, second };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One HTTP request with full control of method, headers and body. */
export function rawRequest(url: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: options.method ?? 'POST', headers: options.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };

export function postJson(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(url, path, { headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) });
}

/** A RecordIO event stream read incrementally; `next` waits for the next event (or rejects on timeout). */
export class StreamReader {
  readonly events: Json[] = [];
  private waiting: (() => void)[] = [];
  ended = false;
  private closeFn: () => void = () => undefined;

  constructor(readonly status: number, readonly headers: Record<string, string | string[] | undefined>) {}

  get streamId(): string {
    return String(this.headers['mesos-stream-id'] ?? '');
  }

  push(event: Json): void {
    this.events.push(event);
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  setClose(fn: () => void): void {
    this.closeFn = fn;
  }

  close(): void {
    this.closeFn();
  }

  private wake(): void {
    for (const fn of this.waiting.splice(0)) fn();
  }

  /** Waits until an event matching `pred` has arrived (consumed events are kept). */
  async waitFor(pred: (e: Json) => boolean, timeoutMs = 5000): Promise<Json> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(pred);
      if (found) return found;
      if (this.ended) throw new Error(`stream ended without the expected event; got ${JSON.stringify(this.events.map((e) => e['type']))}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting; got ${JSON.stringify(this.events.map((e) => e['type']))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Waits for the `nth` (0-based) event of `type`. */
  waitForType(type: string, timeoutMs = 5000, nth = 0): Promise<Json> {
    return this.waitFor((e) => e['type'] === type && this.events.filter((x) => x['type'] === type).indexOf(e) === nth, timeoutMs);
  }

  async waitForEnd(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.ended) {
      if (Date.now() > deadline) throw new Error('stream did not end');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        this.waiting.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** POSTs a SUBSCRIBE and reads the answer as a RecordIO stream (or a plain body for errors). */
export function openStream(url: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<StreamReader & { body?: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { ...JSON_HEADERS, ...headers } }, (res) => {
      const reader = new StreamReader(res.statusCode ?? 0, res.headers) as StreamReader & { body?: string };
      reader.setClose(() => req.destroy());
      if (res.statusCode !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          reader.body = Buffer.concat(chunks).toString('utf8');
          reader.end();
          resolve(reader);
        });
        return;
      }
      const decoder = new RecordIODecoder({ maxRecordBytes: 64 * 1024 * 1024 });
      res.on('data', (c: Buffer) => {
        for (const record of decoder.push(c)) reader.push(JSON.parse(record.toString('utf8')) as Json);
      });
      res.on('end', () => reader.end());
      res.on('close', () => reader.end());
      res.on('error', () => reader.end());
      resolve(reader);
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

export const SCHEDULER = '/api/v1/scheduler';
export const AGENT = '/api/v1/agent';

export interface FrameworkOptions {
  readonly failoverTimeout?: number;
  readonly capabilities?: string[];
  readonly id?: string;
  readonly roles?: string[];
}

/** A scheduler connection: its event stream and helpers for its calls. */
export class TestScheduler {
  constructor(readonly url: string, readonly stream: StreamReader, readonly frameworkId: string) {}

  static async subscribe(url: string, options: FrameworkOptions = {}): Promise<TestScheduler> {
    const multiRole = options.roles !== undefined;
    const capabilities = [...(options.capabilities ?? []), ...(multiRole ? ['MULTI_ROLE'] : [])];
    const stream = await openStream(url, SCHEDULER, {
      ...(options.id ? { framework_id: { value: options.id } } : {}),
      type: 'SUBSCRIBE',
      subscribe: {
        framework_info: {
          user: 'test',
          name: 'test-framework',
          ...(options.id ? { id: { value: options.id } } : {}),
          ...(options.failoverTimeout !== undefined ? { failover_timeout: options.failoverTimeout } : {}),
          ...(capabilities.length ? { capabilities: capabilities.map((type) => ({ type })) } : {}),
          ...(multiRole ? { roles: options.roles } : {}),
        },
      },
    });
    if (stream.status !== 200) throw new Error(`subscribe failed: ${stream.status} ${stream.body ?? ''}`);
    const subscribed = await stream.waitForType('SUBSCRIBED');
    return new TestScheduler(url, stream, subscribed['subscribed']['framework_id']['value'] as string);
  }

  call(type: string, body: Json = {}): Promise<RawResponse> {
    return postJson(this.url, SCHEDULER, { framework_id: { value: this.frameworkId }, type, ...body }, { 'Mesos-Stream-Id': this.stream.streamId });
  }

  /** Waits for the n-th OFFERS event (0-based) and returns its offers. */
  async offers(nth = 0, timeoutMs = 5000): Promise<Json[]> {
    const event = await this.stream.waitForType('OFFERS', timeoutMs, nth);
    return event['offers']['offers'] as Json[];
  }

  updates(): Json[] {
    return this.stream.events.filter((e) => e['type'] === 'UPDATE').map((e) => e['update']['status'] as Json);
  }

  async update(pred: (status: Json) => boolean, timeoutMs = 5000): Promise<Json> {
    const event = await this.stream.waitFor((e) => e['type'] === 'UPDATE' && pred(e['update']['status'] as Json), timeoutMs);
    return event['update']['status'] as Json;
  }
}

export const AGENT_RESOURCES = [
  { name: 'cpus', type: 'SCALAR', scalar: { value: 4 } },
  { name: 'mem', type: 'SCALAR', scalar: { value: 4096 } },
  { name: 'ports', type: 'RANGES', ranges: { range: [{ begin: 31000, end: 32000 }] } },
];

/** A fake agent speaking docs/protocol.md over real HTTP; it answers PINGs unless told not to. */
export class FakeAgent {
  answerPings = true;
  readonly runTasks: Json[] = [];
  private constructor(readonly url: string, readonly stream: StreamReader, readonly agentId: string) {}

  static async subscribe(url: string, options: { agentId?: string; tasks?: Json[]; executors?: Json[]; hostname?: string } = {}): Promise<FakeAgent> {
    const stream = await openStream(url, AGENT, {
      type: 'SUBSCRIBE',
      subscribe: {
        agent_info: { hostname: options.hostname ?? 'agent.local', port: 5051, attributes: [{ name: 'rack', type: 'TEXT', text: { value: 'r1' } }] },
        resources: AGENT_RESOURCES,
        version: '0.1.0',
        ...(options.agentId ? { agent_id: { value: options.agentId } } : {}),
        ...(options.tasks ? { tasks: options.tasks } : {}),
        ...(options.executors ? { executors: options.executors } : {}),
      },
    });
    if (stream.status !== 200) throw new Error(`agent subscribe failed: ${stream.status} ${stream.body ?? ''}`);
    const subscribed = await stream.waitForType('SUBSCRIBED');
    const agent = new FakeAgent(url, stream, subscribed['subscribed']['agent_id']['value'] as string);
    let handled = 0;
    const pump = (): void => {
      while (handled < stream.events.length) {
        const event = stream.events[handled++] as Json;
        if (event['type'] === 'PING' && agent.answerPings) void agent.call('PONG').catch(() => undefined);
        if (event['type'] === 'RUN_TASK') agent.runTasks.push(event['run_task'] as Json);
      }
    };
    const original = stream.push.bind(stream);
    stream.push = (event: Json) => {
      original(event);
      pump();
    };
    pump();
    return agent;
  }

  call(type: string, body: Json = {}): Promise<RawResponse> {
    return postJson(this.url, AGENT, { agent_id: { value: this.agentId }, type, ...body }, { 'Mesos-Stream-Id': this.stream.streamId });
  }

  /** Sends a status update with a fresh uuid; returns the uuid. */
  async sendStatus(frameworkId: string, taskId: string, state: string): Promise<string> {
    const uuid = newUuidBytesBase64();
    const res = await this.call('STATUS_UPDATE', {
      status_update: { framework_id: { value: frameworkId }, status: { task_id: { value: taskId }, state, source: 'SOURCE_EXECUTOR', uuid, timestamp: Date.now() / 1000 } },
    });
    if (res.status !== 202) throw new Error(`status update refused: ${res.status} ${res.body}`);
    return uuid;
  }
}

/** A minimal command task for an offer. */
export function commandTask(offer: Json, taskId: string, resources: Json[] = [{ name: 'cpus', type: 'SCALAR', scalar: { value: 1 } }, { name: 'mem', type: 'SCALAR', scalar: { value: 128 } }]): Json {
  return { name: taskId, task_id: { value: taskId }, agent_id: offer['agent_id'], resources, command: { value: 'sleep 1000' } };
}

export function launch(offer: Json, tasks: Json[], refuseSeconds?: number): Json {
  return {
    accept: {
      offer_ids: [offer['id']],
      operations: [{ type: 'LAUNCH', launch: { task_infos: tasks } }],
      ...(refuseSeconds !== undefined ? { filters: { refuse_seconds: refuseSeconds } } : {}),
    },
  };
}

/** Polls `check` until it holds (the master works asynchronously over real sockets). */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function getJson(url: string, path: string): Promise<Json> {
  const res = await rawRequest(url, path, { method: 'GET' });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.body}`);
  return JSON.parse(res.body) as Json;
}

/** A master with one framework subscribed and one fake agent, and the first offer it got. */
export async function startWithOffer(t: ExecutionContext): Promise<{ master: MasterHandle; scheduler: TestScheduler; agent: FakeAgent; offer: Json }> {
  const master = await startTestMaster();
  t.teardown(() => master.stop());
  const scheduler = await TestScheduler.subscribe(master.url);
  const agent = await FakeAgent.subscribe(master.url);
  const [offer] = await scheduler.offers();
  if (!offer) throw new Error('the framework got no offer for the agent');
  return { master, scheduler, agent, offer };
}
