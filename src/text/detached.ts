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
