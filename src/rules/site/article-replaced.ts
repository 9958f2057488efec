import { defineRule } from '../rule.js';
import { getEntry } from '../../post/front-matter.js';
import { frontMatterData, splitFrontMatter } from '../../post/front-matter-source.js';
import { normalizedBody, titleKey } from '../../analysis/corpus/features.js';
import { allShingleHashes, exactJaccard, shingleSet } from '../../analysis/corpus/minhash.js';
import { absolute } from './shared.js';

const SITE = { '_config.yml': 'permalink: /:year/:month/:day/:title/\ntimezone: Asia/Tokyo\n' };
const PATH = '_posts/2025-09-12-2-ai-article-update.md';
const BEFORE = `---
layout: post
title: "パナソニックのAI基板投資、その真意はどこに？"
date: 2025-09-12 04:35:18 +0000
---

「パナソニック インダストリーがAI基板に170億円投資、生産能力2倍へ」というニュース、あなたはどう感じましたか？正直なところ、私自身は「おや、パナソニックがまた動いたか」と、少し懐疑的な目で見てしまったんです。

でもね、今回の話はちょっと違うかもしれない。そう思わせるだけの、確かな背景と戦略が見え隠れしているんです。AI、特に生成AIの進化は、データセンターのあり方を根本から変えつつあります。
`;
const AFTER = `---
layout: post
title: "ソフトバンクと東大が描く「x"
date: 2025-09-12 16:41:54 +0000
---

「ソフトバンクと東京大学がxIPFコンソーシアムを設立へ」――このニュースを聞いて、正直なところ、私の最初の反応は「また新しいプラットフォームの話か」という、ちょっとした懐疑でした。

データ、データ、そしてデータ。AIが社会のインフラとなりつつある今、この言葉を聞かない日はないでしょう。
`;

/** Below this many normalised characters the old version was a stub: filling it is writing, not replacing. */
const MIN_OLD_CHARS = 120;
/** Shingle overlap under which two versions are different articles, not an edit of one. */
const MAX_SIMILARITY = 0.3;
const SHINGLE = 5;

function bodySet(text: string): { set: Uint32Array; chars: number } {
  const body = normalizedBody(text);
  return { set: shingleSet(allShingleHashes(body, SHINGLE)), chars: body.length };
}

/**
 * A change that puts a different article at a path that already held a published one: the URL readers,
 * feeds and search engines know now shows other content, and the old article is gone. The pipelines
 * that write `N-ai-article-update.md` slots do this when a second run on one day reuses a slot.
 */
export default defineRule({
  id: 'site/article-replaced',
  category: 'site',
  defaultSeverity: 'error',
  crossPost: true,
  description: {
    en: 'The change replaces the published article at this path with a different article.',
    ja: 'この変更は、このパスで公開済みの記事を別の記事で置き換えている。',
  },
  messages: {
    replaced: {
      en: 'this change replaces the article published here ({{was}}{{url}}) with a different one ({{common}}% of the text in common): links to it now show other content. Add the new article as a new file and restore the old one',
      ja: 'この変更は、ここで公開済みの記事（{{was}}{{url}}）を別の記事（本文の共通部分 {{common}}%）で置き換えています。その URL へのリンクが別の内容を指すことになります。新しい記事は新しいファイルにし、元の記事を戻してください',
    },
  },
  evidence: {
    error:
      'The version before the change (the pull request base; in the CLI `--base REF`, or HEAD for uncommitted edits) was a published article of at least 120 characters, its title differs, and the two bodies share under 30% of their 5-character shingles.',
  },
  examples: {
    valid: [
      { name: 'a new file', site: SITE, path: PATH, text: AFTER },
      { name: 'an edit of the same article', site: SITE, path: PATH, previous: BEFORE, text: BEFORE.replace('生産能力2倍へ', '生産能力を2倍に') },
    ],
    invalid: [
      {
        name: 'another article in the same slot',
        source: 'ai-blog-system _posts/2025-09-12-2-ai-article-update.md, before and at bb2c490f (MIT)',
        site: SITE,
        path: PATH,
        previous: BEFORE,
        text: AFTER,
        findings: [{ line: 3, severity: 'error', message: 'パナソニックのAI基板投資' }],
      },
    ],
  },
  check({ post, site }) {
    if (!site?.hasBase || !site.previousText || !post.frontMatter) return [];
    const path = site.sitePath(post);
    const before = path === undefined ? undefined : site.previousText(path, post);
    if (before === undefined || before === post.text) return [];
    const split = splitFrontMatter(before);
    const oldData = split ? frontMatterData(split.format, split.source) : null;
    if (oldData?.published === false || oldData?.draft === true) return [];
    const oldTitle = typeof oldData?.title === 'string' ? oldData.title : undefined;
    const newTitle = typeof post.frontMatter.data.title === 'string' ? post.frontMatter.data.title : undefined;
    if (titleKey(oldTitle) === titleKey(newTitle)) return [];
    const old = bodySet(before);
    if (old.chars < MIN_OLD_CHARS) return [];
    const similarity = exactJaccard(old.set, bodySet(post.text).set);
    if (similarity >= MAX_SIMILARITY) return [];
    const entry = getEntry(post.frontMatter, 'title');
    const line = entry?.line ?? post.frontMatter.startLine;
    const url = site.postFor(post)?.url;
    return [
      {
        line,
        endLine: entry?.endLine ?? line,
        messageId: 'replaced',
        data: {
          was: oldTitle ? { en: `"${oldTitle}"`, ja: `「${oldTitle}」` } : { en: 'another article', ja: '別の記事' },
          url: url ? { en: `, ${absolute(site, url)}`, ja: `、${absolute(site, url)}` } : '',
          common: Math.round(similarity * 100),
        },
      },
    ];
  },
});
