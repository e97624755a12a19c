/**
 * An immutable map whose `set`/`delete` return a new version in O(1) instead of copying: every
 * version shares one underlying Map, and all but the current version hold a one-entry diff to a
 * newer (or, after rerooting, older) version (Baker's "rerooting" persistent array). Reading a
 * version first makes it the one the Map represents, at a cost of the diffs walked; the Registrar
 * nearly always reads the newest version, so admitting N agents costs O(N) overall rather than
 * the O(N^2) of copying the registry's maps once per write.
 *
 * Iteration walks a snapshot, because reading another version of the same lineage mid-iteration
 * (e.g. comparing two registries) rewrites the shared Map.
 */
interface Diff<K, V> {
  readonly key: K;
  readonly present: boolean;
  readonly value: V | undefined;
  /** The version this one differs from by `key` alone. */
  readonly other: VersionedMap<K, V>;
}

export class VersionedMap<K, V> implements ReadonlyMap<K, V> {
  private state: Map<K, V> | Diff<K, V>;

  private constructor(state: Map<K, V> | Diff<K, V>) {
    this.state = state;
  }

  static empty<K, V>(): VersionedMap<K, V> {
    return new VersionedMap(new Map<K, V>());
  }

  /** Reuses a VersionedMap as is; copies any other map once. */
  static of<K, V>(map: ReadonlyMap<K, V>): VersionedMap<K, V> {
    return map instanceof VersionedMap ? (map as VersionedMap<K, V>) : new VersionedMap(new Map(map));
  }

  /** This version with `key` set to `value`; this version stays as it was. */
  set(key: K, value: V): VersionedMap<K, V> {
    const map = this.reroot();
    const next = new VersionedMap<K, V>(map);
    this.state = { key, present: map.has(key), value: map.get(key), other: next };
    map.set(key, value);
    return next;
  }

  /** This version without `key` (itself when `key` is absent); this version stays as it was. */
  delete(key: K): VersionedMap<K, V> {
    const map = this.reroot();
    if (!map.has(key)) return this;
    const next = new VersionedMap<K, V>(map);
    this.state = { key, present: true, value: map.get(key), other: next };
    map.delete(key);
    return next;
  }

  get size(): number {
    return this.reroot().size;
  }

  get(key: K): V | undefined {
    return this.reroot().get(key);
  }

  has(key: K): boolean {
    return this.reroot().has(key);
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }

  entries(): MapIterator<[K, V]> {
    return [...this.reroot()][Symbol.iterator]() as MapIterator<[K, V]>;
  }

  keys(): MapIterator<K> {
    return [...this.reroot().keys()][Symbol.iterator]() as MapIterator<K>;
  }

  values(): MapIterator<V> {
    return [...this.reroot().values()][Symbol.iterator]() as MapIterator<V>;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  /** Makes the shared Map represent this version. */
  private reroot(): Map<K, V> {
    return this.state instanceof Map ? this.state : VersionedMap.rerootAt(this);
  }

  /** Walks the diffs from `target` to the Map and turns each around (iteratively: chains can be long). */
  private static rerootAt<K, V>(target: VersionedMap<K, V>): Map<K, V> {
    const chain: VersionedMap<K, V>[] = [];
    let holder = target;
    while (!(holder.state instanceof Map)) {
      chain.push(holder);
      holder = holder.state.other;
    }
    const map = holder.state;
    for (let i = chain.length - 1; i >= 0; i--) {
      const version = chain[i] as VersionedMap<K, V>;
      const diff = version.state as Diff<K, V>;
      holder.state = { key: diff.key, present: map.has(diff.key), value: map.get(diff.key), other: version };
      if (diff.present) map.set(diff.key, diff.value as V);
      else map.delete(diff.key);
      version.state = map;
      holder = version;
    }
    return map;
  }
}
