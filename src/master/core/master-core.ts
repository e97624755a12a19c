/**
 * The master's serial dispatcher: every input (scheduler call, agent call, allocator decision,
 * timer) enters through one of these methods and is applied synchronously to the registry, so
 * no two changes interleave. Awaiting happens only at the edges (HTTP bodies), before a method
 * is called; after such an await, callers look records up again rather than keeping them.
 */
import type { FieldProblem } from '../../lib/errors.ts';
import type { FrameworkInfoWire, ResourceWire, TaskStatusWire } from '../wire.ts';
import * as agents from './agents.ts';
import { type MasterContext, sendToAgent } from './context.ts';
import * as frameworks from './frameworks.ts';
import * as launch from './launch.ts';
import type { AgentRecord, EventSink, FrameworkRecord } from './model.ts';
import { makeOffers } from './offers.ts';
import type { Allocation, MasterDeps } from './ports.ts';
import { MasterRegistry } from './registry.ts';
import * as tasks from './tasks.ts';

export class MasterCore {
  readonly ctx: MasterContext;

  constructor(deps: MasterDeps) {
    this.ctx = { ...deps, registry: new MasterRegistry(deps.masterInfo.id) };
  }

  get registry(): MasterRegistry {
    return this.ctx.registry;
  }

  // --- scheduler side ------------------------------------------------------------------------

  subscribe(info: FrameworkInfoWire, suppressedRoles: readonly string[], sink: EventSink): frameworks.SubscribeResult {
    return frameworks.subscribe(this.ctx, info, suppressedRoles, sink);
  }

  schedulerStreamClosed(frameworkId: string, sink: EventSink): void {
    frameworks.streamClosed(this.ctx, frameworkId, sink);
  }

  teardown(framework: FrameworkRecord): void {
    frameworks.teardown(this.ctx, framework);
  }

  accept(framework: FrameworkRecord, input: launch.AcceptInput): void {
    launch.accept(this.ctx, framework, input);
  }

  decline(framework: FrameworkRecord, offerIds: unknown, refuseSeconds?: number): void {
    launch.decline(this.ctx, framework, offerIds, refuseSeconds);
  }

  revive(framework: FrameworkRecord, roles: readonly string[]): void {
    frameworks.revive(this.ctx, framework, roles);
  }

  suppress(framework: FrameworkRecord, roles: readonly string[]): void {
    frameworks.suppress(this.ctx, framework, roles);
  }

  updateFramework(framework: FrameworkRecord, info: FrameworkInfoWire, suppressedRoles: readonly string[]): FieldProblem[] {
    return frameworks.updateFramework(this.ctx, framework, info, suppressedRoles);
  }

  kill(framework: FrameworkRecord, taskId: string, agentId: string | undefined, killPolicy: unknown): void {
    tasks.kill(this.ctx, framework, taskId, agentId, killPolicy);
  }

  acknowledge(framework: FrameworkRecord, agentId: string, taskId: string, uuid: string): void {
    tasks.acknowledge(this.ctx, framework, agentId, taskId, uuid);
  }

  reconcile(framework: FrameworkRecord, items: readonly tasks.ReconcileItem[]): void {
    tasks.reconcile(this.ctx, framework, items);
  }

  shutdownExecutor(framework: FrameworkRecord, agentId: string, executorId: string): void {
    sendToAgent(this.ctx, agentId, { type: 'SHUTDOWN_EXECUTOR', shutdown_executor: { framework_id: { value: framework.id }, executor_id: { value: executorId } } });
  }

  messageToExecutor(framework: FrameworkRecord, agentId: string, executorId: string, data: string): void {
    sendToAgent(this.ctx, agentId, { type: 'FRAMEWORK_MESSAGE', framework_message: { framework_id: { value: framework.id }, executor_id: { value: executorId }, data } });
  }

  // --- agent side ----------------------------------------------------------------------------

  /**
   * Agent SUBSCRIBE: the registry records the admission first (the one await), then the agent
   * is looked up again and subscribed, unless its stream went away meanwhile.
   */
  async subscribeAgent(input: agents.AgentSubscribeInput, sink: EventSink): Promise<agents.AgentSubscribeResult> {
    const plan = agents.planAdmission(this.ctx, input);
    if (!plan.ok) return plan;
    if (plan.operation) {
      try {
        await this.ctx.registrar.apply(plan.operation);
      } catch (error) {
        this.ctx.logger.error({ err: error, agentId: plan.agentId }, 'registry refused the agent');
        return { ok: false, message: `Agent ${plan.agentId} could not be admitted: ${error instanceof Error ? error.message : String(error)}`, shutdown: false };
      }
    }
    if (sink.closed) return { ok: false, message: 'the agent disconnected during admission', shutdown: false };
    return agents.subscribeAgent(this.ctx, { ...input, agentId: plan.agentId, fresh: plan.fresh }, sink);
  }

  agentStreamClosed(agentId: string, sink: EventSink): void {
    agents.agentStreamClosed(this.ctx, agentId, sink);
  }

  statusUpdate(agent: AgentRecord, frameworkId: string, status: TaskStatusWire): void {
    tasks.agentStatusUpdate(this.ctx, agent.id, frameworkId, status);
  }

  executorExited(agent: AgentRecord, frameworkId: string, executorId: string, status: number | undefined): void {
    agents.executorExited(this.ctx, agent, frameworkId, executorId, status);
  }

  frameworkMessage(agent: AgentRecord, frameworkId: string, executorId: string, data: string): void {
    agents.frameworkMessageFromAgent(this.ctx, agent, frameworkId, executorId, data);
  }

  pong(agent: AgentRecord): void {
    agents.pong(agent);
  }

  updateAgentResources(agent: AgentRecord, resources: ResourceWire[]): void {
    agents.updateAgentResources(this.ctx, agent, resources);
  }

  // --- allocator -----------------------------------------------------------------------------

  offer(allocations: readonly Allocation[]): void {
    makeOffers(this.ctx, allocations);
  }

  /** Cancels every timer and closes every stream (shutdown). */
  stop(): void {
    for (const framework of this.registry.frameworks.values()) {
      framework.failoverTimer?.cancel();
      framework.heartbeatTimer?.cancel();
      framework.sink?.close();
    }
    for (const agent of this.registry.agents.values()) {
      agent.pingTimer?.cancel();
      agent.sink?.close();
    }
    for (const offer of this.registry.offers.values()) offer.timer?.cancel();
  }
}
