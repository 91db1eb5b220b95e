/** A small in-memory LRU map: the least recently used entry goes when it is full. */
export class LruCache<V> {
  private readonly store = new Map<string, V>();

  constructor(private readonly maxItems: number) {}

  get(key: string): V | undefined {
    const hit = this.store.get(key);
    if (hit !== undefined) {
      this.store.delete(key);
      this.store.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: V): void {
    this.store.delete(key);
    this.store.set(key, value);
    while (this.store.size > this.maxItems) this.store.delete(this.store.keys().next().value as string);
  }

  get size(): number {
    return this.store.size;
  }
}
