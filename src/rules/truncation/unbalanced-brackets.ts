import { defineRule, ruleOptions, SPECIFICITY, type Report } from '../rule.js';
import { findUnbalancedBracket } from '../../text/brackets.js';
import { contentBlocks, postProse } from '../../analysis/prose.js';

/** A paragraph with a bracket or quote opened and never closed (or closed and never opened). */
export default defineRule({
  id: 'truncation/unbalanced-brackets',
  category: 'truncation',
  defaultSeverity: 'warning',
  options: ruleOptions('truncation', 'markers'),
  specificity: SPECIFICITY.unbalancedBrackets,
  description: {
    en: 'A paragraph has an unbalanced bracket or quote.',
    ja: '段落内の括弧や引用符の対応が取れていない。',
  },
  messages: {
    unclosed: { en: '“{{char}}” is opened but never closed in this paragraph; close it or remove it.', ja: 'この段落の「{{char}}」が閉じられていません。閉じ括弧を補うか、削除してください。' },
    unopened: {
      en: '“{{char}}” closes a bracket that was never opened in this paragraph; add the opening one or remove it.',
      ja: 'この段落の「{{char}}」に対応する開き括弧がありません。開き括弧を補うか、削除してください。',
    },
  },
  evidence: {
    warning: 'In one prose paragraph (no code), a bracket or quote (「」『』（）“”…) opened and never closed, or closed and never opened: often the trace of a cut or a paste, sometimes a writer’s slip, so a warning.',
  },
  examples: {
    valid: [
      {
        name: 'balanced quotes in a paragraph',
        source: 'vim-jp.org blog, 2025-11-25-vimconf2025small-is-over-ja.md (CC BY 4.0)',
        text: '---\ntitle: x\n---\n\n「Vim ってまだこんなに進化してるんだ…！」と改めて感動した一日でした。\n',
      },
    ],
    invalid: [
      {
        name: 'a paragraph cut after an opening bracket',
        source: 'ai-blog-system _posts/2025-09-23-3-magnumai.md line 34 (MIT)',
        text: '---\ntitle: x\n---\n\nこの「共感性」と「創造\n',
        findings: [{ line: 5, severity: 'warning', message: '「「」が閉じられていません' }],
      },
      {
        name: 'a paragraph that starts after its opening bracket was cut away',
        source: 'ai-blog-system _posts/2025-11-11-1-vcat-aicreagen.md line 36 (MIT)',
        text: '---\ntitle: x\n---\n\nの持ち腐れ」になってしまうケースを、私自身も数多く目にしてきました。しかし、CREAGENが目指すのは、まさにこの「宝の持ち腐れ」状態を解消し、AIの真価をあらゆるビジネスシーンで発揮させることだと感じています。\n',
        findings: [{ line: 5, message: '「」」に対応する開き括弧がありません' }],
      },
    ],
  },
  check({ post, options }) {
    // A loop, not `filter` and `flatMap`: no array per paragraph (almost none has a problem).
    const reports: Report[] = [];
    const prose = postProse(post, options);
    for (const b of contentBlocks(post, options)) {
      if (!prose.isProse(b) || b.source.includes('`')) continue;
      const problem = findUnbalancedBracket(prose.text(b));
      if (!problem) continue;
      const { char } = problem;
      reports.push({
        line: b.line,
        endLine: b.endLine,
        messageId: problem.kind === 'unclosed' ? 'unclosed' : 'unopened',
        data: { char },
      });
    }
    return reports;
  },
});
