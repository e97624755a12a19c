/** Status updates the agent itself generates (SOURCE_AGENT), e.g. for a task it could not launch. */
import { newUuidBytesBase64 } from '../lib/ids.ts';
import type { StatusUpdateWire, TaskStatusWire } from './wire.ts';

export interface AgentStatusInput {
  readonly frameworkId: string;
  readonly taskId: string;
  readonly executorId: string | undefined;
  readonly agentId: string;
  readonly state: string;
  readonly reason?: string;
  readonly message?: string;
  readonly nowMs: number;
}

export function agentStatusUpdate(input: AgentStatusInput): StatusUpdateWire {
  const status: TaskStatusWire = {
    task_id: { value: input.taskId },
    state: input.state,
    source: 'SOURCE_AGENT',
    uuid: newUuidBytesBase64(),
    agent_id: { value: input.agentId },
    timestamp: input.nowMs / 1000,
    ...(input.executorId !== undefined ? { executor_id: { value: input.executorId } } : {}),
    ...(input.reason !== undefined ? { reason: input.reason } : {}),
    ...(input.message !== undefined ? { message: input.message } : {}),
  };
  return { framework_id: { value: input.frameworkId }, status };
}
