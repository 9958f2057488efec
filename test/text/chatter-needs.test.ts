import { describe, expect, it } from 'vitest';
import { CHATTER_SIGNS, chatterSigns, mayHoldChatter } from '../../src/text/chatter.js';
import { splitSentences } from '../../src/text/sentence.js';
import { realLines } from '../helpers.js';

/** The sentences of the seeds and of the human-written English posts (clean-en, MIT). */
const realSentences = (): string[] => realLines(['corpus/clean-en']).flatMap(splitSentences);

// One sentence each sign matches; case and the letters `/iu` folds onto ASCII (Kelvin sign K, long s ſ) vary.
const MATCHING = [
  'Would you like me to try the search again?',
  'WOULD YOU LIKE ME TO try again?',
  'Let me know if you would like me to change it.',
  'If there is another task I can help with, tell me.',
  'Please review the draft.',
  'The article has been drafted based on the provided structure.',
  'The post is approximately 3,000 words long.',
  'It contains 3500 characters.',
  'As per your prompt, the date is fixed.',
  'I used the specified format.',
  'I have followed all the instructions.',
  'I will now write the article to the file.',
  "Now I'll retry the search.",
  "I've gathered the sources.",
  'The tool call failed with an error.',
  'The default_api returned nothing.',
  'I exhausted my daily quota.',
  'I am unable to retrieve the page.',
  "I couldn't find the announcement.",
  'I can\u2019t be sure, but I cannot access the site.',
  'The web search returned no results.',
  'Based on the search results, the date is unclear.',
  'I ſtill cannot find it, the web ſearch failed.',
  'The search failed, I am unable to \u212Anow more.',
  'DEFAULT_API call',
  '教えていただけますでしょうか？',
  'ご希望でしたらお知らせください。',
  '別のトピックで記事を作成することも可能です。',
  '（文字数：約3500文字）',
  '記事の続きを執筆します。',
  'ご提示いただいた構成で書きました。',
  '再度試したところ、結果は同じでした。',
  'ウェブ検索を試みましたが、見つかりませんでした。',
  '関連する情報を見つけることができませんでした。',
];

describe('chatter signs: the words a sign needs', () => {
  it('every match of a sign contains one of the words it needs, on real sentences and on sentences made to match', () => {
    const sentences = [...realSentences(), ...MATCHING];
    let checked = 0;
    for (const sign of CHATTER_SIGNS) {
      for (const sentence of sentences) {
        const text = sentence.trim();
        if (!sign.pattern.test(text)) continue;
        checked++;
        expect(sign.needed.test(text), `${sign.pattern} on ${JSON.stringify(text)}`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThanOrEqual(MATCHING.length);
  });

  it('finds the same signs as running every pattern on every sentence', () => {
    for (const sentence of [...realSentences(), ...MATCHING]) {
      const text = sentence.trim();
      const latin = /[a-z]/i.test(text);
      const all = CHATTER_SIGNS.filter((s) => (latin || !s.latin) && s.pattern.test(text));
      expect(chatterSigns(sentence), text).toEqual(all);
    }
  });

  it('a paragraph in which a sentence carries a sign may hold chatter; one without a needed word holds none', () => {
    for (const sentence of [...realSentences(), ...MATCHING]) if (chatterSigns(sentence).length > 0) expect(mayHoldChatter(sentence), sentence).toBe(true);
    for (const sentence of MATCHING) expect(mayHoldChatter(`本文です。${sentence} More text.`)).toBe(true);
    expect(mayHoldChatter('河南省は、中国の中原に位置する広大な省です。')).toBe(false);
  });

  it('a needed word is lower case for the English signs, which match case-insensitively', () => {
    for (const sign of CHATTER_SIGNS) for (const word of sign.needs) if (sign.latin) expect(word).toBe(word.toLowerCase());
  });
});
