/**
 * Registry operations, by name, and the one pure function that applies them. The master never
 * edits the registry directly: it asks the Registrar to apply an operation, which persists the
 * result before it takes effect. Rules follow Mesos' registrar operations (AdmitSlave,
 * MarkSlaveUnreachable, MarkSlaveReachable, MarkAgentGone, RemoveSlave, Prune): an operation that would
 * change nothing succeeds as a no-op; one that contradicts the registry is an error.
 *
 *   admitAgent ──> admitted ──markAgentUnreachable──> unreachable
 *                   ^   │  <──markAgentReachable───────┘   │
 *      removeAgent ─┘   └──markAgentGone──> gone <──markAgentGone
 */
import { assertNever } from '../../lib/errors.ts';
import type { AgentInfoWire } from '../wire.ts';
import { type DraftRegistry, draftOf, type Registry } from './registry.ts';

export type RegistryOperation =
  | { readonly type: 'admitAgent'; readonly agentId: string; readonly info: AgentInfoWire }
  | { readonly type: 'markAgentUnreachable'; readonly agentId: string; readonly timeMs: number }
  | { readonly type: 'markAgentReachable'; readonly agentId: string; readonly info: AgentInfoWire }
  | { readonly type: 'markAgentGone'; readonly agentId: string; readonly timeMs: number }
  | { readonly type: 'removeAgent'; readonly agentId: string }
  /** Registry GC: forgets unreachable and gone entries (see gc.ts); ids not present are skipped. */
  | { readonly type: 'pruneAgents'; readonly unreachable: readonly string[]; readonly gone: readonly string[] };

export type RegistryOperationType = RegistryOperation['type'];

/** An operation the registry refuses; the registry is left as it was. */
export class RegistryOperationError extends Error {
  override readonly name = 'RegistryOperationError';
  constructor(readonly operation: RegistryOperationType, readonly agentId: string, reason: string) {
    super(`${operation} ${agentId}: ${reason}`);
  }
}

export type ApplyResult =
  | { readonly ok: true; readonly registry: Registry; readonly changed: boolean }
  | { readonly ok: false; readonly error: RegistryOperationError };

/** Applies one operation to an immutable registry; returns the new registry or why not. */
export function applyOperation(registry: Registry, operation: RegistryOperation): ApplyResult {
  const refusal = check(registry, operation);
  if (refusal) return { ok: false, error: new RegistryOperationError(operation.type, subjectOf(operation), refusal) };
  if (isNoOp(registry, operation)) return { ok: true, registry, changed: false };
  const draft = draftOf(registry);
  mutate(draft, operation);
  return { ok: true, registry: draft, changed: true };
}

/**
 * Applies one operation to a batch's draft, replacing its maps by their next versions. Returns
 * the refusal, or whether anything changed; a refused operation leaves the draft untouched.
 */
export function applyToDraft(draft: DraftRegistry, operation: RegistryOperation): RegistryOperationError | boolean {
  const refusal = check(draft, operation);
  if (refusal) return new RegistryOperationError(operation.type, subjectOf(operation), refusal);
  if (isNoOp(draft, operation)) return false;
  mutate(draft, operation);
  return true;
}

function subjectOf(op: RegistryOperation): string {
  return op.type === 'pruneAgents' ? '(prune)' : op.agentId;
}

/** Why the operation contradicts the registry, or undefined when it may proceed. */
function check(registry: Registry, op: RegistryOperation): string | undefined {
  if (op.type === 'pruneAgents') return undefined;
  const id = op.agentId;
  if (typeof id !== 'string' || id === '') return 'agentId must be a non-empty string';
  const admitted = registry.agents.has(id);
  const unreachable = registry.unreachable.has(id);
  const gone = registry.gone.has(id);
  switch (op.type) {
    case 'admitAgent':
      if (gone) return 'agent is gone';
      if (admitted) return 'agent already admitted';
      if (unreachable) return 'agent is unreachable; mark it reachable instead';
      return undefined;
    case 'markAgentUnreachable':
      if (gone) return 'agent is gone';
      if (!admitted) return unreachable ? 'agent is already unreachable' : 'agent is not admitted';
      return validTime(op.timeMs);
    case 'markAgentReachable':
      return gone ? 'agent is gone' : undefined;
    case 'markAgentGone':
      if (!gone && !admitted && !unreachable) return 'agent is not known';
      return validTime(op.timeMs);
    case 'removeAgent':
      return admitted ? undefined : 'agent is not admitted';
    default:
      return assertNever(op, 'registry operation');
  }
}

function validTime(timeMs: number): string | undefined {
  return Number.isFinite(timeMs) && timeMs >= 0 ? undefined : `timeMs must be a non-negative number, got ${String(timeMs)}`;
}

/** Valid operations that would change nothing (Mesos answers these "false": no mutation). */
function isNoOp(registry: Registry, op: RegistryOperation): boolean {
  if (op.type === 'markAgentReachable') return registry.agents.has(op.agentId);
  if (op.type === 'markAgentGone') return registry.gone.has(op.agentId);
  if (op.type === 'pruneAgents') return !op.unreachable.some((id) => registry.unreachable.has(id)) && !op.gone.some((id) => registry.gone.has(id));
  return false;
}

function mutate(draft: DraftRegistry, op: RegistryOperation): void {
  switch (op.type) {
    case 'admitAgent':
      draft.agents = draft.agents.set(op.agentId, op.info);
      return;
    case 'markAgentUnreachable':
      draft.agents = draft.agents.delete(op.agentId);
      draft.unreachable = draft.unreachable.set(op.agentId, op.timeMs);
      return;
    case 'markAgentReachable':
      draft.unreachable = draft.unreachable.delete(op.agentId);
      draft.agents = draft.agents.set(op.agentId, op.info);
      return;
    case 'markAgentGone':
      draft.agents = draft.agents.delete(op.agentId);
      draft.unreachable = draft.unreachable.delete(op.agentId);
      draft.gone = draft.gone.set(op.agentId, op.timeMs);
      return;
    case 'removeAgent':
      draft.agents = draft.agents.delete(op.agentId);
      return;
    case 'pruneAgents':
      for (const id of op.unreachable) draft.unreachable = draft.unreachable.delete(id);
      for (const id of op.gone) draft.gone = draft.gone.delete(id);
      return;
    default:
      assertNever(op, 'registry operation');
  }
}
