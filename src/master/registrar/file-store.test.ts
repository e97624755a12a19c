import test from 'ava';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ValidationError } from '../../lib/errors.ts';
import { FileRegistryStore, registryFilePath } from './file-store.ts';
import { agentInfo, registryStoreConformance, registryWith } from './store-conformance.ts';

registryStoreConformance(test, 'file store', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'registry-'));
  return { open: () => Promise.resolve(FileRegistryStore.inWorkDir(dir)), cleanup: () => rm(dir, { recursive: true, force: true }) };
});

test('writes leave only the registry file behind (temp files are renamed away)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'registry-'));
  try {
    const store = FileRegistryStore.inWorkDir(dir);
    let version = (await store.fetch()).version;
    for (let n = 0; n < 3; n++) version = await store.store(registryWith([{ type: 'admitAgent', agentId: `a${n}`, info: agentInfo(n) }]), version);
    t.deepEqual(await readdir(dir), ['registry.json']);
    const envelope = JSON.parse(await readFile(registryFilePath(dir), 'utf8')) as { version: number; registry: { agents: { id: string }[] } };
    t.is(envelope.version, 3);
    t.deepEqual(envelope.registry.agents.map((a) => a.id), ['a2']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a corrupted registry file is an error naming the file and the field', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'registry-'));
  try {
    const path = registryFilePath(dir);
    await writeFile(path, '{"version":2,"registry":{"format":1,"agents":[{"id":"","info":{}}],"gone":[{"id":"g","time_ms":-1}]}}');
    const error = await t.throwsAsync(FileRegistryStore.inWorkDir(dir).fetch(), { instanceOf: ValidationError });
    const paths = error?.problems.map((p) => p.path) ?? [];
    t.true(paths.includes(`${path}.registry.agents[0].id`), paths.join());
    t.true(paths.includes(`${path}.registry.agents[0].info`), paths.join());
    t.true(paths.includes(`${path}.registry.gone[0].time_ms`), paths.join());
    await writeFile(path, 'not json');
    await t.throwsAsync(FileRegistryStore.inWorkDir(dir).fetch(), { instanceOf: ValidationError, message: /malformed JSON/ });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
