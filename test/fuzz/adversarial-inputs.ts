/**
 * Hostile and broken posts, built from real ones: shared by the fuzz tests and bench/adversarial.ts so
 * the inputs a benchmark times are the ones the tests prove harmless.
 */
export interface AdversarialInput {
  name: string;
  bytes: Uint8Array;
}

const FRONT = '---\nlayout: post\ntitle: "t"\ndate: 2025-01-01 00:00:00 +0000\n---\n\n';

export function adversarialInputs(seedText: string, sizeBytes = 1024 * 1024): AdversarialInput[] {
  const enc = (s: string) => new TextEncoder().encode(s);
  const inputs: AdversarialInput[] = [];
  const long = (unit: string) => unit.repeat(Math.ceil(sizeBytes / Buffer.byteLength(unit)));

  inputs.push({ name: '1 MB single Japanese line', bytes: enc(FRONT + long('あいうえお、かきくけこ。')) });
  inputs.push({ name: '1 MB single line without any sentence end', bytes: enc(FRONT + long('あ')) });
  inputs.push({ name: '1 MB of digits and percent signs', bytes: enc(FRONT + long('1%2倍3兆4億 ')) });
  inputs.push({ name: '1 MB of brackets', bytes: enc(FRONT + long('「（『[')) });
  inputs.push({ name: '1 MB of emphasis markers', bytes: enc(FRONT + long('**_*`')) });
  inputs.push({ name: '1 MB of ---END--- fragments', bytes: enc(FRONT + long('---EN')) });
  inputs.push({ name: '10k-deep nested list', bytes: enc(`${FRONT}${'- '.repeat(10000)}x\n`) });
  inputs.push({ name: '10k-deep blockquote', bytes: enc(FRONT + `${'>'.repeat(10000)} x\n`) });
  inputs.push({ name: 'the same paragraph 5,000 times', bytes: enc(FRONT + Array.from({ length: 5000 }, () => 'これは繰り返される段落の本文です。数字は20%です。').join('\n\n')) });
  inputs.push({ name: '5,000 distinct short paragraphs', bytes: enc(FRONT + Array.from({ length: 5000 }, (_, i) => `段落${i}の本文は途中で`).join('\n\n')) });
  inputs.push({
    name: 'front matter with 10k keys',
    bytes: enc(`---\n${Array.from({ length: 10000 }, (_, i) => `key${i}: value ${i}`).join('\n')}\n---\n\nbody.\n`),
  });
  const bomb = ['---', 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 0; i < 9; i++) {
    const prev = String.fromCharCode(97 + i);
    const cur = String.fromCharCode(98 + i);
    bomb.push(`${cur}: &${cur} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`);
  }
  inputs.push({ name: 'YAML billion laughs', bytes: enc(`${bomb.join('\n')}\n---\n\nbody.\n`) });
  inputs.push({ name: 'control characters', bytes: enc(seedText.replace(/。/g, '。\u0000\u0007\u001b[31m\u202e')) });
  const seedBytes = enc(seedText);
  inputs.push({ name: 'seed truncated inside a multi-byte character', bytes: seedBytes.subarray(0, 1001) });
  const invalid = new Uint8Array(seedBytes);
  for (let i = 500; i < invalid.length; i += 997) invalid[i] = 0xff;
  inputs.push({ name: 'seed with invalid UTF-8 bytes', bytes: invalid });
  inputs.push({ name: 'CRLF seed', bytes: enc(seedText.replace(/\n/g, '\r\n')) });
  inputs.push({ name: 'lone CR seed', bytes: enc(seedText.replace(/\n/g, '\r')) });
  return inputs;
}
