/**
 * An agent that speaks docs/protocol.md over real HTTP and does no work: RUN_TASK is answered at
 * once with TASK_RUNNING, and TASK_FINISHED follows when the master relays the acknowledgement of
 * TASK_RUNNING, one update per task at a time as a real agent forwards them. PING gets PONG.
 */
import type { CallPool, RecordStream } from '../lib/http.ts';
import { openRecordStream } from '../lib/http.ts';
import { nextWireUuid } from '../lib/wire-uuid.ts';
import { sampleError } from '../lib/error-samples.ts';
import type { Counters } from './counters.ts';

const AGENT_PATH = '/api/v1/agent';

type Json = Record<string, unknown>;

interface InFlightUpdate {
  readonly frameworkId: string;
  readonly taskId: string;
  readonly state: 'TASK_RUNNING' | 'TASK_FINISHED' | 'TASK_KILLED';
}

export interface SimulatedAgentOptions {
  readonly masterUrl: string;
  readonly calls: CallPool;
  readonly counters: Counters;
  readonly hostname: string;
  /** Mesos resource text pieces, e.g. [{cpus: 8}, {mem: 8192}] as wire resources. */
  readonly resources: readonly Json[];
}

export class SimulatedAgent {
  private stream: RecordStream | undefined;
  private agentId = '';
  private headers: Record<string, string> = {};
  /** Updates sent and not yet acknowledged, by uuid. */
  private readonly inFlight = new Map<string, InFlightUpdate>();
  private subscribed: (() => void) | undefined;

  constructor(private readonly options: SimulatedAgentOptions) {}

  /** Opens the SUBSCRIBE stream and resolves once SUBSCRIBED names this agent's id. */
  async subscribe(): Promise<void> {
    const body = JSON.stringify({
      type: 'SUBSCRIBE',
      subscribe: { agent_info: { hostname: this.options.hostname, port: 5051 }, resources: this.options.resources, version: '0.1.0' },
    });
    const ready = new Promise<void>((resolve) => { this.subscribed = resolve; });
    this.stream = await openRecordStream(this.options.masterUrl, AGENT_PATH, body, {
      onEvent: (event) => this.onEvent(event),
      onOpen: (streamId) => { this.headers = { 'Mesos-Stream-Id': streamId }; },
    });
    if (this.stream.status !== 200) throw new Error(`agent SUBSCRIBE refused: ${this.stream.status} ${this.stream.refusal}`);
    await ready;
  }

  close(): void {
    this.stream?.close();
  }

  private onEvent(event: Json): void {
    switch (event['type']) {
      case 'SUBSCRIBED':
        this.agentId = ((event['subscribed'] as Json)['agent_id'] as Json)['value'] as string;
        this.subscribed?.();
        return;
      case 'PING':
        this.call({ type: 'PONG' }, false);
        return;
      case 'RUN_TASK': {
        this.options.counters.runTasks++;
        const runTask = event['run_task'] as Json;
        const frameworkId = ((runTask['framework_info'] as Json)['id'] as Json)['value'] as string;
        const taskId = ((runTask['task'] as Json)['task_id'] as Json)['value'] as string;
        this.sendUpdate({ frameworkId, taskId, state: 'TASK_RUNNING' });
        return;
      }
      case 'KILL_TASK': {
        const kill = event['kill_task'] as Json;
        this.sendUpdate({ frameworkId: (kill['framework_id'] as Json)['value'] as string, taskId: (kill['task_id'] as Json)['value'] as string, state: 'TASK_KILLED' });
        return;
      }
      case 'ACKNOWLEDGE': {
        const uuid = (event['acknowledge'] as Json)['uuid'] as string;
        const acknowledged = this.inFlight.get(uuid);
        if (!acknowledged) return;
        this.inFlight.delete(uuid);
        this.options.counters.acksRelayed++;
        if (acknowledged.state === 'TASK_RUNNING') this.sendUpdate({ ...acknowledged, state: 'TASK_FINISHED' });
        return;
      }
      default:
        return;
    }
  }

  private sendUpdate(update: InFlightUpdate): void {
    const uuid = nextWireUuid();
    this.inFlight.set(uuid, update);
    this.call({
      type: 'STATUS_UPDATE',
      status_update: {
        framework_id: { value: update.frameworkId },
        status: { task_id: { value: update.taskId }, agent_id: { value: this.agentId }, state: update.state, source: 'SOURCE_EXECUTOR', uuid, timestamp: Date.now() / 1000 },
      },
    }, true);
  }

  private call(body: Json, isUpdate: boolean): void {
    const counters = this.options.counters;
    this.options.calls.post(AGENT_PATH, JSON.stringify({ agent_id: { value: this.agentId }, ...body }), this.headers).then(
      (answer) => {
        if (answer.status !== 202) {
          counters.callErrors++;
          sampleError(`agent call ${String(body['type'])}`, `${answer.status} ${answer.body}`);
        }
        else if (isUpdate) counters.updatesSent++;
      },
      (err: unknown) => {
        counters.callErrors++;
        sampleError(`agent call ${String(body['type'])}`, String(err));
      },
    );
  }
}
