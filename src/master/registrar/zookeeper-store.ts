/**
 * The registry in ZooKeeper, beside the election nodes but not among them: `<path>/registry`
 * holds a small manifest and its children hold the serialized registry in chunks, since a
 * znode carries at most about 1 MB. The manifest's znode version is the registry's version:
 *
 *   1. write every chunk of the new registry as `<base version>-<fresh generation id>-<index>`;
 *   2. set the manifest to that generation, conditional on the base version (the commit);
 *   3. delete chunks that no future commit can reference: any written from an older base, and
 *      other generations from the same base (best effort; readers never follow them). Chunks
 *      from newer bases may belong to a writer that can still win, so they are left alone.
 *
 * A writer that loses the race at step 2 gets BAD_VERSION, removes its own chunks and reports a
 * RegistryConflictError. A reader that finds a chunk missing raced a commit and reads again.
 */
import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../lib/errors.ts';
import { isZkCode, ZkCode } from '../../lib/zookeeper/errors.ts';
import { CreateMode, type ZkSession } from '../../lib/zookeeper/session.ts';
import { parseRegistry, serializeRegistry } from './codec.ts';
import { EMPTY_REGISTRY, type Registry } from './registry.ts';
import { RegistryConflictError, type RegistryStore, type StoredRegistry } from './store.ts';

/** Below ZooKeeper's default 1 MB jute.maxbuffer with room for the request's own framing. */
export const DEFAULT_CHUNK_BYTES = 512 * 1024;
const FETCH_ATTEMPTS = 5;

interface Manifest {
  /** The manifest version the writer read; part of chunk names so sweeps can tell dead ones. */
  readonly base: number;
  readonly generation: string;
  readonly chunks: number;
  readonly bytes: number;
}

export interface ZooKeeperRegistryStoreOptions {
  readonly session: ZkSession;
  /** The cluster's path (the `--zk` path, e.g. `/mesos`); the registry lives at `<path>/registry`. */
  readonly path: string;
  readonly chunkBytes?: number;
}

export class ZooKeeperRegistryStore implements RegistryStore {
  readonly manifestPath: string;
  private readonly session: ZkSession;
  private readonly chunkBytes: number;

  constructor(options: ZooKeeperRegistryStoreOptions) {
    this.session = options.session;
    this.manifestPath = `${options.path}/registry`;
    this.chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
    if (!Number.isInteger(this.chunkBytes) || this.chunkBytes < 1 || this.chunkBytes > 1_000_000) throw ValidationError.of('chunkBytes', 'must be an integer between 1 and 1000000');
  }

  async fetch(): Promise<StoredRegistry> {
    await this.session.ensurePath(this.manifestPath);
    for (let attempt = 1; ; attempt++) {
      const node = await this.session.get(this.manifestPath);
      if (node.data.length === 0) return { registry: EMPTY_REGISTRY, version: node.version };
      const manifest = parseManifest(node.data, this.manifestPath);
      try {
        const text = await this.readChunks(manifest);
        return { registry: parseRegistry(text, this.manifestPath), version: node.version };
      } catch (error) {
        // A newer commit removed the generation we were reading: read the manifest again.
        if (!isZkCode(error, ZkCode.NO_NODE) || attempt >= FETCH_ATTEMPTS) throw error;
      }
    }
  }

  async store(registry: Registry, expectedVersion: number): Promise<number> {
    await this.session.ensurePath(this.manifestPath);
    const data = Buffer.from(serializeRegistry(registry), 'utf8');
    const generation = randomUUID();
    const chunks = Math.max(1, Math.ceil(data.length / this.chunkBytes));
    const written: string[] = [];
    let version: number;
    try {
      for (let index = 0; index < chunks; index++) {
        const chunkPath = this.chunkPath(expectedVersion, generation, index);
        written.push(chunkPath);
        try {
          await this.session.create(chunkPath, data.subarray(index * this.chunkBytes, (index + 1) * this.chunkBytes), CreateMode.PERSISTENT);
        } catch (error) {
          // The path is ours alone: NODE_EXISTS means a create resent after a connection loss had landed.
          if (!isZkCode(error, ZkCode.NODE_EXISTS)) throw error;
        }
      }
      const manifest = JSON.stringify({ base: expectedVersion, generation, chunks, bytes: data.length } satisfies Manifest);
      version = await this.commit(manifest, expectedVersion);
    } catch (error) {
      await this.deleteQuietly(written);
      throw error;
    }
    await this.sweepDeadChunks(expectedVersion, generation);
    return version;
  }

  /** The conditional manifest write; a resend that finds its own manifest already there succeeded. */
  private async commit(manifest: string, expectedVersion: number): Promise<number> {
    try {
      return await this.session.set(this.manifestPath, manifest, expectedVersion);
    } catch (error) {
      if (!isZkCode(error, ZkCode.BAD_VERSION)) throw error;
      const current = await this.session.get(this.manifestPath);
      if (current.data.toString('utf8') === manifest) return current.version;
      throw new RegistryConflictError(expectedVersion, `${this.manifestPath} moved on`);
    }
  }

  close(): Promise<void> {
    // The session belongs to the caller (it is shared with the contender).
    return Promise.resolve();
  }

  private chunkPath(base: number, generation: string, index: number): string {
    return `${this.manifestPath}/${chunkPrefix(base, generation)}${String(index).padStart(6, '0')}`;
  }

  private async readChunks(manifest: Manifest): Promise<string> {
    const parts: Buffer[] = [];
    for (let index = 0; index < manifest.chunks; index++) parts.push((await this.session.get(this.chunkPath(manifest.base, manifest.generation, index))).data);
    const data = Buffer.concat(parts);
    if (data.length !== manifest.bytes) throw ValidationError.of(this.manifestPath, `chunks hold ${data.length} bytes, manifest says ${manifest.bytes}`);
    return data.toString('utf8');
  }

  private async sweepDeadChunks(base: number, keep: string): Promise<void> {
    const children = await this.session.getChildren(this.manifestPath).catch(() => [] as string[]);
    const keepPrefix = chunkPrefix(base, keep);
    const dead = children.filter((name) => {
      const childBase = Number(name.slice(0, name.indexOf('-')));
      return Number.isInteger(childBase) && childBase <= base && !name.startsWith(keepPrefix);
    });
    await this.deleteQuietly(dead.map((name) => `${this.manifestPath}/${name}`));
  }

  private async deleteQuietly(paths: readonly string[]): Promise<void> {
    for (const path of paths) {
      // Leftovers are harmless (never referenced) and the next commit sweeps them again.
      await this.session.delete(path).catch(() => undefined);
    }
  }
}

function chunkPrefix(base: number, generation: string): string {
  return `${String(base).padStart(10, '0')}-${generation}-`;
}

function parseManifest(data: Buffer, path: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch {
    throw ValidationError.of(path, 'manifest is not JSON');
  }
  const m = json as Partial<Record<keyof Manifest, unknown>> | null;
  const problems = [];
  if (typeof m?.base !== 'number' || !Number.isInteger(m.base) || m.base < 0) problems.push({ path: `${path}.base`, message: 'must be a non-negative integer' });
  if (typeof m?.generation !== 'string' || !/^[0-9a-f-]{36}$/.test(m.generation)) problems.push({ path: `${path}.generation`, message: 'must be a UUID' });
  if (typeof m?.chunks !== 'number' || !Number.isInteger(m.chunks) || m.chunks < 1) problems.push({ path: `${path}.chunks`, message: 'must be a positive integer' });
  if (typeof m?.bytes !== 'number' || !Number.isInteger(m.bytes) || m.bytes < 0) problems.push({ path: `${path}.bytes`, message: 'must be a non-negative integer' });
  if (problems.length > 0) throw new ValidationError(problems);
  return m as Manifest;
}
