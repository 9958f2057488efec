import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findExcerptSource, prefixOf, titleSources, type TitleSource } from '../../src/analysis/front-matter.js';
import { parsePost } from '../../src/post/parse.js';
import { itOnEveryRealPost, seededRandom } from '../helpers.js';

/** Shorts a title may be of `text`: its cuts, some with a character dropped or Markdown marks added. */
function shortsOf(text: string, random: () => number): string[] {
  const shorts: string[] = [];
  const chars = [...text];
  for (let k = 0; k < 6 && chars.length > 4; k++) {
    const cut = 3 + Math.floor(random() * Math.min(chars.length - 3, 80));
    const short = chars.slice(0, cut);
    if (k % 3 === 1 && cut > 6) short.splice(3 + Math.floor(random() * (cut - 4)), 1);
    shorts.push(k % 3 === 2 ? `**${short.join('')}**` : short.join(''));
  }
  return shorts;
}

/** prefixOf folding the source only as far as it reads it answers as folding it whole. */
function expectSamePrefix(short: string, source: TitleSource): void {
  expect(prefixOf(short, source), JSON.stringify([short, source.text])).toEqual(prefixOf(short, source, true));
}

describe('prefixOf folds the source only as far as it reads it', () => {
  it('on generated titles and sources', () => {
    const piece = fc.constantFrom('医療', 'AI', 'の', 'が', '、', ' ', '  ', '*', '**', '_', '`', '#', '# ', 'ガ', 'カ\u3099', 'é', 'e\u0301', 'Ａ', 'ｶﾞ', 'x', 'Vim', '7.4a', '\uFFFD', '😀', '\t', '\n', 'データ', 'ー');
    const text = fc.array(piece, { minLength: 1, maxLength: 30 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(text, fc.nat(40), fc.nat(40), fc.boolean(), (source, cut, drop, bold) => {
        const chars = [...source];
        const short = chars.slice(0, cut);
        if (drop < short.length) short.splice(drop, 1);
        const title = bold ? `**${short.join('')}**` : short.join('');
        expectSamePrefix(title, { text: source, line: 1, headingLike: true });
        expectSamePrefix(source, { text: title, line: 1, headingLike: false });
      }),
      { numRuns: 3000 },
    );
  });

  itOnEveryRealPost(
    'on each post: its title and cuts of its title sources',
    (path, text) => {
      const post = parsePost(path, text);
      const random = seededRandom(path.length);
      const title = post.frontMatter?.data['title'];
      let compared = 0;
      for (const source of titleSources(post)) {
        for (const short of [...(typeof title === 'string' ? [title] : []), ...shortsOf(source.text, random)]) {
          expectSamePrefix(short, source);
          compared++;
        }
      }
      return compared;
    },
    { real: 1000, siteHead: 5000 },
  );
});

describe('findExcerptSource folds a paragraph whole only when its prefix cannot tell', () => {
  itOnEveryRealPost(
    'on each post: its excerpt and cuts of its first paragraphs',
    (path, text) => {
      const post = parsePost(path, text);
      const random = seededRandom(path.length + 1);
      const excerpt = post.frontMatter?.data['excerpt'];
      const candidates = typeof excerpt === 'string' ? [excerpt] : [];
      for (const block of post.blocks.filter((b) => b.type === 'paragraph' && b.ancestors.length === 0).slice(0, 4)) candidates.push(...shortsOf(block.text, random));
      let found = 0;
      for (const candidate of candidates) {
        const source = findExcerptSource(post, candidate);
        expect(source, JSON.stringify([path, candidate])).toEqual(findExcerptSource(post, candidate, true));
        if (source) found++;
      }
      return found + candidates.length;
    },
    { real: 1000, siteHead: 5000 },
  );
});
