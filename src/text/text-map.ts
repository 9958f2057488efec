/**
 * A map from strings to values for long strings met once each (a post's block texts): looked up by a hash
 * of the length and at most ~64 characters spread over the string, then compared whole, instead of V8's
 * hash of every character of each new string (~40 ms of the site head's 19 M characters of block text,
 * when most of them are never looked up again). Texts that share the sampled characters share a bucket;
 * a bucket of more than `BUCKET_MAX` goes on in a `Map` keyed by the strings, so no input makes it slower
 * than a `Map`.
 */
export class TextMap<V> {
  private readonly buckets = new Map<number, Bucket<V>>();

  get(key: string): V | undefined {
    const bucket = this.buckets.get(sampleHash(key));
    if (bucket === undefined) return undefined;
    if (bucket.overflow !== null) return bucket.overflow.get(key);
    for (let i = 0; i < bucket.keys.length; i++) if (bucket.keys[i] === key) return bucket.values[i];
    return undefined;
  }

  /** Sets the value of a key the map does not hold yet. */
  add(key: string, value: V): void {
    const hash = sampleHash(key);
    const bucket = this.buckets.get(hash);
    if (bucket === undefined) this.buckets.set(hash, { keys: [key], values: [value], overflow: null });
    else if (bucket.overflow !== null) bucket.overflow.set(key, value);
    else if (bucket.keys.length < BUCKET_MAX) {
      bucket.keys.push(key);
      bucket.values.push(value);
    } else {
      bucket.overflow = new Map(bucket.keys.map((k, i) => [k, bucket.values[i]!]));
      bucket.overflow.set(key, value);
    }
  }
}

interface Bucket<V> {
  keys: string[];
  values: V[];
  overflow: Map<string, V> | null;
}

const BUCKET_MAX = 8;

/** FNV-1a over the length, the last character and every `length / 32`-th character (all of a short string). */
function sampleHash(s: string): number {
  const length = s.length;
  let h = Math.imul(0x811c9dc5 ^ length, 0x01000193);
  if (length === 0) return h;
  h = Math.imul(h ^ s.charCodeAt(length - 1), 0x01000193);
  const step = length > 64 ? (length >>> 5) : 1;
  for (let i = 0; i < length; i += step) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
