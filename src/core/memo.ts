/** Names one memoised analysis; the type parameter is the type of its value. */
export interface MemoKey<T> {
  readonly name: string;
  /** Never set: it only carries `T`. */
  readonly value?: T;
}

export function memoKey<T>(name: string): MemoKey<T> {
  return Object.freeze({ name });
}

/**
 * What has been worked out about one object (a post, the set of other posts), kept on that object and
 * discarded with it: the one place the shared analyses memoise, instead of module-level caches keyed on
 * object identity. A value is computed on first use and again only when one of its inputs (compared by
 * identity: the config, the options, the other posts and their count) is not the one it was computed from.
 */
export class Memo {
  readonly #entries = new Map<MemoKey<unknown>, { inputs: readonly unknown[]; value: unknown }>();
  /**
   * Told how long each value took to work out (`check --timing`), the time of the analyses it asked for
   * first included. Unset, nothing is timed.
   */
  recorder: ((name: string, milliseconds: number) => void) | undefined;

  get<T>(key: MemoKey<T>, inputs: readonly unknown[], compute: () => T): T {
    const entry = this.#entries.get(key);
    if (entry && entry.inputs.length === inputs.length && entry.inputs.every((input, i) => input === inputs[i])) return entry.value as T;
    let value: T;
    if (this.recorder) {
      const start = performance.now();
      value = compute();
      this.recorder(key.name, performance.now() - start);
    } else value = compute();
    this.#entries.set(key, { inputs, value });
    return value;
  }

  /** The value of `key` if it has been worked out from these `inputs`, without working it out. */
  peek<T>(key: MemoKey<T>, inputs: readonly unknown[]): T | undefined {
    const entry = this.#entries.get(key);
    return entry && entry.inputs.length === inputs.length && entry.inputs.every((input, i) => input === inputs[i]) ? (entry.value as T) : undefined;
  }

  /**
   * Forgets everything worked out: a check releases a post's analyses once its findings are settled, so
   * a run over a whole site holds one post's analyses at a time, not every post's (any later use
   * computes them again).
   */
  clear(): void {
    this.#entries.clear();
  }
}
