import { describe, expect, it } from 'vitest';
import { continuesSentence, judgeTail } from '../../src/text/sentence.js';
import { isMarkupLine, isSignatureLine, plainInline } from '../../src/text/markup.js';
import { findUnbalancedBracket } from '../../src/text/brackets.js';

describe('judgeTail: how running text ends', () => {
  it('Japanese: particles, 連用形, conjunctions and attributive words are cuts, with their evidence', () => {
    // Slices of real posts (ai-blog-system seeds and labelled posts, MIT; vim-jp.org, CC BY 4.0).
    expect(judgeTail('私たちが今目にしているのは')).toEqual({ state: 'cut', evidence: 'particle' });
    expect(judgeTail('同じ値はライブラリ名の扱いにも使用されており')).toEqual({ state: 'cut', evidence: 'conjunctive' });
    expect(judgeTail('これまでAI導入が遅れてい')).toEqual({ state: 'cut', evidence: 'conjunctive' });
    expect(judgeTail('この方法は重要で')).toEqual({ state: 'cut', evidence: 'conjunctive' });
    expect(judgeTail('さらに多くの変更が入りました。そして')).toEqual({ state: 'cut', evidence: 'conjunction' });
    expect(judgeTail('Amazonが示すAIチップ進化の新たな')).toEqual({ state: 'cut', evidence: 'conjunctive' });
    expect(judgeTail('今回の発表で最も注目すべきは、この')).toEqual({ state: 'cut', evidence: 'prefix' });
    expect(judgeTail('もう十分にテストされたはずですが、')).toEqual({ state: 'cut', evidence: 'comma' });
    expect(judgeTail('この成長は、以下のセグメント\uFFFD')).toEqual({ state: 'cut', evidence: 'character' });
  });

  it('Japanese: a noun (体言止め) or a plain predicate without 。 is open; final particles and requests are finished', () => {
    expect(judgeTail('主要な発表を網羅的に解説').state).toBe('open');
    expect(judgeTail('再起動後も端末の状態などは復帰しません').state).toBe('open');
    expect(judgeTail('NVIDIAのAI Boost Program、日本のスタートアップが掴むべき未来とは').state).toBe('open');
    expect(judgeTail('詳しくはヘルプを参照してください').state).toBe('finished');
    expect(judgeTail('そんな感覚だね').state).toBe('finished');
    expect(judgeTail('胸が高まるなら、、').state).toBe('open');
  });

  it('the end is read in its own language: 。 ends a sentence whatever the post is', () => {
    expect(judgeTail('patch 7.3.1000 を超えました。').state).toBe('finished');
    expect(judgeTail('Vim 8.0 released (see :help version8).').state).toBe('finished');
  });

  it('English: an article, preposition, conjunction or auxiliary is a cut; any other word is open', () => {
    expect(judgeTail('These phases were adoption by')).toEqual({ state: 'cut', evidence: 'conjunction' });
    expect(judgeTail('We will keep the old flag and')).toEqual({ state: 'cut', evidence: 'conjunction' });
    expect(judgeTail('It has its own config flag instead of a feature flag').state).toBe('open');
    expect(judgeTail('by').state).toBe('open');
    expect(judgeTail('Contributors: Ashwin Maroli, shorty, なつき').state).toBe('open');
  });

  it('a paragraph that opens with a particle or an auxiliary continues the sentence before it', () => {
    expect(continuesSentence('といったメリットが得られます。')).toBe(true);
    expect(continuesSentence('の様に全体をダブルクォートします。')).toBe(true);
    expect(continuesSentence('この虹色の円の部分が色相です。')).toBe(false);
    expect(continuesSentence('That is all.')).toBe(false);
  });
});

describe('markup lines (kramdown, Liquid, Hugo, MDX) and signatures', () => {
  it('recognises what the dialects add', () => {
    for (const line of ['{: .consulting-cta-link}', '{:toc}', '{::comment}', '{:/comment}', '{::options parse_block_html="true" /}', '*[HTML]: Hyper Text Markup Language', '{% include cta.html %}', '{{ page.title }}', '{{< youtube w7Ft2ymGmfc >}}', '{{% notice note %}}', "import Callout from '../components/Callout'", 'export const meta = { title: "x" }', '<Callout type="info">', '</Callout>']) {
      expect(isMarkupLine(line), line).toBe(true);
    }
    for (const line of ['Jekyll is a static site generator.', '{ "key": 1 } is JSON.', 'import the file first, then run it.', '<b>bold</b> text']) {
      expect(isMarkupLine(line), line).toBe(false);
    }
  });

  it('recognises sign-offs and credits', () => {
    for (const line of ['-- Yukihiro Nakadaira', '— The Jekyll team', '*Written by Parker Moore*', '_Translated by mattn_', '(翻訳: vim-jp)', '文責: thinca']) expect(isSignatureLine(line), line).toBe(true);
    for (const line of ['By default, the build fails.', 'The team wrote it.']) expect(isSignatureLine(line), line).toBe(false);
  });

  it('plainInline keeps what a reader sees', () => {
    expect(plainInline('See **[the docs](https://jekyllrb.com/docs/)**{: .cta} and `_config.yml`[^1]')).toBe('See the docs and `_config.yml`');
  });

  it('a smiley is no bracket', () => {
    expect(findUnbalancedBracket("It's not worth it. (: Really")).toBeNull();
    expect(findUnbalancedBracket('That went badly :( but we fixed it')).toBeNull();
    expect(findUnbalancedBracket('an unclosed (bracket here')?.char).toBe('(');
  });
});
