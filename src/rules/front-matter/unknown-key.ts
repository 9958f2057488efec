import { defineRule, ruleOptions, type Report } from '../rule.js';

/** Keys outside `frontMatter.knownKeys` (often a typo such as `categores`); info only. */
export default defineRule({
  id: 'front-matter/unknown-key',
  category: 'front-matter',
  defaultSeverity: 'info',
  options: ruleOptions('frontMatter', 'knownKeys'),
  description: {
    en: 'Front-matter keys are ones the site knows (frontMatter.knownKeys).',
    ja: 'フロントマターのキーがサイトで使われるもの（frontMatter.knownKeys）であること。',
  },
  messages: {
    unknownKey: {
      en: 'unknown front-matter key `{{key}}`; add it to frontMatter.knownKeys if the site uses it',
      ja: '不明なフロントマターのキー `{{key}}` です。サイトで使うなら frontMatter.knownKeys に追加してください',
    },
    nearKnownKey: {
      en: 'unknown front-matter key `{{key}}`; did you mean `{{near}}`?',
      ja: '不明なフロントマターのキー `{{key}}` です。`{{near}}` の誤りではありませんか？',
    },
  },
  evidence: {
    info: 'A key outside `frontMatter.knownKeys` (TOML table members excepted), with the nearest known key when one is within two edits: a typo, or a key of the site the config does not list yet.',
  },
  examples: {
    valid: [{ name: 'only known keys', source: 'vim-jp.org _posts/blog/2018-03-12-recent-changes.md lines 1-7 (CC BY 4.0)', text: '---\nlayout: post\ncategory: blog\ntitle: 最近追加された機能\n---\n\n最近追加された機能について説明します。\n' }],
    invalid: [
      {
        name: 'Nanoc keys the default list does not know',
        source: 'prometheus.io blog/posts/2015-06-01-advanced-service-discovery.md lines 1-8 (Apache-2.0)',
        text: '---\ntitle: Advanced Service Discovery in Prometheus 0.14.0\ncreated_at: 2015-06-01\nkind: article\nauthor_name: Fabian Reinartz, Julius Volz\n---\n\nThis week we released Prometheus v0.14.0 — a version with many long-awaited additions\nand improvements.\n',
        findings: [{ line: 3, severity: 'info' }, { line: 4, severity: 'info' }, { line: 5, severity: 'info' }],
      },
    ],
  },
  check({ post, options }) {
    const known = options.knownKeys;
    if (!post.frontMatter || known.length === 0) return [];
    const set = new Set(known);
    return post.frontMatter.entries
      // Keys inside a TOML table (`taxonomies.tags`) belong to the table, which is checked itself.
      .filter((entry) => !set.has(entry.key) && !(entry.format === 'toml' && entry.key.includes('.')))
      .map((entry): Report => {
        const near = known.find((k) => closeTo(k, entry.key));
        return {
          line: entry.line,
          endLine: entry.line,
          ...(near ? { messageId: 'nearKnownKey', data: { key: entry.key, near } } : { messageId: 'unknownKey', data: { key: entry.key } }),
        };
      });
  },
});

/** Edit distance ≤ 2 (keys are short: a plain O(n·m) table is fine), case-insensitive. */
function closeTo(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x === y) return true;
  if (Math.abs(x.length - y.length) > 2 || x.length > 40 || y.length > 40) return false;
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]! <= 2;
}
