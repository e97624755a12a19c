/**
 * The registry in one file of the work dir, for a standalone master (`mesos local`). Each write
 * goes to a temp file that is fsynced and renamed over the old one, so a crash leaves either the
 * old registry or the new one, never half of each. The version lives in the file and the
 * compare-and-set runs under an exclusive lock file (`registry.json.lock`, holding the writer's
 * pid; a lock whose process is dead is taken over), so a second master on the same work dir is
 * caught like any other writer.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { dirname, join } from 'node:path';
import { ValidationError } from '../../lib/errors.ts';
import { registryFromJson, serializeRegistry } from './codec.ts';
import { EMPTY_REGISTRY, type Registry } from './registry.ts';
import { RegistryConflictError, type RegistryStore, type StoredRegistry } from './store.ts';

export const REGISTRY_FILE_NAME = 'registry.json';

/** `<workDir>/registry.json` */
export function registryFilePath(workDir: string): string {
  return join(workDir, REGISTRY_FILE_NAME);
}

export class FileRegistryStore implements RegistryStore {
  constructor(readonly path: string) {}

  static inWorkDir(workDir: string): FileRegistryStore {
    return new FileRegistryStore(registryFilePath(workDir));
  }

  async fetch(): Promise<StoredRegistry> {
    const stored = await this.read();
    return stored ?? { registry: EMPTY_REGISTRY, version: 0 };
  }

  async store(registry: Registry, expectedVersion: number): Promise<number> {
    await mkdir(dirname(this.path), { recursive: true });
    const release = await this.lock();
    try {
      return await this.storeLocked(registry, expectedVersion);
    } finally {
      await release();
    }
  }

  private async storeLocked(registry: Registry, expectedVersion: number): Promise<number> {
    const current = (await this.read())?.version ?? 0;
    if (current !== expectedVersion) throw new RegistryConflictError(expectedVersion, `${this.path} is at version ${current}`);
    const version = expectedVersion + 1;
    const temp = `${this.path}.${randomUUID()}.tmp`;
    try {
      const handle = await open(temp, 'wx', 0o600);
      try {
        await handle.writeFile(`{"version":${version},"registry":${serializeRegistry(registry)}}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncDirectory(dirname(this.path));
    return version;
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Takes `<path>.lock`; writes are short, so waiting a little is enough for a live holder. */
  private async lock(): Promise<() => Promise<void>> {
    const lockPath = `${this.path}.lock`;
    for (let attempt = 0; ; attempt++) {
      try {
        const handle = await open(lockPath, 'wx', 0o600);
        await handle.writeFile(String(process.pid));
        await handle.close();
        return () => unlink(lockPath).catch(() => undefined);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = Number((await readFile(lockPath, 'utf8').catch(() => '')).trim());
      if (Number.isInteger(holder) && holder > 0 && !processAlive(holder)) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (attempt >= LOCK_ATTEMPTS) throw new Error(`${lockPath} is held by process ${holder || 'unknown'}`);
      await sleep(LOCK_RETRY_MS);
    }
  }

  private async read(): Promise<StoredRegistry | null> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let envelope: unknown;
    try {
      envelope = JSON.parse(text);
    } catch (error) {
      throw ValidationError.of(this.path, `malformed JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (typeof envelope !== 'object' || envelope === null) throw ValidationError.of(this.path, 'must be an object');
    const { version, registry } = envelope as { version?: unknown; registry?: unknown };
    if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw ValidationError.of(`${this.path}.version`, 'must be a positive integer');
    return { version, registry: registryFromJson(registry, `${this.path}.registry`) };
  }
}

const LOCK_RETRY_MS = 5;
const LOCK_ATTEMPTS = 2000;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Makes the rename itself durable. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
