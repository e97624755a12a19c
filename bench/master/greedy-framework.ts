/**
 * A scheduler over raw v1 JSON that takes everything it may: each offer is accepted with as many
 * small tasks as fit (no filter, so freed resources come back in the next round), and every
 * update with a uuid is acknowledged. Raw HTTP rather than the SDK so the bench process spends
 * its share of the CPU on traffic, not on validating events it already trusts.
 *
 * Tasks in flight (launched, not yet terminal) are capped. Without the cap the first rounds queue
 * tens of thousands of launches in the master and the window measures a backlog draining, not a
 * steady state. Offers that arrive while the budget is spent are held (as real frameworks do) and
 * used as tasks finish.
 */
import type { CallPool, RecordStream } from '../lib/http.ts';
import { openRecordStream } from '../lib/http.ts';
import { sampleError } from '../lib/error-samples.ts';
import type { Counters } from './counters.ts';

const SCHEDULER_PATH = '/api/v1/scheduler';

type Json = Record<string, unknown>;

export interface TaskShape {
  readonly cpus: number;
  readonly mem: number;
  /** Upper bound per ACCEPT, so one offer does not become one enormous call. */
  readonly maxPerOffer: number;
  /** Tasks this framework keeps launched-but-not-terminal at most. */
  readonly maxInFlight: number;
}

const TERMINAL = new Set(['TASK_FINISHED', 'TASK_FAILED', 'TASK_KILLED', 'TASK_ERROR', 'TASK_LOST', 'TASK_DROPPED', 'TASK_GONE']);

export interface GreedyFrameworkOptions {
  readonly masterUrl: string;
  readonly calls: CallPool;
  readonly counters: Counters;
  readonly name: string;
  readonly task: TaskShape;
}

export class GreedyFramework {
  private stream: RecordStream | undefined;
  private frameworkId = '';
  private headers: Record<string, string> = {};
  private nextTask = 0;
  private inFlight = 0;
  /** Offers received while the in-flight budget was spent, oldest first. */
  private held: Json[] = [];
  private subscribed: (() => void) | undefined;

  constructor(private readonly options: GreedyFrameworkOptions) {}

  async subscribe(): Promise<void> {
    const body = JSON.stringify({ type: 'SUBSCRIBE', subscribe: { framework_info: { user: 'bench', name: this.options.name } } });
    const ready = new Promise<void>((resolve) => { this.subscribed = resolve; });
    this.stream = await openRecordStream(this.options.masterUrl, SCHEDULER_PATH, body, {
      onEvent: (event) => this.onEvent(event),
      onOpen: (streamId) => { this.headers = { 'Mesos-Stream-Id': streamId }; },
    });
    if (this.stream.status !== 200) throw new Error(`framework SUBSCRIBE refused: ${this.stream.status} ${this.stream.refusal}`);
    await ready;
  }

  close(): void {
    this.stream?.close();
  }

  private onEvent(event: Json): void {
    switch (event['type']) {
      case 'SUBSCRIBED':
        this.frameworkId = ((event['subscribed'] as Json)['framework_id'] as Json)['value'] as string;
        this.subscribed?.();
        return;
      case 'OFFERS':
        this.held.push(...(((event['offers'] as Json)['offers'] as Json[] | undefined) ?? []));
        this.launchOnHeldOffers();
        return;
      case 'RESCIND': {
        const gone = ((event['rescind'] as Json)['offer_id'] as Json)['value'];
        this.held = this.held.filter((offer) => (offer['id'] as Json)['value'] !== gone);
        return;
      }
      case 'UPDATE': {
        this.options.counters.updatesReceived++;
        const status = (event['update'] as Json)['status'] as Json;
        if (TERMINAL.has(status['state'] as string)) {
          this.inFlight--;
          this.launchOnHeldOffers();
        }
        if (typeof status['uuid'] !== 'string') {
          // Made by the master, not an agent: an invalid launch or a lost task, worth seeing in the log.
          sampleError(`master-made ${String(status['state'])}`, `${String(status['reason'])} ${String(status['message'])}`);
          return;
        }
        this.call({ type: 'ACKNOWLEDGE', acknowledge: { agent_id: status['agent_id'], task_id: status['task_id'], uuid: status['uuid'] } }, 'ack');
        return;
      }
      default:
        return;
    }
  }

  /** Launches on held offers while a full offer's worth of tasks fits in the budget. */
  private launchOnHeldOffers(): void {
    const { cpus, mem, maxPerOffer, maxInFlight } = this.options.task;
    while (this.held.length > 0) {
      const offer = this.held[0] as Json;
      const fit = Math.min(maxPerOffer, Math.floor(scalar(offer, 'cpus') / cpus + 1e-9), Math.floor(scalar(offer, 'mem') / mem + 1e-9));
      if (fit > 0 && this.inFlight + fit > maxInFlight) return;
      this.held.shift();
      this.accept(offer, fit);
    }
  }

  private accept(offer: Json, fit: number): void {
    const { cpus, mem } = this.options.task;
    const resources = [
      { name: 'cpus', type: 'SCALAR', scalar: { value: cpus } },
      { name: 'mem', type: 'SCALAR', scalar: { value: mem } },
    ];
    const taskInfos: Json[] = [];
    for (let i = 0; i < fit; i++) {
      const id = `${this.options.name}-${this.nextTask++}`;
      taskInfos.push({ name: id, task_id: { value: id }, agent_id: offer['agent_id'], resources, command: { value: 'true' } });
    }
    this.options.counters.tasksAccepted += fit;
    this.inFlight += fit;
    this.call({
      type: 'ACCEPT',
      accept: {
        offer_ids: [offer['id']],
        operations: fit > 0 ? [{ type: 'LAUNCH', launch: { task_infos: taskInfos } }] : [],
        filters: { refuse_seconds: 0 },
      },
    }, 'accept', fit);
  }

  private call(body: Json, kind: 'ack' | 'accept', launched = 0): void {
    const counters = this.options.counters;
    const refused = (): void => {
      counters.callErrors++;
      // A refused ACCEPT launches nothing, so no update will ever give its budget back.
      this.inFlight -= launched;
    };
    this.options.calls.post(SCHEDULER_PATH, JSON.stringify({ framework_id: { value: this.frameworkId }, ...body }), this.headers).then(
      (answer) => {
        if (answer.status !== 202) {
          refused();
          sampleError(`scheduler call ${String(body['type'])}`, `${answer.status} ${answer.body}`);
        } else if (kind === 'ack') {
          counters.acksSent++;
        }
      },
      (err: unknown) => {
        refused();
        sampleError(`scheduler call ${String(body['type'])}`, String(err));
      },
    );
  }
}

/** Sum of an offer's scalar resource `name` (all roles). */
function scalar(offer: Json, name: string): number {
  let total = 0;
  for (const resource of (offer['resources'] as Json[] | undefined) ?? []) {
    if (resource['name'] === name) total += Number((resource['scalar'] as Json | undefined)?.['value'] ?? 0);
  }
  return total;
}
