import type { LocalizedText } from '../../core/finding.js';
import type { MessageValue, RuleMessages } from '../rule.js';
import type { Post } from '../../post/post.js';
import type { CopyGroup, DuplicationAnalysis, Unit } from '../../analysis/duplication.js';
import { deletionFix } from '../../analysis/duplication.js';
import type { Report } from '../rule.js';
import type { BlockType } from '../../post/post.js';

const TYPE_NAMES: Partial<Record<BlockType, LocalizedText>> = {
  paragraph: { en: 'paragraph', ja: '段落' },
  heading: { en: 'heading', ja: '見出し' },
  listItem: { en: 'list item', ja: '箇条書きの項目' },
  blockquote: { en: 'quote', ja: '引用' },
};

export function typeName(type: BlockType): LocalizedText {
  return TYPE_NAMES[type] ?? { en: 'block', ja: 'ブロック' };
}

export function lineRange(a: number, b: number): LocalizedText {
  return a === b ? { en: `line ${a}`, ja: `${a}行目` } : { en: `lines ${a}–${b}`, ja: `${a}〜${b}行目` };
}

/** The messages of `adviceReport`: every rule that reports copies as advice declares them (`...ADVICE_MESSAGES`). */
export const ADVICE_MESSAGES = {
  advice: {
    en: 'This {{type}} repeats text of {{where}}; keep it only if the repetition is deliberate.',
    ja: 'この{{type}}は{{where}}と同じ文章を繰り返しています。意図した繰り返しでなければ削除してください。',
  },
  adviceElsewhere: {
    en: 'This {{type}} repeats text of {{where}}, under another heading; keep it only if the repetition is deliberate.',
    ja: 'この{{type}}は{{where}}と同じ文章を繰り返しています（別の見出しの下）。意図した繰り返しでなければ削除してください。',
  },
} as const satisfies RuleMessages;

/** The report of one copy group: its content lines, the original as related location, a delete fix. */
export function copyReport(post: Post, analysis: DuplicationAnalysis, group: CopyGroup, messageId: string, data: Record<string, MessageValue>, withFix = true): Report {
  const first = analysis.units[group.first]!;
  const last = analysis.units[group.last]!;
  const sourceFirst = analysis.units[group.sourceFirst]!;
  const sourceLast = analysis.units[group.sourceLast]!;
  const report: Report = {
    line: first.line,
    endLine: last.endLine,
    messageId,
    data,
    severity: group.severity,
    related: [{ path: post.path, line: sourceFirst.line, endLine: sourceLast.endLine, label: 'original' }],
  };
  // Advice under another heading (a stock sentence, a heading repeated alone) is the author's call: no
  // one-click deletion. A sentence repeated within its section loses nothing when deleted.
  const sameSection = first.section === sourceFirst.section && first.block.type !== 'heading';
  if (withFix && (group.severity !== 'info' || sameSection)) report.fix = deletionFix(post, first.line, last.endLine);
  return report;
}

/**
 * The report of a copy that is advice (`info`): a stock sentence under another heading, one sentence said
 * again as its own paragraph, a heading repeated alone. It asks rather than orders.
 */
export function adviceReport(post: Post, analysis: DuplicationAnalysis, group: CopyGroup): Report {
  const first = analysis.units[group.first]!;
  const source = analysis.units[group.sourceFirst]!;
  const type = typeName(first.block.type);
  const where = lineRange(source.line, analysis.units[group.sourceLast]!.endLine);
  const elsewhere = first.section !== source.section;
  return copyReport(post, analysis, group, elsewhere ? 'adviceElsewhere' : 'advice', { type, where });
}

/** What a copy report names: the copy's block type, its original's lines and the original unit. */
export interface CopyPlace {
  type: LocalizedText;
  where: LocalizedText;
  source: Unit;
}

/**
 * One report per copy group of `kind` (exact-repeat, near-repeat, truncated-copy each own one kind):
 * advice (`adviceReport`) for an `info` group, else what `report` makes of the group and its place.
 */
export function copyReports(post: Post, analysis: DuplicationAnalysis, kind: CopyGroup['kind'], report: (group: CopyGroup, place: CopyPlace) => Report): Report[] {
  return analysis.groups
    .filter((g) => g.kind === kind)
    .map((g) => {
      if (g.severity === 'info') return adviceReport(post, analysis, g);
      const source = analysis.units[g.sourceFirst]!;
      return report(g, { type: typeName(analysis.units[g.first]!.block.type), where: lineRange(source.line, source.endLine), source });
    });
}
