/**
 * A map that keeps the most recently used entries within a budget (bytes, or entries when every cost is
 * 1): what a run works out again and again about the same keys, kept without letting it grow with the run.
 * Order of use is the Map's insertion order (a hit is deleted and set again), so eviction is O(1).
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, { value: V; cost: number }>();
  private used = 0;

  constructor(
    private readonly budget: number,
    private readonly costOf: (value: V) => number = () => 1,
  ) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value`, then forgets the least recently used entries until the budget holds (the newest stays even alone over it). */
  set(key: K, value: V): void {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.used -= old.cost;
      this.entries.delete(key);
    }
    const cost = this.costOf(value);
    this.entries.set(key, { value, cost });
    this.used += cost;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.budget || oldest === key) break;
      this.entries.delete(oldest);
      this.used -= entry.cost;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The total cost of the entries kept. */
  get cost(): number {
    return this.used;
  }
}
