import { describe, expect, it } from 'vitest';
import { VOICE_GATES } from '../../src/analysis/persona.js';
import { splitSentences } from '../../src/text/sentence.js';
import { realLines } from '../helpers.js';

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
];

describe('persona: the gates before the voice patterns', () => {
  it('every sentence a voice pattern matches passes its gate', () => {
    const sentences = [...realSentences(), ...MATCHING];
    const matched = VOICE_GATES.map(() => 0);
    VOICE_GATES.forEach(([gate, pattern], i) => {
      for (const sentence of sentences) {
        if (!pattern.test(sentence)) continue;
        matched[i]!++;
        expect(gate.test(sentence), `${gate} on ${JSON.stringify(sentence)}`).toBe(true);
      }
    });
    for (const count of matched) expect(count).toBeGreaterThan(5);
  });

  it('a gate lets through sentences its pattern rejects, and rejects most Japanese prose', () => {
    const [reportedGate] = VOICE_GATES[0]!;
    const [firstPersonGate, firstPerson] = VOICE_GATES[1]!;
    expect(firstPersonGate.test('AIの導入が進む。')).toBe(false);
    expect(firstPersonGate.test('Time flies.') && !firstPerson.test('Time flies.')).toBe(true);
    expect(reportedGate.test('新しいモデルが公開された。')).toBe(false);
  });
});
