import { defineRule, type Report } from '../rule.js';
import { codeRanges, insideRanges, proseBlocks } from '../../analysis/blocks.js';
import { stringEntry } from '../../analysis/front-matter.js';
import { hasCjk } from '../../core/language.js';

/**
 * Placeholders a filter writes over names: `某大規模言語モデル企業`, `某社`, `[COMPANY]`, `<PERSON>`.
 * A person anonymising on purpose writes them too (`某社の案件で`), so the evidence is the post itself:
 * its title names an entity that the body never names, while the body carries placeholders: the filter
 * ran on the body and missed the title.
 */
const MASK_JA = /某(?:[\p{Script=Han}\p{Script=Katakana}ー・A-Za-z0-9]{0,16}?)(?:企業|会社|社|メーカー|大手|団体|機関|研究所|大学|プラットフォーム|サービス|国|氏)/gu;
const MASK_EN = /\[(?:COMPANY|COMPANY[ _]NAME|ORG|ORGANI[SZ]ATION|PERSON|PERSON[ _]NAME|NAME|PRODUCT|BRAND|CLIENT|ENTITY)(?:[ _]?\d+)?\]|<(?:COMPANY|ORG|ORGANI[SZ]ATION|PERSON|NAME|PRODUCT|ENTITY)(?:[ _]?\d+)?>|\{\{\s*(?:company|company_name|org|person|product|brand)\s*\}\}/gu;

/** Every match of MASK_JA holds `某`, every match of MASK_EN `[`, `<` or `{{`: a line without them has none. */
const MAY_HOLD_MASK = /[某\[<]|\{\{/u;

/**
 * Names in a title. In a Japanese title every Latin-script word and every katakana word of three or more
 * is a name. An English title capitalises every word, so there only words with a capital inside
 * (`OpenAI`, `iPhone`), with digits (`GPT-5`) or in capitals (`NVIDIA`) are names.
 */
function namesIn(title: string): string[] {
  const names = new Set<string>();
  const japanese = hasCjk(title);
  for (const m of title.matchAll(/[A-Za-z][A-Za-z0-9&.+-]*[A-Za-z0-9]/gu)) {
    const word = m[0];
    const marked = /[a-z][A-Z]|\d|^[A-Z]{2,}$/u.test(word);
    if (japanese ? /^[A-Z]/u.test(word) || marked : marked) if (!/^(?:AI|IT|IoT|DX)$/u.test(word)) names.add(word);
  }
  if (japanese) for (const m of title.matchAll(/[\p{Script=Katakana}ー]{3,}/gu)) names.add(m[0]);
  return [...names];
}

export default defineRule({
  id: 'artifacts/masked-name',
  category: 'artifacts',
  defaultSeverity: 'warning',
  keptInDeletedCopies: true,
  description: {
    en: 'A placeholder a filter wrote over a name (某…企業, [COMPANY]) while the title still names the entity.',
    ja: 'フィルタが固有名詞を置き換えたプレースホルダ（某…企業、[COMPANY]）。タイトルには実名が残っている。',
  },
  messages: {
    placeholderForTitleName: {
      en: 'Placeholder {{placeholders}} where a name was; the title names "{{name}}", which the body never does. Restore the name (see the suggestion), or rewrite the sentence.',
      ja: '固有名詞の代わりにプレースホルダ {{placeholders}} があります（タイトルには本文にない「{{name}}」があります）。実名に戻すか（修正案を参照）、文を書き直してください。',
    },
    placeholder: {
      en: 'Placeholder {{placeholders}} where a name was. Restore the name, or rewrite the sentence.',
      ja: '固有名詞の代わりにプレースホルダ {{placeholders}} があります。実名に戻すか、文を書き直してください。',
    },
  },
  evidence: {
    error: 'The body has placeholders, and the title names exactly one entity (a capitalised Latin name or a katakana word) that the body never names: the fix puts that name back where all placeholders are the same.',
    warning: 'A bracketed placeholder (`[COMPANY]`, `<PERSON>`, `{{company}}`) in prose, or `某…企業` with a title naming an entity the body never names.',
  },
  examples: {
    valid: [
      { name: 'anonymising on purpose', source: 'written for the rule', text: '---\ntitle: 受託開発で学んだこと\n---\n\n某社の案件で、テストのない巨大なコードを引き継ぎました。\n' },
      { name: 'the title’s entity is named in the body', text: '---\ntitle: "OpenAIの新戦略"\n---\n\nOpenAIは新モデルを発表した。某大手メーカーも追随した。\n' },
      { name: 'a template placeholder in code', text: '---\ntitle: Templates\n---\n\nWrite `[COMPANY]` where the name goes.\n' },
    ],
    invalid: [
      {
        name: 'the filter masked the company in the body but not in the title',
        source: 'written after the issue report of the ai-blog-system pipeline (MIT)',
        text: '---\ntitle: "Anthropicの新モデルが示す未来"\n---\n\n某大規模言語モデル企業は、新モデルを発表しました。某大規模言語モデル企業の狙いは明確です。\n',
        findings: [{ line: 5, severity: 'error', message: '某大規模言語モデル企業' }],
        output: '---\ntitle: "Anthropicの新モデルが示す未来"\n---\n\nAnthropicは、新モデルを発表しました。Anthropicの狙いは明確です。\n',
      },
      {
        name: 'English: a bracketed placeholder',
        text: '---\ntitle: Our quarter in review\n---\n\nThis quarter [COMPANY] shipped two releases.\n',
        findings: [{ line: 5, severity: 'warning' }],
      },
    ],
  },
  check({ post }) {
    const body = proseBlocks(post);
    // Worked out at the first placeholder: most posts have none.
    let code: readonly [number, number][] | undefined;
    let missing: string[] | undefined;
    const reports: Report[] = [];
    for (const block of body) {
      for (let line = block.line; line <= block.endLine; line++) {
        const text = post.lines.line(line);
        if (!MAY_HOLD_MASK.test(text)) continue;
        const lineStart = post.lines.startOf(line);
        const masks = [...text.matchAll(MASK_JA)].map((m) => ({ m, bracketed: false })).concat([...text.matchAll(MASK_EN)].map((m) => ({ m, bracketed: true })));
        code ??= codeRanges(post);
        const kept = masks.filter(({ m }) => !insideRanges(code!, lineStart + m.index));
        if (kept.length === 0) continue;
        if (missing === undefined) {
          const title = stringEntry(post, 'title')?.value ?? '';
          const bodyText = body.map((b) => b.text).join('\n');
          missing = namesIn(title).filter((name) => !bodyText.includes(name));
        }
        // `某…` alone is a writer's choice; it is a filter's only when the title names what the body does not.
        if (missing.length === 0 && !kept.some((k) => k.bracketed)) continue;
        const placeholders = [...new Set(kept.map(({ m }) => m[0]))];
        const name = missing.length === 1 ? missing[0]! : null;
        const report: Report = {
          line,
          column: Math.min(...kept.map(({ m }) => m.index)) + 1,
          severity: name ? 'error' : 'warning',
          messageId: name ? 'placeholderForTitleName' : 'placeholder',
          data: { placeholders: { en: placeholders.map((p) => `"${p}"`).join(', '), ja: placeholders.map((p) => `「${p}」`).join('、') }, ...(name ? { name } : {}) },
        };
        if (name && placeholders.length === 1) {
          report.fix = { line, endLine: line, replacement: text.split(placeholders[0]!).join(name) };
        }
        reports.push(report);
      }
    }
    return reports;
  },
});
