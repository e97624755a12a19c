import test from 'ava';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '../../lib/errors.ts';
import { checkContainerId, parseContainerState, StateDir } from './state-file.ts';

test('container ids must be plain names; the error names the field', (t) => {
  t.notThrows(() => checkContainerId('4c1f3e6a-1b2c-4d5e-8f90-123456789abc'));
  for (const bad of ['', '.', '..', 'a/b', '../etc', 'x'.repeat(201), 'sp ace']) {
    const error = t.throws(() => checkContainerId(bad), { instanceOf: ValidationError });
    t.is(error.problems[0]?.path, 'containerId');
  }
});

test('state round-trips through its dir, Infinity limits included; garbage reads as nothing', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'linux-state-'));
  const states = new StateDir(dir);
  const state = { containerId: 'c1', pid: 42, isolatePids: true, resources: { cpus: 0.5, mem: 64 }, limits: { mem: Infinity } };
  await states.write(state);
  t.deepEqual(await states.read('c1'), state);
  t.deepEqual(await states.ids(), ['c1']);
  await writeFile(join(dir, 'c2.json'), '{not json');
  t.is(await states.read('c2'), undefined);
  t.is(await states.read('missing'), undefined);
  await states.remove('c1');
  await states.remove('c1');
  t.deepEqual(await states.ids(), ['c2']);
  t.is(parseContainerState('{"containerId":"x","pid":"1","isolatePids":false,"resources":{}}'), undefined);
  await rm(dir, { recursive: true, force: true });
});
