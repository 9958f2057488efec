/**
 * Mojibake: text whose UTF-8 bytes were read as Windows-1252 / Latin-1 and encoded again (`Ã©` for `é`,
 * `ã‚¢` for `ア`, `â€™` for `’`). Such a run maps back, character by character, to bytes that form valid
 * UTF-8: that decoding is both the proof and the repair. A legitimate `Ã` or `â` is followed by a
 * letter, never by the continuation characters U+0080–U+00BF, so real text does not decode.
 */
/** Windows-1252's characters for the bytes 0x80–0x9F (the five undefined bytes map to themselves). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
// Latin-1 reads every byte 0x80–0xFF as U+0080–U+00FF; Windows-1252 reads 0x80–0x9F as the characters above.
const BYTE_OF = new Map<string, number>();
for (let b = 0x80; b <= 0xff; b++) BYTE_OF.set(String.fromCharCode(b), b);
for (let i = 0; i < 32; i++) BYTE_OF.set(CP1252_HIGH[i]!, 0x80 + i);

function byteOf(c: string): number | undefined {
  return BYTE_OF.get(c);
}

export interface MojibakeRun {
  /** Offsets in the string (UTF-16, half-open). */
  start: number;
  end: number;
  /** The text as it was meant. */
  decoded: string;
  /** Bytes in the longest sequence decoded (2 for `é`, 3 for `ア`). */
  longest: number;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Characters a decoding may yield: Latin-1 and Latin Extended-A, Greek, Cyrillic, general punctuation,
 * symbols, CJK, kana, full-width forms, emoji. A German `ß“` decodes to an NKo letter: not mojibake.
 */
function plausible(cp: number): boolean {
  return (
    (cp >= 0xa0 && cp <= 0x17f) ||
    (cp >= 0x370 && cp <= 0x4ff) ||
    (cp >= 0x2000 && cp <= 0x2bff) ||
    (cp >= 0x3000 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x1f000 && cp <= 0x1faff)
  );
}

/** Every run of double-encoded UTF-8 in `text`, with its decoding. One linear pass. */
export function findDoubleEncoded(text: string): MojibakeRun[] {
  const runs: MojibakeRun[] = [];
  let i = 0;
  while (i < text.length) {
    const lead = byteOf(text[i]!);
    const need = lead === undefined ? 0 : lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (need === 0) {
      i++;
      continue;
    }
    // A run of sequences: lead byte + `need` continuation bytes, repeated.
    const start = i;
    const bytes: number[] = [];
    let longest = 0;
    let j = i;
    while (j < text.length) {
      const b = byteOf(text[j]!);
      const n = b === undefined ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
      if (n === 0) break;
      const seq = [b!];
      let ok = true;
      for (let k = 1; k <= n; k++) {
        const c = byteOf(text[j + k] ?? '');
        if (c === undefined || c < 0x80 || c > 0xbf) {
          ok = false;
          break;
        }
        seq.push(c);
      }
      if (!ok) break;
      let char: string;
      try {
        char = decoder.decode(Uint8Array.from(seq));
      } catch {
        break;
      }
      if (!plausible(char.codePointAt(0)!)) break;
      bytes.push(...seq);
      longest = Math.max(longest, seq.length);
      j += n + 1;
    }
    if (bytes.length > 0) {
      runs.push({ start, end: j, decoded: decoder.decode(Uint8Array.from(bytes)), longest });
      i = j;
    } else i++;
  }
  return runs;
}

/** Replaces every double-encoded run of `text` with its decoding. */
export function repairDoubleEncoded(text: string, runs: readonly MojibakeRun[] = findDoubleEncoded(text)): string {
  let out = '';
  let last = 0;
  for (const r of runs) {
    out += text.slice(last, r.start) + r.decoded;
    last = r.end;
  }
  return out + text.slice(last);
}

