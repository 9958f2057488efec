import { describe, expect, it } from 'vitest';
import { detectLanguage, isCjkCode } from '../../src/core/language.js';
import { countReadableText, isWordCode } from '../../src/text/reading-time.js';
import { MAX_DELIMITERS, MAX_NESTING, mayNeedDefusing } from '../../src/post/defuse.js';
import { isCjkCharCode, isTrimmed } from '../../src/text/sentence.js';
import { itOnEveryRealPost, realPostSources, seededRandom } from '../helpers.js';

// The character loops as they were before their lookup tables and their shortcut beyond ASCII: the
// references the tuned loops are held to (a differential test: their shape is the shape of the code they
// check on purpose; the range predicates stay the source's, the tables are built apart from them).
const URL = /\b(?:https?|ftp):\/\/[^\s)\]>"'）」]+/g;

function referenceCounts(text: string): { cjkChars: number; latinWords: number } {
  const withoutUrls = text.includes('://') ? text.replace(URL, ' ') : text;
  let cjkChars = 0;
  let latinWords = 0;
  const len = withoutUrls.length;
  let i = 0;
  while (i < len) {
    const c = withoutUrls.charCodeAt(i);
    if (isWordCode(c)) {
      latinWords++;
      i++;
      for (;;) {
        while (i < len && isWordCode(withoutUrls.charCodeAt(i))) i++;
        const j = withoutUrls.charCodeAt(i);
        if ((j === 39 || j === 0x2019 || j === 45) && i + 1 < len && isWordCode(withoutUrls.charCodeAt(i + 1))) i += 2;
        else break;
      }
      continue;
    }
    if (c >= 0x3040 && isCjkCode(c)) cjkChars++;
    i++;
  }
  return { cjkChars, latinWords };
}

function referenceLanguage(text: string): 'ja' | 'en' {
  const end = Math.min(text.length, 20000);
  let cjk = 0;
  let latin = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) latin++;
    } else if (c >= 0x3040 && isCjkCode(c)) cjk++;
  }
  return cjk > 0 && cjk * 3 >= latin * 0.5 ? 'ja' : 'en';
}

function referenceMayNeedDefusing(text: string): boolean {
  let delimiters = 0;
  let depth = 0;
  let blank = true;
  let opening = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      if (blank) delimiters = 0;
      blank = true;
      opening = true;
      depth = 0;
      continue;
    }
    if (c === 32 || c === 9) continue;
    blank = false;
    if (opening) {
      const next = text.charCodeAt(i + 1);
      if (c === 62 || ((c === 45 || c === 42 || c === 43) && (next === 32 || next === 9))) {
        if (++depth > MAX_NESTING) return true;
      } else opening = false;
    }
    if ((c === 42 || c === 95 || c === 91 || c === 93 || c === 96) && ++delimiters > MAX_DELIMITERS) return true;
  }
  return false;
}

function check(text: string, label: string): void {
  expect(countReadableText(text), label).toEqual(referenceCounts(text));
  expect(detectLanguage(text), label).toBe(referenceLanguage(text));
  expect(mayNeedDefusing(text), label).toBe(referenceMayNeedDefusing(text));
}

describe('the character loops read by table (reading time, language) and past non-ASCII (defusing)', () => {
  it('answer as the range tests did for every code unit alone and on either side of a word', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      check(ch, `U+${c.toString(16)}`);
      check(`a${ch}b`, `a U+${c.toString(16)} b`);
    }
  });

  it('answer as they did on every real post', () => {
    const posts = realPostSources();
    expect(posts.length).toBeGreaterThan(5);
    for (const { path, text } of posts) check(text, path);
  });

  // mayNeedDefusing's searches (a post without `\r`, few delimiters in all), and the language's count and
  // the reading-time count without a branch, on the site's posts too.
  itOnEveryRealPost('defusing, language and reading time: answer as the loops over every character did', (path, text) => {
    expect(countReadableText(text), path).toEqual(referenceCounts(text));
    expect(mayNeedDefusing(text), path).toBe(referenceMayNeedDefusing(text));
    expect(detectLanguage(text), path).toBe(referenceLanguage(text));
    return 1;
  }, { real: 300, siteHead: 1000 });

  it('count reading time across the chunks the count is made in (16,384 characters): words, joiners and kanji on each side', () => {
    for (const chunks of [1, 2, 3]) {
      for (let shift = -3; shift <= 3; shift++) {
        for (const [left, middle, right] of [['x', '-', 'y'], ['x', "'", 'y'], ['x', '’', 'y'], ['x', ' ', 'y'], ['日', '-', 'y'], ['x', '--', 'y'], ['-', 'x', '-']]) {
          const text = `${left!.repeat(chunks * 0x4000 + shift)}${middle}${right!.repeat(5)} tail`;
          expect(countReadableText(text), `${chunks} ${shift} ${left}${middle}${right}`).toEqual(referenceCounts(text));
        }
      }
    }
    const pieces = ['a', 'bc', ' ', '-', "'", '’', '日', 'https://x.y/z '];
    const next = seededRandom(17);
    for (let n = 0; n < 20; n++) {
      let text = '';
      while (text.length < 0x4000 * 3) text += pieces[Math.floor(next() * pieces.length)]!;
      expect(countReadableText(text), `long ${n}`).toEqual(referenceCounts(text));
    }
  });

  it('answer as they did on generated text: words, apostrophes, hyphens, URLs, markers, kana, kanji, lines', () => {
    const pieces = ['word', "it's", 'e-mail', 'über', '42', ' ', '\n', '\r\n', '\n\n', '\t', '> ', '- ', '* ', '+ ', '**', '_', '[', ']', '`', 'https://x.y/z', 'ftp://a', '日本語', 'かな', 'カナ', 'ｶﾅ', '、', '。', '’', "'", '-', '—', '\u3000', '\ufeff', '😀', '\ud800'];
    const next = seededRandom(11);
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = Math.floor(next() * 60);
      for (let k = 0; k < length; k++) text += pieces[Math.floor(next() * pieces.length)]!;
      check(text, JSON.stringify(text));
    }
    // Around the limits: a paragraph of about MAX_DELIMITERS delimiters among other characters (a blank
    // line, or one of spaces, may reset the count), lines of about MAX_NESTING container markers.
    const around = ['*', '_', '[', ']', '`', '日', 'a', ' ', '\n', '\n\n', '\n \u3000\n', '\u00a0'];
    let over = 0;
    for (let n = 0; n < 400; n++) {
      let text = '';
      const length = MAX_DELIMITERS - 40 + Math.floor(next() * 200);
      for (let k = 0; k < length; k++) text += next() < 0.97 ? around[Math.floor(next() * 5)]! : around[5 + Math.floor(next() * 7)]!;
      if (referenceMayNeedDefusing(text)) over++;
      check(text, `delimiters ${n}`);
      const markers = ['> ', '- ', '* ', '+ ', '>', '\t', '日 ', '-x '];
      let line = '';
      const depth = MAX_NESTING - 4 + Math.floor(next() * 8);
      for (let k = 0; k < depth; k++) line += next() < 0.98 ? markers[Math.floor(next() * 5)]! : markers[5 + Math.floor(next() * 3)]!;
      if (referenceMayNeedDefusing(line)) over++;
      check(`${next() < 0.5 ? '本文\n' : ''}${line}日本語`, `nesting ${n}`);
    }
    expect(over).toBeGreaterThan(50);
    expect(over).toBeLessThan(750);
    // Past the limits: many delimiters in one paragraph, deep nesting, behind non-ASCII text.
    check(`日本語${'*'.repeat(MAX_DELIMITERS + 1)}`, 'delimiters');
    check(`${'> '.repeat(MAX_NESTING + 1)}日本語`, 'nesting');
    check(`日本語\n${'> '.repeat(MAX_NESTING + 1)}`, 'nesting after text');
    check(`日${'> '.repeat(MAX_NESTING + 1)}`, 'markers after text are no nesting');
  });

  it('decide the language as the whole sample would on long texts near the threshold (the early stop)', () => {
    // About six Latin letters to one CJK character, in runs, over the 20,000-character sample and past it:
    // the early stop must answer as reading the whole sample does, on either side of the threshold.
    const next = seededRandom(17);
    const answers = new Set<string>();
    for (let n = 0; n < 300; n++) {
      const length = 1000 + Math.floor(next() * 26000);
      const latinShare = 0.75 + next() * 0.15;
      let text = '';
      while (text.length < length) {
        const run = 1 + Math.floor(next() * 700);
        const r = next();
        text += r < latinShare ? 'a'.repeat(run) : r < latinShare + 0.12 ? '日'.repeat(Math.ceil(run / 6)) : ' 。\n'.repeat(Math.ceil(run / 3));
      }
      check(text, `long text ${n}`);
      answers.add(detectLanguage(text));
    }
    expect([...answers].sort()).toEqual(['en', 'ja']);
  });
});

describe('the code-unit predicates of sentence.ts', () => {
  it('answer as the pattern or the method they stand for, for every code unit', () => {
    // judgeTail's CJK_CHAR, and what String.prototype.trim removes.
    const cjkChar = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/u;
    for (let c = 0; c <= 0xffff; c++) {
      const unit = String.fromCharCode(c);
      expect(isCjkCharCode(c), unit).toBe(cjkChar.test(unit));
      expect(isTrimmed(c), unit).toBe(unit.trim() === '');
    }
  });
});
