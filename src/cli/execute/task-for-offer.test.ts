import test from 'ava';
import type { Offer } from '../../sdk/index.ts';
import type { ExecuteOptions } from './options.ts';
import { offerFits, taskInfoFor } from './task-for-offer.ts';

const scalar = (name: string, value: number, role = '*') => ({ name, type: 'SCALAR' as const, scalar: { value }, allocation_info: { role } });
const offer: Offer = {
  id: { value: 'm-O1' }, framework_id: { value: 'm-0000' }, agent_id: { value: 'm-S0' }, hostname: 'h1',
  resources: [scalar('cpus', 0.05), scalar('cpus', 0.25, 'web'), scalar('mem', 64), { name: 'ports', type: 'RANGES' as const, ranges: { range: [{ begin: 31000, end: 32000 }] } }],
};
const options: ExecuteOptions = { master: 'http://m:5050', name: 'hi', command: 'echo hello', cpus: 0.2, mem: 32, dockerImage: undefined, env: {}, role: '*', user: 'root' };

test('an offer fits when its scalars cover the task, compared at Mesos precision', (t) => {
  t.true(offerFits(offer, { cpus: 0.3, mem: 64 }));
  t.false(offerFits(offer, { cpus: 0.301, mem: 64 }));
  t.false(offerFits(offer, { cpus: 0.1, mem: 64.5 }));
});

test('the task takes its resources from the offer, keeping their allocation info', (t) => {
  const task = taskInfoFor(offer, { ...options, env: { A: '1' }, dockerImage: 'busybox' }, 'hi-1');
  t.deepEqual(task.resources, [scalar('cpus', 0.05), scalar('cpus', 0.15, 'web'), scalar('mem', 32)]);
  t.deepEqual(task.agent_id, { value: 'm-S0' });
  t.deepEqual(task.command, { value: 'echo hello', shell: true, environment: { variables: [{ name: 'A', value: '1' }] } });
  t.deepEqual(task.container, { type: 'DOCKER', docker: { image: 'busybox', network: 'HOST' } });
});
