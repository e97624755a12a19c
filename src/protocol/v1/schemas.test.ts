import test from 'ava';
import { fieldTable } from '../codec/index.ts';
import type { EnumSchema, MessageSchemaOf, Schema } from '../codec/index.ts';
import * as v1 from './index.ts';

const exported: [string, Schema<unknown>][] = Object.entries(v1 as Record<string, unknown>).flatMap(([name, value]) =>
  typeof value === 'object' && value !== null && 'kind' in value ? [[name, value as Schema<unknown>]] : [],
);

test('every exported message compiles: unique positive field numbers, names that are safe keys', (t) => {
  const messages = exported.filter(([, s]) => s.kind === 'message') as [string, MessageSchemaOf<unknown>][];
  t.true(messages.length > 80);
  for (const [name, schema] of messages) {
    const fields = fieldTable(schema);
    const numbers = new Set(fields.map((f) => f.number));
    t.is(numbers.size, fields.length, name);
    t.true(schema.typeName.startsWith('mesos.v1.'), name);
  }
});

test('every exported enum maps names to distinct numbers and back', (t) => {
  const enums = exported.filter(([, s]) => s.kind === 'enum') as [string, EnumSchema<string>][];
  t.true(enums.length > 20);
  for (const [name, schema] of enums) {
    t.is(schema.byNumber.size, schema.names.length, name);
    for (const n of schema.names) t.is(schema.byNumber.get(schema.numbers[n] as number), n);
  }
});

test('field numbers match the reference for the scheduler Call', (t) => {
  const numbers = Object.fromEntries(fieldTable(v1.SchedulerCall).map((f) => [f.name, f.number]));
  t.deepEqual(numbers, {
    framework_id: 1, type: 2, subscribe: 3, accept: 4, decline: 5, kill: 6, shutdown: 7, acknowledge: 8, reconcile: 9, message: 10,
    request: 11, accept_inverse_offers: 13, decline_inverse_offers: 14, revive: 15, suppress: 16, acknowledge_operation_status: 17,
    reconcile_operations: 18, update_framework: 19,
  });
  t.is(v1.TaskState.numbers.TASK_STAGING, 6);
  t.is(v1.TaskState.byNumber.get(13), 'TASK_UNKNOWN');
});
