/**
 * Decodes records from an event stream with the protocol's schemas before the client acts on
 * them. The master is trusted to speak Mesos' JSON, but a proxy or a wrong port can hand us
 * anything: a record that is not an event becomes a ValidationError naming the field, which the
 * event iterators throw to the caller: retrying would not make the peer speak Mesos.
 */
import { parseJson } from '../protocol/codec/index.ts';
import { ExecutorEvent, SchedulerEvent } from '../protocol/v1/index.ts';
import { ValidationError } from '../lib/errors.ts';

export function parseSchedulerEvent(record: Uint8Array): SchedulerEvent {
  const result = parseJson(SchedulerEvent, record);
  if (!result.ok) throw new ValidationError(result.problems);
  if (result.value.type === 'SUBSCRIBED' && result.value.subscribed === undefined) {
    throw ValidationError.of('subscribed', 'is required in a SUBSCRIBED event');
  }
  return result.value;
}

export function parseExecutorEvent(record: Uint8Array): ExecutorEvent {
  const result = parseJson(ExecutorEvent, record);
  if (!result.ok) throw new ValidationError(result.problems);
  return result.value;
}
