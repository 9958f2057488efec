import { defineRule, ruleOptions, type Report } from '../rule.js';
import { authorKind, authorOf, voiceSentences } from '../../analysis/persona.js';

/**
 * "I" in a post signed by an organisation, a team or an editorial desk (`claims.organisationAuthors`):
 * a persona speaking where no person signs. Information only, once per paragraph line; off with
 * `claims.firstPersonVoice: false`. Sentences that claim a career are `claims/persona-experience`'s.
 */
export default defineRule({
  id: 'claims/first-person-voice',
  category: 'claims',
  defaultSeverity: 'info',
  options: ruleOptions('claims', 'firstPersonVoice', 'organisationAuthors'),
  keptInDeletedCopies: true,
  description: {
    en: 'First-person voice ("I", 私は) in a post signed by an organisation or editorial team.',
    ja: '組織・編集部名義の記事での一人称（私は、僕が、"I"）。',
  },
  messages: {
    firstPerson: {
      en: 'First-person voice in a post signed "{{author}}": "{{quote}}…". Write as the organisation, or sign the post with the person\'s name.',
      ja: '「{{author}}」名義の記事で一人称が使われています:「{{quote}}…」。組織としての文体にするか、実名で署名してください。',
    },
  },
  evidence: {
    info: 'The author matches `claims.organisationAuthors` and a sentence of the post’s own prose (not a quote, not reported speech) speaks as one person.',
  },
  examples: {
    valid: [
      { name: 'a person’s post', text: '---\ntitle: x\nauthor: mattn\n---\n\n私はVimを使っています。\n' },
      { name: 'an organisation as "we"', text: '---\ntitle: x\nauthor: "ALLFORCES編集部"\n---\n\n私たちはこの動きに注目しています。\n' },
    ],
    invalid: [
      {
        name: 'an editorial desk says 私',
        source: 'ai-blog-system 2025-10-27 post (MIT)',
        text: '---\ntitle: x\nauthor: "ALLFORCES編集部"\n---\n\n正直なところ、このニュースを聞いた時、私は少しばかり眉をひそめました。\n',
        findings: [{ line: 6, severity: 'info' }],
      },
    ],
  },
  check({ post, options }) {
    if (!options.firstPersonVoice) return [];
    if (authorKind(post, options.organisationAuthors) !== 'organisation') return [];
    const author = authorOf(post)!;
    const reports: Report[] = [];
    const seen = new Set<number>();
    for (const s of voiceSentences(post)) {
      if (!s.firstPerson || s.experience !== null || seen.has(s.line)) continue;
      seen.add(s.line);
      reports.push({
        line: s.line,
        messageId: 'firstPerson',
        data: { author, quote: s.text.slice(0, 40) },
      });
    }
    return reports;
  },
});
