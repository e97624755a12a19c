/**
 * What every handler in the core receives: the injected ports plus the registry. Handlers are
 * plain synchronous functions of (context, input), so each is testable on its own.
 */
import type { AgentEventWire, SchedulerEventWire } from '../wire.ts';
import type { FrameworkRecord } from './model.ts';
import type { MasterDeps } from './ports.ts';
import type { MasterRegistry } from './registry.ts';

export interface MasterContext extends MasterDeps {
  readonly registry: MasterRegistry;
}

/** Best effort: a framework without a live stream simply misses the event (as in Mesos). */
export function sendToFramework(framework: FrameworkRecord | undefined, event: SchedulerEventWire): void {
  if (framework?.sink && !framework.sink.closed) framework.sink.send(event);
}

/** Best effort: an agent without a live stream misses the event; its re-registration reconciles. */
export function sendToAgent(ctx: MasterContext, agentId: string, event: AgentEventWire): void {
  const agent = ctx.registry.agents.get(agentId);
  if (agent?.sink && !agent.sink.closed) agent.sink.send(event);
}
