import { defineRule, ruleOptions, type Report } from '../rule.js';
import { authorKind, authorOf, voiceSentences } from '../../analysis/persona.js';

/**
 * A career the post claims for its writer (`私がこの業界を20年見てきた`, `数百社を支援してきた`,
 * "I've spent two decades covering chips") in a post signed by an organisation, a team or an editorial
 * desk (`claims.organisationAuthors`): no one person stands behind it, so the experience is invented and
 * the reader is misled about the source of the judgement. No fix: the sentence has to be rewritten.
 */
export default defineRule({
  id: 'claims/persona-experience',
  category: 'claims',
  defaultSeverity: 'warning',
  options: ruleOptions('claims', 'organisationAuthors'),
  keptInDeletedCopies: true,
  description: {
    en: 'A personal career (years in an industry, numbers of clients) claimed in a post signed by an organisation or editorial team.',
    ja: '組織・編集部名義の記事で、書き手個人の経歴（業界歴◯年、数百社の支援など）を語っている。',
  },
  messages: {
    persona: {
      en: 'A personal career ("{{experience}}") in a post signed "{{author}}": no one person stands behind it, so readers are misled about where the judgement comes from. Remove the claim or attribute it to a named, real source.',
      ja: '「{{author}}」名義の記事で個人の経歴（「{{experience}}」）を語っています。実在の書き手がいないため、判断の根拠について読者を誤解させます。削除するか、実在の出典に帰属させてください。',
    },
  },
  evidence: {
    error: 'The author matches `claims.organisationAuthors`, and one sentence both speaks as one person (私, 僕, "I", "my") and claims years in a field or a number of clients.',
    warning: 'The author matches `claims.organisationAuthors`, and a sentence claims years in a field or a number of clients without naming who (the persona is implied).',
  },
  examples: {
    valid: [
      {
        name: 'a person may state their own career',
        text: '---\ntitle: x\nauthor: 山田太郎\n---\n\n私がこの業界に足を踏み入れて20年、多くの変化を見てきました。\n',
      },
      {
        name: 'a quoted expert’s career',
        source: 'written for the rule',
        text: '---\ntitle: x\nauthor: "ALLFORCES編集部"\n---\n\n半導体業界を30年見てきた田中氏は「今回は違う」と語る。\n',
      },
      {
        name: 'an organisation speaking as itself',
        text: '---\ntitle: Ten years of Prometheus\nauthor: Prometheus Team\n---\n\nWe have spent ten years building Prometheus with the community.\n',
      },
    ],
    invalid: [
      {
        name: 'an editorial desk with twenty years in the industry',
        source: 'ai-blog-system 2025-10-05 post (MIT)',
        text: '---\ntitle: x\nauthor: "ALLFORCES編集部"\n---\n\n私がこの業界に足を踏み入れて20年。シリコンバレーのガレージから生まれたスタートアップが世界を変える瞬間も、日本の大企業がAI導入に苦戦する姿も、数えきれないほど見てきました。\n',
        findings: [{ line: 6, severity: 'error', message: '20年' }],
      },
      {
        name: 'the persona implied',
        source: 'ai-blog-system 2025-10-21 post (MIT)',
        text: '---\ntitle: x\nauthor: "ALLFORCES編集部"\n---\n\nこの20年間、AI業界の浮き沈みを見てきましたが、今回の動きは本物です。\n',
        findings: [{ line: 6, severity: 'warning' }],
      },
      {
        name: 'English: a newsroom byline with a consultant’s career',
        text: '---\ntitle: Why chiplets win\nauthor: The Newsroom\n---\n\nHaving advised hundreds of companies, I have seen this pattern before.\n',
        findings: [{ line: 6, severity: 'error' }],
      },
    ],
  },
  check({ post, options }) {
    if (authorKind(post, options.organisationAuthors) !== 'organisation') return [];
    const author = authorOf(post)!;
    const reports: Report[] = [];
    const seen = new Set<number>();
    for (const s of voiceSentences(post)) {
      if (s.experience === null || seen.has(s.line)) continue;
      seen.add(s.line);
      reports.push({
        line: s.line,
        severity: s.firstPerson ? 'error' : 'warning',
        messageId: 'persona',
        data: { experience: s.experience, author },
      });
    }
    return reports;
  },
});
