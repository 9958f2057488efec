import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import fg from 'fast-glob';
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { defuseHostileMarkup } from '../../src/post/defuse.js';
import { LineIndex } from '../../src/post/line-index.js';
import { gfmSyntaxIn } from '../../src/post/markdown-events.js';
import MarkdownIt from 'markdown-it';
import { contentLineMap, contiguousContentStart, holdsPlainTextOnly, markdownItModel, markLines, plainInlineText, textUpToTerminator, type FallbackReason } from '../../src/post/markdown-it-model.js';
import { hasTaskCheck } from '../../src/post/ascii-search.js';
import { micromarkModel, parsePost } from '../../src/post/parse.js';
import { cloneSiteBundle, FIXTURES, hasShared, itOnEveryRealPost, SHARED } from '../helpers.js';
import { MARKDOWN_PIECES } from './markdown-pieces.js';

/**
 * markdown-it's post model must be micromark's: blocks deep-equal, mask spans equal. A post markdown-it
 * cannot reproduce goes to micromark (a named reason); returns that reason, or null when markdown-it gave
 * the model (and it was equal).
 */
function expectSameAsMicromark(name: string, input: string): FallbackReason | null {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const { text: parsed } = defuseHostileMarkup(text);
  const model = markdownItModel(text, parsed, new LineIndex(text));
  if (typeof model === 'string') return model;
  const reference = micromarkModel(text, parsed, gfmSyntaxIn(parsed));
  expect(model.blocks, name).toEqual(reference.blocks);
  expect([...model.mask.ranges], name).toEqual([...reference.mask.ranges]);
  expect(model.mask.sources, name).toEqual(reference.mask.sources);
  return null;
}

function postsUnder(dir: string, pattern = '**/*.{md,markdown,mdx,txt}'): string[] {
  return fg.sync(pattern, { cwd: dir, ignore: ['**/README.md', '**/node_modules/**'] }).map((f) => join(dir, f));
}

/** Expects equality on every file and returns how many markdown-it handled. */
function expectSameOnFiles(files: string[]): number {
  let handled = 0;
  for (const file of files) if (expectSameAsMicromark(file, readFileSync(file, 'utf8')) === null) handled++;
  return handled;
}

// Small slices of real posts, each with its source and licence (../shared/corpus/README.md).
const REAL_SLICES: { source: string; text: string }[] = [
  {
    // nullponull/ai-blog-system (MIT), _posts/2025-10-24-2-ai-ran.md: an empty list item closing a list.
    source: 'ai-blog-system _posts/2025-10-24-2-ai-ran.md (MIT)',
    text: '---\nlayout: post\n---\n\n*   **AI/ML**: 学習\n*   **クラウド**: 運用\n*\n\n---END---\n',
  },
  {
    // vim-jp/vim-jp.github.io (CC BY 4.0), _posts/blog/2011-09-20-favorite_vimscript.md: indented raw HTML after a paragraph.
    source: 'vim-jp _posts/blog/2011-09-20-favorite_vimscript.md (CC BY 4.0)',
    text: '---\nlayout: post\n---\n突然ですが、アンケート。\n追加も出来ます。\n\n  <script type="text/javascript" charset="utf-8" src="x.js"></script>\n  <noscript><a href="/poll/5518250/">好きなVim scriptは何ですか？</a></noscript>\n',
  },
  {
    // vim-jp/vim-jp.github.io (CC BY 4.0), _posts/blog/2013-01-24-vim_charity_financial_results.md: an escaped
    // list marker and trailing spaces.
    source: 'vim-jp _posts/blog/2013-01-24-vim_charity_financial_results.md (CC BY 4.0)',
    text: '---\nlayout: post\n---\n> Thank you!\n\\- Bram \n\n来年も皆さんにとって良い Vim 年になりますように。 \n',
  },
  {
    // prometheus/docs (Apache-2.0), blog/posts/2017-06-14-interview-with-latelier-animation.md: a line of a
    // no-break space, trailing spaces and a no-break space, an HTML comment.
    source: 'prometheus blog/posts/2017-06-14-interview-with-latelier-animation.md (Apache-2.0)',
    text: '---\ntitle: t\n---\n\u00a0\ntwenty various servers. With the exception of a couple of Macs, everything runs\non Linux ([CentOS](https://www.centos.org/)) and not a single Windows machine.  \u00a0\n\n<!-- more -->\n',
  },
  {
    // prometheus/docs (Apache-2.0), blog/posts/2016-03-23-interview-with-life360.md: a nested list.
    source: 'prometheus blog/posts/2016-03-23-interview-with-life360.md (Apache-2.0)',
    text: '---\ntitle: t\n---\n* Copperegg (now Idera)\n  * Graphite + Statsd + Grafana\n  * Sensu\n  * AWS Cloudwatch\n',
  },
  {
    // jekyll/jekyll (MIT), docs/_posts/2013-05-08-jekyll-1-0-1-released.markdown: code spans and reference links.
    source: 'clean-en 2013-05-08-jekyll-1-0-1-released.markdown (MIT)',
    text: '---\nlayout: news_item\n---\n* Add newer `language-` class name prefix to code blocks ([#1037][])\n* Fix the index build with LSI ([#1045][])\n\n[#1037]: https://github.com/jekyll/jekyll/issues/1037\n[#1045]: https://github.com/jekyll/jekyll/issues/1045\n',
  },
  {
    // nullponull/ai-blog-system (MIT), seeds/002_8d00008af39165bc.txt: a table, bold labels, an image.
    source: 'ai-blog-system seeds/002_8d00008af39165bc.txt (MIT)',
    text: '---\ntitle: t\n---\n| 項目 | AWS | NVIDIA |\n|---|---|---|\n| **価格** | `低い` | 高い |\n\n![図1](/assets/img.png "図")\n\n## まとめ ##\n',
  },
  {
    // vim-jp/vim-jp.github.io (CC BY 4.0), _posts/blog/2013-07-29-vim_7.4b_ready_for_beta_testing.md: bare
    // URLs (GFM autolink literals) after `: ` and before Japanese, a `#` in the path.
    source: 'vim-jp _posts/blog/2013-07-29-vim_7.4b_ready_for_beta_testing.md (CC BY 4.0)',
    text: '---\nlayout: post\n---\nもし Vim を気に入ってくれたなら、ウガンダ南部の貧しい子供たちを助けてあ\nげてください: http://iccf-holland.org\n\nVim についての質問をすることもできます。ただし、登録が必要です。\nhttp://www.vim.org/maillist.php#vim を見てください。\n',
  },
  {
    // vim-jp/vim-jp.github.io (CC BY 4.0), _posts/blog/2012-04-03-spam_pretend_to_be_bram.md and
    // 2014-05-09-vim_charity_visit_report.md: an email and a `www.` literal in Japanese prose.
    source: 'vim-jp _posts/blog/2012-04-03-spam_pretend_to_be_bram.md, 2014-05-09-vim_charity_visit_report.md (CC BY 4.0)',
    text: '---\nlayout: post\n---\n2012/04/03 時点でこの SPAM を見分ける方法としては、メールアドレスが bram@vim.org になっている事で判断出来ます。\n\n報告はこちらで読めます: www.iccf.nl/news.html\n',
  },
  {
    // prometheus/docs (Apache-2.0), blog/posts/2023-09-01-promcon2023-schedule.md: an email ending a list item.
    source: 'prometheus blog/posts/2023-09-01-promcon2023-schedule.md (Apache-2.0)',
    text: '---\ntitle: t\n---\n* Jessie Adams-Shore - The Linux Foundation - pr@cncf.io\n',
  },
  {
    // prometheus/docs (Apache-2.0), blog/posts/2015-06-24-monitoring-dreamhack.md: `~` as "about", no pair.
    source: 'prometheus blog/posts/2015-06-24-monitoring-dreamhack.md (Apache-2.0)',
    text: '---\ntitle: t\n---\ncomputers, you need at least the same number of network ports. In our case these\ncome in the form of ~400 Cisco 2950 switches. We call these the access switches.\n',
  },
  {
    // vim-jp/vim-jp.github.io (CC BY 4.0), _posts/vimmagazine/2014-04-30-vimmagazine.md: `~` as "from", before a link.
    source: 'vim-jp _posts/vimmagazine/2014-04-30-vimmagazine.md (CC BY 4.0)',
    text: '---\nlayout: post\n---\n  5月24日(土) 21:00~ [LingrのVim部屋](http://lingr.com/room/vim)にて\n',
  },
  {
    // vim-jp/vim-jp.github.io (CC BY 4.0), _posts/vimmagazine/2013-06-30-vimmagazine.md: a `*` and escaped
    // brackets in a link's label (escaped brackets open no label: no emphasis around one).
    source: 'vim-jp _posts/vimmagazine/2013-06-30-vimmagazine.md (CC BY 4.0)',
    text: '---\nlayout: post\n---\n- [7.3.1247 : pattern \'\\[ \\]\\\\@!\\\\p\\\\%(\\[ \\]\\\\@!\\\\p\\\\)*:\' does not always match](https://github.com/vim/vim/commit/a0169128d98669c753c899353127263e1ea289f9)\n',
  },
];

describe('markdown-it gives micromark\'s post model', () => {
  it('on small slices of real posts', () => {
    for (const { source, text } of REAL_SLICES) expect(expectSameAsMicromark(source, text), source).toBeNull();
  });

  it('on every real post of the fixtures and the seeds', () => {
    const files = postsUnder(FIXTURES);
    expect(files.length).toBeGreaterThan(20);
    expect(expectSameOnFiles(files)).toBeGreaterThan(files.length / 2);
  });

  it.runIf(hasShared)('on every post of ../shared (seeds and corpus folders; needs ../shared)', () => {
    const files = [...postsUnder(join(SHARED, 'seeds'), '*.txt'), ...postsUnder(join(SHARED, 'corpus'))];
    expect(files.length).toBeGreaterThan(500);
    // The rest fall back to micromark (bare URLs, footnotes, tildes, tabs, CRLF); see bench/parser-equality.ts.
    expect(expectSameOnFiles(files)).toBeGreaterThan(files.length * 0.6);
  }, 600_000);

  const temp = mkdtempSync(join(tmpdir(), 'er-markdown-it-'));
  afterAll(() => rmSync(temp, { recursive: true, force: true }));
  it.runIf(hasShared)('on every post of the site bundle\'s head (needs ../shared)', () => {
    const site = cloneSiteBundle(temp);
    if (site === undefined) return;
    const files = postsUnder(join(site, '_posts'));
    expect(files.length).toBeGreaterThan(1000);
    expect(expectSameOnFiles(files)).toBeGreaterThan(files.length * 0.99);
  }, 600_000);

  it('falls back to micromark where markdown-it differs, and says why', () => {
    const post = (body: string) => `---\ntitle: t\n---\n${body}\n`;
    // GFM autolink literals: markdown-it's model has them (src/post/autolink-literal.ts) ...
    expect(expectSameAsMicromark('url', post('see https://example.com'))).toBeNull();
    // micromark starts an email's domain with `.`, `-` or `_` too (found by the generated-post property below).
    expect(expectSameAsMicromark('email domain', post('0@.a and a@-b.c'))).toBeNull();
    expect(expectSameAsMicromark('mail', post('mail me@example.com'))).toBeNull();
    // ... but not one that would take characters markdown-it read as a construct: an emphasis delimiter,
    // a code span, a reference; nor `www.` at the end of a paragraph (micromark may see trailing spaces).
    expect(expectSameAsMicromark('url into emphasis', post('https://x.com/*b* c'))).toBe('autolink-literal');
    expect(expectSameAsMicromark('email from a delimiter', post('_a@b.co x_'))).toBe('autolink-literal');
    expect(expectSameAsMicromark('url into code', post('https://x.com/`a`'))).toBe('autolink-literal');
    expect(expectSameAsMicromark('url into reference', post('https://x.com/?a&amp;b'))).toBe('autolink-literal');
    expect(expectSameAsMicromark('www at the end', post('a www.'))).toBe('autolink-literal');
    // An unclosed comment runs to the end of the document for micromark, line endings included.
    expect(expectSameAsMicromark('unclosed html', post('- <!--a\n- b'))).toBe('unclosed-html');
    // A `~` left as text is text for micromark too unless a run that can open precedes one of its length that
    // can close (GFM's single-tilde strikethrough), or emphasis, an escape or a struck `~~` is next to it.
    expect(expectSameAsMicromark('tilde', post('~one~ tilde'))).toBe('tilde');
    expect(expectSameAsMicromark('tilde pair in words', post('a~b c~d'))).toBe('tilde');
    expect(expectSameAsMicromark('tilde and emphasis', post('*~a~*'))).toBe('tilde');
    expect(expectSameAsMicromark('tilde after struck', post('~~a~~ b ~c'))).toBe('tilde');
    expect(expectSameAsMicromark('escaped tilde', post('\\~a~'))).toBe('tilde');
    expect(expectSameAsMicromark('tilde in a label', post('[~a](u)~'))).toBe('tilde');
    expect(expectSameAsMicromark('tildes that do not pair', post('~400 and ~10 s, ~~a ~~b'))).toBeNull();
    expect(expectSameAsMicromark('footnote', post('a[^1]\n\n[^1]: b'))).toBe('footnote');
    expect(expectSameAsMicromark('task', post('- [x] done'))).toBe('task-list');
    expect(expectSameAsMicromark('crlf', post('a\r\nb'))).toBe('line-endings');
    expect(expectSameAsMicromark('tab', post('a\tb'))).toBe('tab');
    // A NUL (U+FFFD in markdown-it's content, not in the file) cannot be mapped back to the source.
    expect(expectSameAsMicromark('nul', post('a\0b'))).toBe('unmapped');
    // A URL only in a link's destination or in code is no autolink literal.
    expect(expectSameAsMicromark('link', post('[a](https://example.com) `https://x.y`'))).toBeNull();
    expect(expectSameAsMicromark('backtick', post('[<span>`a`b`'))).toBe('backtick-text');
    // A backtick from a reference or an escape is text for both (vim-jp's issue titles: `[&#x60;:wincmd&#x60;](u)`).
    expect(expectSameAsMicromark('backtick reference', post('[&#x60;:wincmd&#x60; \\`a\\`](u) &#x60;b'))).toBeNull();
    expect(expectSameAsMicromark('backtick in a label', post('[a`b](u)'))).toBe('backtick-text');
    // Shapes where the two read CommonMark differently (found by bench/parser-fuzz.ts).
    expect(expectSameAsMicromark('emphasis', post('<a>**[a] *2\\***'))).toBe('emphasis-around-label');
    expect(expectSameAsMicromark('definition', post('[a]: /u\n    code'))).toBe('definition-continued');
    expect(expectSameAsMicromark('table in quote', post('> a | b\n|-|-|'))).toBe('table-block-start');
    expect(expectSameAsMicromark('one-column table', post('a\n|-'))).toBe('pipeless-table');
    expect(expectSameAsMicromark('extra cells', post('| a |\n| - |\n| c |\na | b'))).toBe('table-extra-cells');
    expect(expectSameAsMicromark('row without pipe', post('| a | b |\n|-|-|\n\u3000'))).toBe('table-row-without-pipe');
    expect(expectSameAsMicromark('code blank end', post('    a\n\n    \n'))).toBe('indented-code-blank-end');
    expect(expectSameAsMicromark('empty item', post('    code\n\n-\n  b'))).toBe('micromark-empty-item');
    expect(expectSameAsMicromark('quote end', post('> > a\n> - b'))).toBe('micromark-quote-end');
    expect(expectSameAsMicromark('interrupt', post('a\n> 0. b'))).toBe('micromark-interrupt');
  });

  it('is what parsePost gives by default, micromark on request', () => {
    const text = '---\ntitle: t\n---\n# 見出し\n\n本文 **強調** [リンク](https://example.com)\n';
    const byDefault = parsePost('p.md', text);
    const micromark = parsePost('p.md', text, { parser: 'micromark' });
    expect(byDefault.blocks).toEqual(micromark.blocks);
    expect(byDefault.mask).toEqual(micromark.mask);
  });

  it('finds autolink literals where micromark does (shapes of the extension\'s rules)', () => {
    const post = (body: string) => `---\ntitle: t\n---\n${body}\n`;
    for (const body of [
      // Trailing punctuation, parentheses, `]`, `<`, references as a trail, underscores in the domain.
      'see https://example.com/a_(b)_c). and www.x.org/p?q=1&r=2, or https://x.y/a&amp; b',
      'https://x.com/a]b https://x.com/a] [https://x.com] <https://x.com> https://x.com<b>',
      'www.a_b.com www.a.b_c www.ab_.c.d wwww.x.com www. x WWW.X.COM HTTPS://X.COM httpx://x.com',
      // Emails: atext before, dots and dashes in the domain, `/` or atext before, `mailto`-less.
      'a.b+c@d-e.fg x/a@b.co -a@b.co a@b.c1 a@b.co. a@b._c _a@b.co_',
      // After brackets: an unclosed `[` stops literals until its `]`; a link or an image does not.
      '[a https://x.com] https://y.com [a](u) www.x.com ![i](u) a@b.co [y]www.x.com (www.x.com)',
      // Japanese around them, emphasis and code next to them.
      'URL は https://ja.wikipedia.org/wiki/日本語。です **https://x.com** _www.x.com_ `https://x.com` https://x.com/a_b_c',
      '| a | b |\n|-|-|\n|www.x.com| https://x.com/(a) |\n\n# www.x.com #\n\n> a@b.co\n> http://x.com',
    ]) expect(expectSameAsMicromark(body, post(body)), body).toBeNull();
  });

  // The pieces whose constructs markdown-it has (no footnotes, task lists, CRLF: those fall back).
  const piece = fc.constantFrom(...MARKDOWN_PIECES.filter((p) => !/\r|\[\^|\[[ x]\]/.test(p)));
  it('on generated Markdown (equal, or a named fallback)', () => {
    let handled = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.constantFrom('\n', '\n\n', '\n\n\n'), (pieces, gap) => {
        if (expectSameAsMicromark('p.md', `---\ntitle: t\n---\n\n${pieces.join(gap)}\n`) === null) handled++;
      }),
      { numRuns: 400 },
    );
    expect(handled).toBeGreaterThan(100);
  });

  it('keeps a backtick left as text where no `[` is (generated text: equal, and no fallback for it)', () => {
    let withBacktick = 0;
    fc.assert(
      fc.property(fc.stringMatching(/^[-*_>#`()!<&;:|~\\ \na-z0-9"=./@]{0,80}$/), (body) => {
        const reason = expectSameAsMicromark('p.md', `---\ntitle: t\n---\n${body}`);
        expect(reason).not.toBe('backtick-text');
        if (reason === null && body.includes('`')) withBacktick++;
      }),
      { numRuns: 3000 },
    );
    for (const body of ['a ``` b', 'a `b` c ` d', '**a`** b', '`a` `` b ` c ``', '<b title="`">a`', '\\`a`', '&#96;a` b', '~~a`~~', 'a\n`b\nc']) {
      expect(expectSameAsMicromark(body, `---\ntitle: t\n---\n${body}\n`), body).toBeNull();
    }
    expect(withBacktick).toBeGreaterThan(300);
  });

  it('on generated text with Markdown punctuation (equal, or a named fallback)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[-*_>#`[\]()!<&;:|~\\ \na-z0-9^"=./@]{0,120}$/), (body) => {
        expectSameAsMicromark('p.md', `---\ntitle: t\n---\n${body}`);
      }),
      { numRuns: 1500 },
    );
  });
});

describe('the text rule by regex search (textUpToTerminator)', () => {
  // markdown-it's own parser, and one whose text rule is ours: the same tokens, position for position.
  const tokensOf = (md: MarkdownIt, text: string) => JSON.stringify(md.parse(text, {}).map((t) => [t.type, t.map, t.content, t.children?.map((c) => [c.type, c.content, c.markup])]));
  const own = new MarkdownIt('default', { html: true });
  const ours = new MarkdownIt('default', { html: true });
  ours.inline.ruler.at('text', textUpToTerminator);

  it('cuts the runs markdown-it\'s own rule cuts, on every real post and on generated Markdown', () => {
    const posts = [...fg.sync('**/*.{md,markdown,txt}', { cwd: join(SHARED), absolute: true }), ...fg.sync('**/*.md', { cwd: FIXTURES, absolute: true })];
    expect(posts.length).toBeGreaterThan(hasShared ? 100 : 5);
    for (const file of posts) {
      const text = readFileSync(file, 'utf8');
      expect(tokensOf(ours, text), file).toBe(tokensOf(own, text));
    }
    fc.assert(fc.property(fc.array(fc.constantFrom(...MARKDOWN_PIECES), { maxLength: 40 }).map((pieces) => pieces.join('')), (text) => tokensOf(ours, text) === tokensOf(own, text)), { numRuns: 2000 });
  });
});

describe('an inline content mapped as one run of the file (contiguousContentStart)', () => {
  const md = new MarkdownIt('default', { html: true });
  /** Compares the run's map with the line-by-line one on every paragraph and setext heading; returns how many were one run. */
  const expectSameMap = (path: string, input: string): number => {
    const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    // markdown-it's model never sees `\r` (those posts go to micromark).
    if (text.includes('\r')) return 0;
    const lines = new LineIndex(text);
    const tokens = md.parse(text, {});
    let runs = 0;
    for (let i = 0; i + 1 < tokens.length; i++) {
      const block = tokens[i]!;
      const setext = block.type === 'heading_open' && block.markup[0] !== '#';
      if (block.type !== 'paragraph_open' && !setext) continue;
      const content = tokens[i + 1]!.content;
      const lineCount = block.map![1] - block.map![0] - (setext ? 1 : 0);
      const start = contiguousContentStart(text, lines, content, block.map![0] + 1, lineCount);
      if (start < 0) continue;
      const reference = contentLineMap(text, lines, content, block.map![0] + 1, lineCount);
      expect(reference, path).not.toBeNull();
      for (let offset = 0; offset <= content.length; offset++) if (reference!(offset) !== start + offset) expect([path, offset, reference!(offset)]).toEqual([path, offset, start + offset]);
      runs++;
    }
    return runs;
  };

  it('maps as the lines do, on content that is one run or not', () => {
    // One run: the paragraph (trailing spaces trimmed) and the setext heading; the quote and the item lose their prefixes.
    const text = '# t\n\npara one\ncontinued  \n\n> quoted\n> lines\n\n- item\n  more\n\nSetext\n===\n';
    expect(expectSameMap('inline', text)).toBe(2);
    const lines = new LineIndex(text);
    // A quote's second line lost its `> `: not one run, mapped line by line.
    expect(contiguousContentStart(text, lines, 'quoted\nlines', 6, 2)).toBe(-1);
    expect(contentLineMap(text, lines, 'quoted\nlines', 6, 2)!(7)).toBe(text.indexOf('lines'));
    // Content that is not the file's: neither maps it.
    expect(contiguousContentStart(text, lines, 'para two', 3, 1)).toBe(-1);
    expect(contentLineMap(text, lines, 'para two', 3, 1)).toBeNull();
  });

  itOnEveryRealPost('maps as the lines do', expectSameMap, { real: 5_000, siteHead: 20_000 });
});

describe('the block state\'s line marks by indexOf (markLines)', () => {
  const md = new MarkdownIt('default', { html: true });
  /** markdown-it's own StateBlock on `src` and `markLines`: the same marks; returns the number of lines. */
  const expectSameMarks = (path: string, src: string): number => {
    const own = new md.block.State(src, md, {}, []);
    const ours = { src, bMarks: [], eMarks: [], tShift: [], sCount: [], bsCount: [], lineMax: -1 };
    markLines(ours);
    expect([ours.bMarks, ours.eMarks, ours.tShift, ours.sCount, ours.bsCount, ours.lineMax], path).toEqual([own.bMarks, own.eMarks, own.tShift, own.sCount, own.bsCount, own.lineMax]);
    return own.lineMax;
  };

  it('marks the lines markdown-it marks, on edge cases and generated text', () => {
    for (const src of ['', ' ', '\n', 'a', ' \t a\n', '\t\n  \n', 'a\n  ', 'a\n \t', '  a', 'a\n\n', '\n\nb']) expectSameMarks(JSON.stringify(src), src);
    fc.assert(fc.property(fc.array(fc.constantFrom(' ', '\t', '\n', 'a', '日', '>', '-'), { maxLength: 40 }).map((chars) => chars.join('')), (src) => expectSameMarks(JSON.stringify(src), src) >= 0), { numRuns: 3000 });
  });

  itOnEveryRealPost('marks the lines markdown-it marks', expectSameMarks, { real: 20_000, siteHead: 100_000 });
});

describe('a task list check by indexOf (hasTaskCheck)', () => {
  const TASK_CHECK = /\[(?:[\t xX]|\r?\n|\r)\]/;
  it('finds what the regex finds, on edge cases and generated text', () => {
    for (const text of ['[ ]', '[x]', '[X]', '[\t]', '[\n]', '[\r]', '[\r\n]', '[\r\r]', '[\n\n]', '[xx]', '[', '[ ', 'a[b]', '[[ ]']) expect(hasTaskCheck(text), JSON.stringify(text)).toBe(TASK_CHECK.test(text));
    fc.assert(fc.property(fc.array(fc.constantFrom('[', ']', ' ', 'x', 'X', '\t', '\n', '\r', 'a', '日'), { maxLength: 30 }).map((chars) => chars.join('')), (text) => hasTaskCheck(text) === TASK_CHECK.test(text)), { numRuns: 5000 });
  });

  itOnEveryRealPost('finds what the regex finds', (path, text) => {
    expect(hasTaskCheck(text), path).toBe(TASK_CHECK.test(text));
    return 1;
  }, { real: 300, siteHead: 1000 });
});

describe('plain inline content, left unparsed (holdsPlainTextOnly, plainInlineText)', () => {
  // markdown-it's own parser: what its inline parse makes of plain content.
  const md = new MarkdownIt('default', { html: true });
  /** The text the model makes of markdown-it's tokens (`inlineText`: a hard break adds none), which must be all there are. */
  const tokensText = (children: { type: string; content: string }[], what: string): string =>
    children
      .map((token) => {
        expect(['text', 'softbreak', 'hardbreak'], what).toContain(token.type);
        return token.type === 'text' ? token.content : token.type === 'softbreak' ? '\n' : '';
      })
      .join('');
  /** Every plain inline content of `text` (paragraphs, headings, table cells): its text both ways; returns how many. */
  const expectSamePlainText = (path: string, text: string): number => {
    let plain = 0;
    for (const token of md.parse(text, {})) {
      if (token.type !== 'inline' || !holdsPlainTextOnly(token.content)) continue;
      expect(plainInlineText(token.content), path).toBe(tokensText(token.children ?? [], path));
      plain++;
    }
    return plain;
  };

  it('is what markdown-it reads as text and line breaks, on edge cases and generated text', () => {
    for (const content of ['a', 'a\nb', 'a \nb', 'a  \nb', 'a   \n  \tb', 'a\t\nb', 'a \t\nb', '  \nb', 'a\n   \nb', '日本語。\n  次の行', '# 1. 50% !x | y', 'a\n']) {
      expect(holdsPlainTextOnly(content), content).toBe(true);
      expect(plainInlineText(content), JSON.stringify(content)).toBe(tokensText(md.parseInline(content, {})[0]!.children!, content));
    }
    fc.assert(
      fc.property(fc.array(fc.constantFrom(' ', '  ', '\t', '\n', 'a', '日', '.', ':', '!', '#', '-', '>', '|', '%', '1', '=', '+'), { maxLength: 40 }).map((chars) => chars.join('')), (content) => {
        if (!holdsPlainTextOnly(content)) return;
        expect(plainInlineText(content), JSON.stringify(content)).toBe(tokensText(md.parseInline(content, {})[0]!.children!, content));
      }),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.array(fc.constantFrom(...MARKDOWN_PIECES), { maxLength: 12 }).map((pieces) => pieces.join('\n')), (text) => expectSamePlainText('p.md', text) >= 0), { numRuns: 500 });
  });

  it('is not content with any other inline syntax or an autolink literal', () => {
    for (const content of ['a\\b', '`c`', '*a*', '_a_', '~a~', '[a]', 'a]', '<b>', '&amp;', 'https://x.y', 'www.x.y', 'a@b.c']) expect(holdsPlainTextOnly(content), content).toBe(false);
  });

  itOnEveryRealPost('is what markdown-it reads as text and line breaks', expectSamePlainText, { real: 3_000, siteHead: 70_000 });
});
