import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proseBlocks } from '../../src/analysis/blocks.js';
import { EXPERIENCE_GATED, findVoiceSentences, REPORTED_GATED, VOICE_NEEDS, voiceHits, voiceSigns } from '../../src/analysis/persona.js';
import { parsePost } from '../../src/post/parse.js';
import { sentenceBounds, splitSentences } from '../../src/text/sentence.js';
import { itOnEveryRealPost, realLines } from '../helpers.js';

/** Sentences of the seeds, the vim-jp posts (CC BY 4.0) and clean-en (MIT). */
const realSentences = (): string[] => realLines(['corpus/clean-en', 'corpus/human-ja-vim-jp/_posts']).flatMap(splitSentences);

// Sentences each pattern matches, with the case and letters `/iu` folds (ſ for s) varied.
const MATCHING = [
  '田中氏によると、導入は進んでいる。',
  '山田さんは「遅い」と語った。',
  '担当者は課題を指摘と強調した。',
  'According to the CEO, revenue doubled.',
  'The cto said it was fine.',
  'She SAYS it works.',
  'He ſaid so.',
  'He told us, and explained why.',
  'I think so.',
  "I'm sure.",
  'In my view, yes.',
  'Ask me later.',
  'It was written by myself.',
  '(I) agree.',
  '私は、Iを使う。I',
  // Each word FIRST_PERSON_JA reads after 私 and the others.
  '僕が行く。',
  '俺も。',
  '私の本。',
  '私に任せて。',
  '私を見て。',
  '私自身の考え。',
  '僕にとって大事だ。',
  '俺から言う。',
  'わたしとして',
  '私です。',
  'ぼくなりに考えた。',
  '筆者は20年この業界を見てきた。',
  '長年この業界を見てきた人間として',
  '数百社を支援してきた',
  '100社以上の導入を見てきた',
  '数えきれないほどの現場を見てきました',
  "I've spent 20 years in this industry",
  'as a seasoned analyst who',
  'hundreds of companies',
];

const has = (signs: number, needs: number): boolean => (signs & needs) === needs;

/** Each sentence's bits read from the hits of its block at the sentence's offsets are the bits of the sentence alone. */
function expectSentenceSignsFromHits(block: string): void {
  const hits: number[] = [];
  voiceHits(block, hits);
  const bounds = sentenceBounds(block);
  for (let k = 0; k < bounds.length; k += 2) {
    let signs = 0;
    for (let h = 0; h < hits.length; h += 2) if (hits[h]! >= bounds[k]! && hits[h]! < bounds[k + 1]!) signs |= hits[h + 1]!;
    const sentence = block.slice(bounds[k], bounds[k + 1]);
    expect(signs, JSON.stringify([block, sentence])).toBe(voiceSigns(sentence));
  }
}

describe('persona: the gate and the word bits before the voice patterns', () => {
  it('every sentence the reported-speech pattern matches passes its gate', () => {
    const [gate, pattern] = REPORTED_GATED;
    let matched = 0;
    for (const sentence of [...realSentences(), ...MATCHING]) {
      if (!pattern.test(sentence)) continue;
      matched++;
      expect(gate.test(sentence), `${gate} on ${JSON.stringify(sentence)}`).toBe(true);
    }
    expect(matched).toBeGreaterThan(5);
    expect(gate.test('新しいモデルが公開された。')).toBe(false);
  });

  it('every sentence an experience pattern matches passes its gate, real and generated', () => {
    expect(EXPERIENCE_GATED.length).toBeGreaterThan(0);
    const matched = EXPERIENCE_GATED.map(() => 0);
    const expectGated = (sentence: string): void =>
      EXPERIENCE_GATED.forEach(([gate, pattern], i) => {
        if (!pattern.test(sentence)) return;
        matched[i]!++;
        expect(gate.test(sentence), `${gate} on ${JSON.stringify(sentence)}`).toBe(true);
      });
    for (const sentence of [...realSentences(), ...MATCHING]) expectGated(sentence);
    const piece = fc.constantFrom('20年', '二十年', '数年間', '年', 'この', 'AI', '業界', '市場', '仕事', '現場', '見て', '見守', 'ウォッチ', '携わ', '経験', '生き', '歩ん', '働い', '取材', '、', 'を', 'で', 'の', '。', '！', '長年', '見', 'て');
    fc.assert(fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 2 })), { maxLength: 12 }), (parts) => expectGated(parts.join(''))), { numRuns: 5000 });
    for (const count of matched) expect(count).toBeGreaterThan(10);
    expect(EXPERIENCE_GATED[0]![0].test('2025年のAI市場は拡大した。')).toBe(false);
  });

  it('every sentence a voice pattern matches has the bits the pattern needs', () => {
    const matched = VOICE_NEEDS.map(() => 0);
    for (const sentence of [...realSentences(), ...MATCHING]) {
      const signs = voiceSigns(sentence);
      VOICE_NEEDS.forEach(([pattern, needs], i) => {
        if (!pattern.test(sentence)) return;
        matched[i]!++;
        expect(has(signs, needs), `${pattern} on ${JSON.stringify(sentence)}`).toBe(true);
      });
    }
    for (const count of matched) expect(count).toBeGreaterThan(0);
    expect(voiceSigns('AIの導入が進む。IT業界のIoT。')).toBe(voiceSigns('業界'));
  });

  it('a sentence has no bit its block lacks, on generated text', () => {
    const piece = fc.constantFrom('I', 'I.', 'AI', 'me', 'my', 'time', '私', '私たち', '筆者', 'わたし', 'ぼく', '年', '長年', '十社', '9社', '社', '数え', '業界', '業', '。', '？', '!', '.', ' ', '\n', '」', 'a', 'x', 'わた', 'し', '筆', '者', 'm', 'e', '9', '長', '数', '界', '\u3000', '）', 'と', 'は', 'の', 'ども', '自身');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 2 })), { maxLength: 16 }), (parts) => {
        const block = parts.join('');
        const signs = voiceSigns(block);
        for (const sentence of splitSentences(block)) expect(has(signs, voiceSigns(sentence)), JSON.stringify([block, sentence])).toBe(true);
        expectSentenceSignsFromHits(block);
      }),
      { numRuns: 3000 },
    );
  });
});

/** The pre-scanned reading and every pattern on every sentence give the same voice sentences. */
function expectSameVoice(path: string, source: string): number {
  const post = parsePost(path, source);
  const prescanned = findVoiceSentences(post);
  expect(prescanned, path).toEqual(findVoiceSentences(post, false));
  for (const block of proseBlocks(post)) {
    const signs = voiceSigns(block.text);
    for (const sentence of splitSentences(block.text)) expect(has(signs, voiceSigns(sentence)), `${path}: ${sentence}`).toBe(true);
    expectSentenceSignsFromHits(block.text);
  }
  return prescanned.length;
}


describe('persona: the pre-scanned voice sentences', () => {
  itOnEveryRealPost('are those every pattern finds on every sentence', expectSameVoice, { real: 20, siteHead: 1000 });
});
