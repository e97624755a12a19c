/**
 * An indexed binary min-heap of sorter clients, ordered the way Mesos' DRF sorter orders them:
 * lower share first, then fewer allocations, then name. Each client remembers its slot, so a
 * changed share is fixed with one sift (O(log n)) instead of a re-sort. `OrderedWalk` reads the
 * heap in sorted order lazily, so a round that only needs the first few clients pays for those.
 */

export interface HeapClient {
  readonly name: string;
  /** Dominant share, already divided by weight where weights apply. */
  share: number;
  /** How many times this client was given resources; the first tie-breaker. */
  allocations: number;
  /** Slot in the heap, -1 when not in it. Owned by the heap. */
  heapIndex: number;
}

export function comesBefore(a: HeapClient, b: HeapClient): boolean {
  if (a.share !== b.share) return a.share < b.share;
  if (a.allocations !== b.allocations) return a.allocations < b.allocations;
  return a.name < b.name;
}

export class ClientHeap<T extends HeapClient> {
  private readonly items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  has(client: T): boolean {
    const i = client.heapIndex;
    return i >= 0 && this.items[i] === client;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Slot access for `OrderedWalk`; undefined past the end. */
  at(index: number): T | undefined {
    return this.items[index];
  }

  insert(client: T): void {
    if (this.has(client)) return;
    client.heapIndex = this.items.length;
    this.items.push(client);
    this.siftUp(client.heapIndex);
  }

  remove(client: T): void {
    if (!this.has(client)) return;
    const i = client.heapIndex;
    const last = this.items.pop() as T;
    client.heapIndex = -1;
    if (last === client) return;
    this.items[i] = last;
    last.heapIndex = i;
    this.update(last);
  }

  /** Re-positions a client whose share or allocation count changed. */
  update(client: T): void {
    if (!this.has(client)) return;
    const i = this.siftUp(client.heapIndex);
    this.siftDown(i);
  }

  /** Restores heap order after many keys changed at once (e.g. the cluster total moved). O(n). */
  rebuild(): void {
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  values(): readonly T[] {
    return this.items;
  }

  private siftUp(start: number): number {
    const items = this.items;
    let i = start;
    const item = items[i] as T;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = items[parentIndex] as T;
      if (!comesBefore(item, parent)) break;
      items[i] = parent;
      parent.heapIndex = i;
      i = parentIndex;
    }
    items[i] = item;
    item.heapIndex = i;
    return i;
  }

  private siftDown(start: number): void {
    const items = this.items;
    const n = items.length;
    let i = start;
    const item = items[i] as T;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && comesBefore(items[right] as T, items[left] as T)) child = right;
      const childItem = items[child] as T;
      if (!comesBefore(childItem, item)) break;
      items[i] = childItem;
      childItem.heapIndex = i;
      i = child;
    }
    items[i] = item;
    item.heapIndex = i;
  }
}

/**
 * Walks a heap in sorted order without changing it: a small frontier heap of slots, seeded with
 * the root; taking a slot adds its two children. The k-th client costs O(log k). Reusable; the
 * heap must not change while a walk is in progress.
 */
export class OrderedWalk<T extends HeapClient> {
  private frontier: number[] = [];
  private heap: ClientHeap<T> | undefined;

  start(heap: ClientHeap<T>): this {
    this.heap = heap;
    this.frontier.length = 0;
    if (heap.size > 0) this.frontier.push(0);
    return this;
  }

  next(): T | undefined {
    const heap = this.heap;
    const frontier = this.frontier;
    if (!heap || frontier.length === 0) return undefined;
    const top = frontier[0] as number;
    const last = frontier.pop() as number;
    if (frontier.length > 0) {
      frontier[0] = last;
      this.siftDown(0);
    }
    const left = 2 * top + 1;
    if (left < heap.size) this.push(left);
    if (left + 1 < heap.size) this.push(left + 1);
    return heap.at(top);
  }

  private before(a: number, b: number): boolean {
    const heap = this.heap as ClientHeap<T>;
    return comesBefore(heap.at(a) as T, heap.at(b) as T);
  }

  private push(slot: number): void {
    const frontier = this.frontier;
    let i = frontier.length;
    frontier.push(slot);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parentSlot = frontier[p] as number;
      if (!this.before(slot, parentSlot)) break;
      frontier[i] = parentSlot;
      i = p;
    }
    frontier[i] = slot;
  }

  private siftDown(start: number): void {
    const frontier = this.frontier;
    const n = frontier.length;
    let i = start;
    const slot = frontier[i] as number;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      if (l + 1 < n && this.before(frontier[l + 1] as number, frontier[l] as number)) c = l + 1;
      const childSlot = frontier[c] as number;
      if (!this.before(childSlot, slot)) break;
      frontier[i] = childSlot;
      i = c;
    }
    frontier[i] = slot;
  }
}
