import { z } from 'zod';

/** Options of the claims rules (`claims:`). */
export const claimsOptions = z
  .strictObject({
    /** How many paragraphs before a claim may hold its source (0 = the same paragraph only). */
    sourceWindow: z.number().int().min(0).default(1),
    /** Known pipeline substitutions: figure phrase → the plain wording it replaced. */
    substitutions: z
      .record(z.string(), z.string())
      .default({ '300%の': '大幅な', '75%以上の企業': '多くの企業', '年率25%以上の成長': '高い成長' }),
    /** Words that overstate a claim (reported as info). */
    hype: z
      .array(z.string())
      .default([
        '革命的', 'ゲームチェンジャー', '間違いなく', '絶対に', '史上最高', '前例のない', '圧倒的',
        'revolutionary', 'game-changer', 'game changer', 'guaranteed', 'unprecedented', 'groundbreaking',
      ]),
    /** Offer a footnote placeholder as the fix of an unsourced claim. */
    footnotePlaceholder: z.boolean().default(false),
    /**
     * When the title and excerpt state no figure, the first statistic of this many lead paragraphs (a
     * title echo skipped) is the post's headline claim; 0 = title and excerpt only.
     */
    leadParagraphs: z.number().int().min(0).default(2),
    /**
     * Authors that are an organisation, a team or an editorial desk (regular expressions, matched
     * case-insensitively against `author`): in their posts a persona's career or an "I" is invented.
     */
    organisationAuthors: z
      .array(z.string())
      .default([
        '編集部', '編集チーム', '編集局', '編集室', '編集者一同', 'チーム', '事務局', '運営', '株式会社', '有限会社', '合同会社',
        '記事生成', '自動生成',
        '\\b(?:team|staff|editorial|editors|newsroom|desk|inc\\.?|llc|ltd\\.?|gmbh|corp(?:oration)?|co\\.|admin|bot)\\b',
      ]),
    /** Report first-person voice (`私は`, "I") in posts by such authors (`claims/first-person-voice`, info). */
    firstPersonVoice: z.boolean().default(true),
    /** A figure phrase found in at least this many other posts is a recurring statistic. */
    recurringMinPosts: z.number().int().min(1).default(2),
  })
  .prefault({});

export type ClaimsOptions = z.infer<typeof claimsOptions>;
