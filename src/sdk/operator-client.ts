/**
 * Operator-side reads and calls against a master: the legacy JSON endpoints that UIs and tools
 * poll (`/master/state`, `/master/frameworks`...) and the v1 operator API (`POST /api/v1`).
 * Shapes are typed loosely: only the fields tools commonly read are named; the rest pass through.
 */
import type { Clock } from '../lib/clock.ts';
import { MesosApiError } from './api-error.ts';
import { send, sendExpectingSuccess } from './http-transport.ts';
import { masterTargetFor } from './master-target.ts';
import type { MasterTarget } from './master-target.ts';
import type { JsonObject } from './wire.ts';

/** Legacy JSON resources: `{cpus, mem, disk, gpus, ports: "[31000-32000]"}`. */
export interface FlatResources extends JsonObject {
  readonly cpus?: number;
  readonly mem?: number;
  readonly disk?: number;
  readonly gpus?: number;
  readonly ports?: string;
}

export interface StateTask extends JsonObject {
  readonly id: string;
  readonly name: string;
  readonly framework_id: string;
  readonly slave_id: string;
  readonly state: string;
  readonly resources?: FlatResources;
}

export interface StateFramework extends JsonObject {
  readonly id: string;
  readonly name: string;
  readonly active?: boolean;
  readonly connected?: boolean;
  readonly user?: string;
  readonly roles?: readonly string[];
  readonly used_resources?: FlatResources;
  readonly tasks?: readonly StateTask[];
  readonly completed_tasks?: readonly StateTask[];
}

export interface StateAgent extends JsonObject {
  readonly id: string;
  readonly hostname: string;
  readonly port?: number;
  readonly pid?: string;
  readonly active?: boolean;
  readonly resources?: FlatResources;
  readonly used_resources?: FlatResources;
}

export interface MasterState extends JsonObject {
  readonly version?: string;
  readonly id?: string;
  readonly leader?: string;
  readonly frameworks?: readonly StateFramework[];
  readonly completed_frameworks?: readonly StateFramework[];
  readonly slaves?: readonly StateAgent[];
}

export interface VersionInfo extends JsonObject {
  readonly version: string;
  readonly build_date?: string;
  readonly git_sha?: string;
}

export interface TasksQuery {
  readonly limit?: number;
  readonly offset?: number;
  readonly order?: 'asc' | 'desc';
  readonly framework_id?: string;
  readonly task_id?: string;
}

export interface OperatorClientOptions {
  /**
   * `host:port` or `http://host:port` of any master (leader-only endpoints redirect),
   * `zk://host:port,.../path` to ask whoever ZooKeeper says leads, or `file://PATH` holding either.
   */
  readonly master: string;
  readonly clock?: Clock;
  /** With zk://: how long a call waits for a leader to be elected. */
  readonly leaderWaitMs?: number;
}

/** With zk:// the client holds a ZooKeeper session: call close() when done or the process stays up. */
export class OperatorClient {
  private readonly target: MasterTarget;

  constructor(options: OperatorClientOptions) {
    this.target = masterTargetFor(options.master, {
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.leaderWaitMs === undefined ? {} : { leaderWaitMs: options.leaderWaitMs }),
    });
  }

  /** Stops following ZooKeeper (a no-op for a fixed master); later calls fail. */
  close(): Promise<void> {
    return this.target.close();
  }

  state(): Promise<MasterState> {
    return this.getJson('/master/state') as Promise<MasterState>;
  }

  frameworks(): Promise<{ frameworks: StateFramework[]; completed_frameworks: StateFramework[] }> {
    return this.getJson('/master/frameworks') as Promise<{ frameworks: StateFramework[]; completed_frameworks: StateFramework[] }>;
  }

  agents(): Promise<{ slaves: StateAgent[] }> {
    return this.getJson('/master/slaves') as Promise<{ slaves: StateAgent[] }>;
  }

  tasks(query: TasksQuery = {}): Promise<{ tasks: StateTask[] }> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
    const qs = params.toString();
    return this.getJson(`/master/tasks${qs ? `?${qs}` : ''}`) as Promise<{ tasks: StateTask[] }>;
  }

  version(): Promise<VersionInfo> {
    return this.getJson('/version') as Promise<VersionInfo>;
  }

  /** GET a JSON endpoint; rejects with MesosApiError on a non-2xx answer. */
  async getJson(path: string): Promise<unknown> {
    const answer = await sendExpectingSuccess(await this.target.origin(), { method: 'GET', path, headers: { Accept: 'application/json' }, call: `GET ${path}` });
    this.target.answeredBy(answer.origin);
    return parseBody(answer.body, `GET ${path}`);
  }

  /**
   * One v1 operator call, e.g. `{type: 'GET_HEALTH'}` or `{type: 'TEARDOWN', teardown: {framework_id}}`.
   * Resolves with the response object, or undefined for calls Mesos answers with an empty body.
   */
  async call(body: JsonObject & { readonly type: string }): Promise<JsonObject | undefined> {
    const answer = await send(await this.target.origin(), {
      method: 'POST', path: '/api/v1', body: JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, call: body.type,
    });
    if (answer.status < 200 || answer.status >= 300) throw new MesosApiError(answer.status, answer.body.trim(), body.type);
    this.target.answeredBy(answer.origin);
    return answer.body.trim() === '' ? undefined : (parseBody(answer.body, body.type) as JsonObject);
  }
}

function parseBody(text: string, call: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new MesosApiError(200, `answer is not JSON: ${text.slice(0, 80)}`, call, { cause });
  }
}
