/** The status update manager's ports: where updates are checkpointed and how they reach the master. */
import type { StatusUpdateWire } from '../wire.ts';

/** Where one task's update stream lives in the work_dir layout. */
export interface UpdateStreamLocation {
  readonly frameworkId: string;
  readonly executorId: string;
  readonly containerId: string;
  readonly taskId: string;
}

export type CheckpointRecord =
  | { readonly type: 'UPDATE'; readonly update: StatusUpdateWire }
  | { readonly type: 'ACK'; readonly uuid: string };

export interface UpdateCheckpointStore {
  /** Durably appends one record to the task's stream; resolves once written. */
  append(location: UpdateStreamLocation, record: CheckpointRecord): Promise<void>;
}

export interface UpdateSender {
  /** Sends one update to the master; loss is covered by the retry timer, so errors are the sender's to log. */
  send(update: StatusUpdateWire): void;
}
