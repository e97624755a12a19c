import test from 'ava';
import { agentResources, diskForTasks, memoryForTasks } from './detect.ts';
import { parseAttributeText, parseResourceText, ResourceTextError } from './resource-text.ts';

const GB = 1024 ** 3;

test('memory keeps 1 GB for the system from 2 GB up, else half', (t) => {
  t.is(memoryForTasks(8 * GB), 7 * 1024);
  t.is(memoryForTasks(2 * GB), 1024);
  t.is(memoryForTasks(1 * GB), 512);
});

test('disk keeps 5 GB from 10 GB up, else half, and falls back to 10 GB', (t) => {
  t.is(diskForTasks(100 * GB), 95 * 1024);
  t.is(diskForTasks(8 * GB), 4 * 1024);
  t.is(diskForTasks(undefined), 10 * 1024);
});

test('detection covers cpus, mem, disk and ports; --resources replaces by name and adds new ones', (t) => {
  const resources = agentResources({ cores: 4, memBytes: 16 * GB, diskBytes: 50 * GB }, 'cpus:2;gpus:1;ports:[5000-5001]');
  const byName = Object.fromEntries(resources.map((r) => [r.name, r]));
  t.deepEqual(byName['cpus']?.scalar, { value: 2 });
  t.deepEqual(byName['mem']?.scalar, { value: 15 * 1024 });
  t.deepEqual(byName['disk']?.scalar, { value: 45 * 1024 });
  t.deepEqual(byName['gpus']?.scalar, { value: 1 });
  t.deepEqual(byName['ports']?.ranges, { range: [{ begin: 5000, end: 5001 }] });
  t.is(resources.filter((r) => r.name === 'cpus').length, 1);
});

test('resource text: roles, sets, and errors naming the entry', (t) => {
  t.deepEqual(parseResourceText('mem(eng):10'), [{ name: 'mem', type: 'SCALAR', scalar: { value: 10 }, reservations: [{ type: 'STATIC', role: 'eng' }] }]);
  t.deepEqual(parseResourceText('disks:{a, b}'), [{ name: 'disks', type: 'SET', set: { item: ['a', 'b'] } }]);
  t.throws(() => parseResourceText('cpus:lots'), { instanceOf: ResourceTextError, message: /cpus:lots/ });
  t.throws(() => parseResourceText('ports:[9-1]'), { message: /ends before/ });
  t.throws(() => parseResourceText('cpus'), { message: /name:value/ });
});

test('attribute text: numbers are scalars, others text', (t) => {
  t.deepEqual(parseAttributeText('rack:r1;level:3'), [
    { name: 'rack', type: 'TEXT', text: { value: 'r1' } },
    { name: 'level', type: 'SCALAR', scalar: { value: 3 } },
  ]);
});
