/**
 * Checks records from an event stream before the client acts on them. The master is trusted to
 * speak Mesos' JSON, but a proxy or a wrong port can hand us anything: a record that is not an
 * event becomes an error naming the field, which ends the stream and triggers a reconnect.
 */
import { ValidationError } from '../lib/errors.ts';
import type { ExecutorEvent, SchedulerEvent } from './wire.ts';

function requireEventObject(record: unknown): { type: string } & Record<string, unknown> {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw ValidationError.of('', 'event is not a JSON object');
  }
  const type = (record as Record<string, unknown>).type;
  if (typeof type !== 'string') throw ValidationError.of('type', 'is missing or not a string');
  return record as { type: string } & Record<string, unknown>;
}

export function parseSchedulerEvent(record: unknown): SchedulerEvent {
  const event = requireEventObject(record);
  if (event.type === 'SUBSCRIBED') {
    const subscribed = event.subscribed as { framework_id?: { value?: unknown } } | undefined;
    if (typeof subscribed?.framework_id?.value !== 'string') {
      throw ValidationError.of('subscribed.framework_id.value', 'is required in a SUBSCRIBED event');
    }
  }
  return event as SchedulerEvent;
}

export function parseExecutorEvent(record: unknown): ExecutorEvent {
  return requireEventObject(record) as ExecutorEvent;
}
