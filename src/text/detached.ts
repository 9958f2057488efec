/**
 * A copy of `text` that shares no memory with the string it was cut from. V8 represents a slice of a
 * long string (and a concatenation holding one) as a pointer into the whole original: a finding whose
 * message quotes ten characters of a post would keep the post's whole text alive as long as the finding
 * lives. Prepending a character and slicing it off makes V8 flatten the concatenation into a new string
 * of the text's own length (the slice then points into that copy).
 */
export function detached(text: string): string {
  return (' ' + text).slice(1);
}

/**
 * `value` with every string inside its plain objects and arrays `detached`: a new object of the same
 * shape, for values kept for a whole run (the site's posts, the cross-post index) but cut from a text that
 * is done with (a title or a headline cut from a post would keep the post's text alive). Anything else
 * (typed arrays, dates, class instances) is kept as it is.
 */
export function withDetachedStrings<T>(value: T): T {
  if (typeof value === 'string') return detached(value) as T;
  if (Array.isArray(value)) return value.map(withDetachedStrings) as T;
  if (value === null || typeof value !== 'object') return value;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const copy: Record<string, unknown> = prototype === null ? (Object.create(null) as Record<string, unknown>) : {};
  for (const [key, item] of Object.entries(value)) copy[key] = withDetachedStrings(item);
  return copy as T;
}
