import { defineRule, ruleOptions, type Report } from '../rule.js';
import { getEntry, listEntryFix } from '../../post/front-matter.js';

const KEYS = [
  { key: 'categories', option: 'allowedCategories', name: { en: 'categories', ja: 'カテゴリー' }, emptyMessage: 'emptyCategories' },
  { key: 'tags', option: 'allowedTags', name: { en: 'tags', ja: 'タグ' }, emptyMessage: 'emptyTags' },
] as const;

/** Items of a categories/tags value as Jekyll reads it: a list, or a string split on spaces. */
function items(value: unknown): string[] | null {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean);
  return null;
}

function key(item: string): string {
  return item.normalize('NFKC').trim().toLowerCase();
}

/** tags/categories: empty, duplicated, or outside the site's allowed list (when the config names one). */
export default defineRule({
  id: 'front-matter/taxonomy',
  category: 'front-matter',
  defaultSeverity: 'warning',
  options: ruleOptions('frontMatter', 'allowedCategories', 'allowedTags'),
  description: {
    en: 'Tags and categories are not empty, not repeated, and within the allowed lists when configured.',
    ja: 'タグ・カテゴリーが空でなく、重複がなく、設定された許可リストの範囲内であること。',
  },
  messages: {
    emptyCategories: {
      en: 'categories is empty; add at least one or remove the key',
      ja: 'カテゴリー（categories）が空です。1 つ以上指定するか、キーを削除してください',
    },
    emptyTags: {
      en: 'tags is empty; add at least one or remove the key',
      ja: 'タグ（tags）が空です。1 つ以上指定するか、キーを削除してください',
    },
    repeated: { en: '{{name}} lists {{items}} more than once; keep one', ja: '{{name}}に {{items}} が重複しています。1 つにしてください' },
    emptyItem: { en: '{{name}} has an empty entry; remove it', ja: '{{name}}に空の項目があります。削除してください' },
    notAllowed: {
      en: "{{name}} {{items}} is not in the site's allowed list (frontMatter.{{option}}); use one of: {{allowed}}",
      ja: '{{name}} {{items}} はサイトの許可リスト（frontMatter.{{option}}）にありません。次から選んでください: {{allowed}}',
    },
    notAllowedMany: {
      en: "{{name}} {{items}} are not in the site's allowed list (frontMatter.{{option}}); use one of: {{allowed}}",
      ja: '{{name}} {{items}} はサイトの許可リスト（frontMatter.{{option}}）にありません。次から選んでください: {{allowed}}',
    },
  },
  evidence: {
    warning: 'A `categories` or `tags` value that is empty, has an empty item, names one item twice (case and width folded), or names one outside `frontMatter.allowedCategories` / `allowedTags` when the config lists them.',
  },
  examples: {
    valid: [{ name: 'distinct tags', source: 'ai-blog-system seed 004 lines 1-6 (MIT)', text: '---\nlayout: post\ntitle: \"Amazon Bedrock、自社製チップで性能倍増、何が変わるのか？\"\ndate: 2025-12-17 20:38:36 +0000\ncategories: [\"投資分析\"]\ntags: [\"AI\", \"最新ニュース\", \"技術動向\", \"Amazon\"]\n---\n\n本文です。\n' }],
    invalid: [
      {
        name: 'a tag listed twice',
        source: 'ai-blog-system seed 004 lines 1-6, a tag repeated for the case (MIT)',
        text: '---\nlayout: post\ntitle: \"Amazon Bedrock、自社製チップで性能倍増、何が変わるのか？\"\ndate: 2025-12-17 20:38:36 +0000\ncategories: [\"投資分析\"]\ntags: [\"AI\", \"最新ニュース\", \"技術動向\", \"Amazon\", \"ai\"]\n---\n\n本文です。\n',
        findings: [{ line: 6, severity: 'warning', message: '\"ai\"' }],
        output: '---\nlayout: post\ntitle: \"Amazon Bedrock、自社製チップで性能倍増、何が変わるのか？\"\ndate: 2025-12-17 20:38:36 +0000\ncategories: [\"投資分析\"]\ntags: [\"AI\", \"最新ニュース\", \"技術動向\", \"Amazon\"]\n---\n\n本文です。\n',
      },
    ],
  },
  check({ post, options }) {
    const reports: Report[] = [];
    for (const spec of KEYS) {
      const entry = getEntry(post.frontMatter, spec.key);
      if (!entry) continue;
      const list = entry.value === null ? [] : items(entry.value);
      if (list === null) continue; // value-types reports the type
      const where = { line: entry.line, endLine: entry.endLine };
      if (list.length === 0 || list.every((item) => item.trim() === '')) {
        reports.push({ ...where, messageId: spec.emptyMessage });
        continue;
      }
      const seen = new Map<string, string>();
      const duplicates: string[] = [];
      const unique: string[] = [];
      for (const item of list) {
        const k = key(item);
        if (k === '') continue;
        if (seen.has(k)) duplicates.push(item);
        else {
          seen.set(k, item);
          unique.push(item);
        }
      }
      const emptyItems = list.some((item) => item.trim() === '');
      if (duplicates.length > 0 || emptyItems) {
        const fix = Array.isArray(entry.value) && entry.line === entry.endLine ? listEntryFix(post.lines, entry, unique) : undefined;
        const names = duplicates.map((d) => `"${d}"`).join(', ');
        reports.push({
          ...where,
          ...(duplicates.length ? { messageId: 'repeated', data: { name: spec.name, items: names } } : { messageId: 'emptyItem', data: { name: spec.name } }),
          ...(fix ? { fix } : {}),
        });
      }
      const allowed = options[spec.option];
      if (allowed.length > 0) {
        const allowedKeys = new Set(allowed.map(key));
        const outside = unique.filter((item) => !allowedKeys.has(key(item)));
        if (outside.length > 0) {
          const names = outside.map((d) => `"${d}"`).join(', ');
          reports.push({
            ...where,
            messageId: outside.length === 1 ? 'notAllowed' : 'notAllowedMany',
            data: {
              name: spec.name,
              items: names,
              option: spec.option,
              allowed: { en: `${allowed.slice(0, 10).join(', ')}${allowed.length > 10 ? ', …' : ''}`, ja: `${allowed.slice(0, 10).join('、')}${allowed.length > 10 ? '、…' : ''}` },
            },
          });
        }
      }
    }
    return reports;
  },
});
