/**
 * The master's metrics, computed from state at scrape time: `/metrics/snapshot` in Mesos' flat
 * JSON keys (`master/cpus_total`, ...) and `/metrics` in Prometheus text (`mesos_master_*`),
 * both from the one snapshot function so they never disagree.
 */
import { Gauge, Registry } from 'prom-client';
import { Resources } from '../lib/resources/index.ts';
import type { MasterRegistry } from './core/registry.ts';
import { TASK_STATES } from './state/task.ts';

export interface MetricsSource {
  readonly registry: MasterRegistry;
  readonly startTimeMs: number;
  readonly nowMs: () => number;
  readonly elected: () => boolean;
}

const RESOURCE_NAMES = ['cpus', 'mem', 'disk', 'gpus'] as const;

/** Mesos' `/metrics/snapshot` keys for this master. */
export function masterSnapshot(source: MetricsSource): Record<string, number> {
  const { registry } = source;
  const agents = [...registry.agents.values()];
  const registered = agents.filter((a) => a.state === 'registered');
  const frameworks = [...registry.frameworks.values()];
  const total = Resources.fromWire(registered.flatMap((a) => a.total));
  const used = Resources.fromWire(registered.flatMap((a) => registry.tasksOnAgent(a.id).filter((t) => !t.resourcesRecovered).flatMap((t) => t.resources)));
  const out: Record<string, number> = {
    'master/elected': source.elected() ? 1 : 0,
    'master/uptime_secs': (source.nowMs() - source.startTimeMs) / 1000,
    'master/slaves_active': registered.length,
    'master/slaves_inactive': 0,
    'master/slaves_connected': agents.filter((a) => a.sink !== null).length,
    'master/slaves_disconnected': agents.filter((a) => a.state === 'disconnected').length,
    'master/slaves_unreachable': agents.filter((a) => a.state === 'unreachable').length,
    'master/frameworks_active': frameworks.filter((f) => f.state === 'active').length,
    'master/frameworks_inactive': frameworks.filter((f) => f.state !== 'active').length,
    'master/frameworks_connected': frameworks.filter((f) => f.sink !== null).length,
    'master/frameworks_disconnected': frameworks.filter((f) => f.sink === null).length,
    'master/outstanding_offers': registry.offers.size,
  };
  for (const name of RESOURCE_NAMES) {
    const t = total.scalar(name);
    const u = used.scalar(name);
    out[`master/${name}_total`] = t;
    out[`master/${name}_used`] = u;
    out[`master/${name}_percent`] = t > 0 ? u / t : 0;
  }
  const counts = new Map<string, number>();
  for (const f of [...frameworks, ...registry.completedFrameworks]) {
    for (const task of [...f.tasks.values(), ...f.completedTasks]) counts.set(task.state, (counts.get(task.state) ?? 0) + 1);
  }
  for (const state of TASK_STATES) out[`master/${state.toLowerCase()}`.replace('master/task_', 'master/tasks_')] = counts.get(state) ?? 0;
  return out;
}

/** `master/cpus_total` -> `mesos_master_cpus_total`. */
export function prometheusName(key: string): string {
  return `mesos_${key.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

export interface MasterMetrics {
  readonly registry: Registry;
  /** Prometheus text of one consistent snapshot. */
  render(): Promise<string>;
}

/** Gauges for every snapshot key, all set from one snapshot taken per scrape. */
export function createMasterMetrics(source: MetricsSource): MasterMetrics {
  const registry = new Registry();
  let current: Record<string, number> = {};
  for (const key of Object.keys(masterSnapshot(source))) {
    new Gauge({
      name: prometheusName(key),
      help: `Mesos metric ${key}`,
      registers: [registry],
      collect() {
        this.set(current[key] ?? 0);
      },
    });
  }
  return {
    registry,
    async render() {
      current = masterSnapshot(source);
      return registry.metrics();
    },
  };
}
