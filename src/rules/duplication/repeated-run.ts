import { defineRule, ruleOptions, SPECIFICITY } from '../rule.js';
import { analyzeDuplication } from '../../analysis/duplication.js';
import { ADVICE_MESSAGES, adviceReport, copyReport, lineRange } from './messages.js';

/**
 * Consecutive blocks that copy consecutive earlier blocks (a regenerated section): one finding for the
 * whole run, naming where the original starts, with one fix that deletes the run.
 */
export default defineRule({
  id: 'duplication/repeated-run',
  category: 'duplication',
  defaultSeverity: 'error',
  options: ruleOptions('duplication', 'minChars', 'ngram', 'nearError', 'nearWarning', 'containment').and('truncation', 'markers'),
  specificity: SPECIFICITY.repeatedRun,
  description: {
    en: 'A run of consecutive blocks repeats an earlier section (a regenerated section).',
    ja: '連続する複数のブロックが、前にあるセクションを繰り返している（再生成されたセクション）。',
  },
  messages: {
    ...ADVICE_MESSAGES,
    regenerated: {
      en: '{{here}} repeat {{there}} ({{blocks}} blocks): a regenerated section; delete the repeated section.',
      ja: '{{here}}は{{there}}の繰り返しです（{{blocks}}ブロック）。再生成されたセクションなので、繰り返し部分を削除してください。',
    },
    regeneratedCut: {
      en: '{{here}} repeat {{there}} ({{blocks}} blocks, the last one cut short): a regenerated section; delete the repeated section.',
      ja: '{{here}}は{{there}}の繰り返しです（{{blocks}}ブロック、最後は途中で切れています）。再生成されたセクションなので、繰り返し部分を削除してください。',
    },
  },
  evidence: {
    error: 'Consecutive blocks copying consecutive earlier blocks, at least one of them running text, in the same section (a regenerated section repeats its heading too) or longer than a sentence or two.',
    info: 'A run of short steps or sentences under another heading than its original.',
  },
  examples: {
    valid: [
      {
        name: 'a list of patch URLs is a link list, not a regenerated section',
        path: '_posts/blog/2016-03-23-take-care-of-patch-1577.md',
        text: '---\ntitle: patch 1577\n---\n\n*   <http://ftp.vim.org/vim/patches/7.4/7.4.1580>\n*   <http://ftp.vim.org/vim/patches/7.4/7.4.1581>\n*   <http://ftp.vim.org/vim/patches/7.4/7.4.1582>\n*   <http://ftp.vim.org/vim/patches/7.4/7.4.1585>\n',
        source: 'vim-jp.org _posts/blog/2016-03-23-take-care-of-patch-1577.md lines 63-66 (CC BY 4.0)',
      },
      {
        name: 'a bold label and its code repeated for another query',
        path: 'blog/posts/2025-12-16-introducing-info-function.md',
        text: '---\ntitle: Introducing the info function\n---\n\n## Example one\n\n**Traditional approach:**\n\n```promql\nsum by (http_status_code, k8s_cluster_name) (rate(http_server_request_duration_seconds_count[2m]))\n```\n\n## Example two\n\n**Traditional approach:**\n\n```promql\nsum by (k8s_cluster_name) (rate(http_server_request_duration_seconds_count[2m]))\n```\n',
        source: 'prometheus/docs blog/posts/2025-12-16-introducing-info-function.md lines 190-219 (Apache-2.0), shortened',
      },
    ],
    invalid: [
      {
        name: 'two numbered steps repeated under another heading are advice',
        path: 'blog/posts/2019-10-10-remote-read-meets-streaming.md',
        text: '---\ntitle: Remote Read Meets Streaming\n---\n\n## Remote read\n\n1. Parse request.\n1. Select metrics from TSDB.\n\n## Streamed remote read\n\n1. Parse request.\n1. Select metrics from TSDB.\n',
        findings: [{ line: 12, endLine: 13, severity: 'info' }],
        source: 'prometheus/docs blog/posts/2019-10-10-remote-read-meets-streaming.md lines 106-107 and 209-210 (Apache-2.0), headings shortened',
      },
    ],
  },
  check({ post, options }) {
    const analysis = analyzeDuplication(post, options);
    return analysis.groups
      .filter((g) => g.kind === 'run')
      .map((g) => {
        if (g.severity === 'info') return adviceReport(post, analysis, g);
        const first = analysis.units[g.first]!;
        const last = analysis.units[g.last]!;
        const source = analysis.units[g.sourceFirst]!;
        const sourceLast = analysis.units[g.sourceLast]!;
        const blocks = g.last - g.first + 1;
        const here = lineRange(first.line, last.endLine);
        const there = lineRange(source.line, sourceLast.endLine);
        const cut = last.norm.length < sourceLast.norm.length && sourceLast.norm.startsWith(last.norm);
        return copyReport(post, analysis, g, cut ? 'regeneratedCut' : 'regenerated', { here: { en: capitalize(here.en), ja: here.ja }, there, blocks });
      });
  },
});

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
