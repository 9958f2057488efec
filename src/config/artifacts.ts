import { z } from 'zod';

/** Options of the artifacts rules (`artifacts:` in .github/editorial-review.yml). */
export const artifactsOptions = z
  .strictObject({
    /**
     * Stock phrases of generated text (`artifacts/stock-phrase`, info): plain strings, matched
     * case-insensitively. An empty list turns the rule off.
     */
    stockPhrases: z
      .array(z.string().min(1))
      .default([
        'いかがでしたでしょうか', 'いかがでしたか', '本記事では', 'について詳しく解説します', 'について詳細に分析します',
        '見ていきましょう', '正直なところ', 'あなたも感じているかもしれません', '言うまでもありません', '目まぐるしい',
        '深く掘り下げ', '新たな地平', '羅針盤', '紐解いて',
        "in today's fast-paced world", 'in the ever-evolving', 'ever-changing landscape', 'delve into', 'delves into',
        'a testament to', "it's important to note that", 'it is important to note that', 'in conclusion,',
        'unlock the full potential', 'navigate the complexities', 'game-changer', 'tapestry',
      ]),
    /**
     * A paragraph that ends at least this many posts of the site is its closing block (a disclaimer, a
     * call to action): prose after it in a post is `artifacts/content-after-footer`.
     */
    footerMinPosts: z.number().int().min(2).default(5),
  })
  .prefault({});

export type ArtifactsOptions = z.infer<typeof artifactsOptions>;
