import type { Post } from '../post/post.js';
import { currentRuleId, renamedFamily } from '../config/renamed-rules.js';
import type { Finding } from '../core/finding.js';

/**
 * Inline disable comments, as markdownlint and textlint's filter rule have them, so a blog with findings
 * it has accepted can adopt the reviewer without a config change per post:
 *
 *     <!-- editorial-review-disable [rule …] -->            from here to the end, or to an enable
 *     <!-- editorial-review-enable [rule …] -->
 *     <!-- editorial-review-disable-line [rule …] -->       this line
 *     <!-- editorial-review-disable-next-line [rule …] -->  the next line
 *     <!-- editorial-review-disable-file [rule …] -->       the whole file, front matter included
 *
 * A rule is named by its id (`claims/unsourced`) or its family (`claims`); no name means every rule.
 * Names are separated by spaces or commas; text after ` -- ` is a reason and ignored. In the front matter
 * the same words work as YAML comments (`title: "…" # editorial-review-disable-line front-matter/title-length`).
 * A finding is suppressed when its first line is disabled for its rule. Comments inside code blocks are
 * examples, not directives.
 */
export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  line: number;
  /** Rule ids or families; empty = every rule. */
  rules: string[];
}

const KEYWORD = 'editorial-review-';
const HTML_DIRECTIVE = /<!--\s*editorial-review-(disable-next-line|disable-line|disable-file|disable|enable)\b([\s\S]*?)-->/g;
const YAML_DIRECTIVE = /(?:^|\s)#\s*editorial-review-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*)$/;

/** Every directive of the post, in file order. */
export function findDirectives(post: Post): Directive[] {
  if (!post.text.includes(KEYWORD)) return [];
  const out: Directive[] = [];
  const fm = post.frontMatter;
  if (fm) {
    for (let line = fm.startLine + 1; line < fm.endLine; line++) {
      const match = YAML_DIRECTIVE.exec(post.lines.line(line));
      if (match) out.push({ kind: match[1] as DirectiveKind, line, rules: ruleNames(match[2]!) });
    }
  }
  const bodyStart = post.lines.startOf(post.bodyLine);
  const code = post.blocks.filter((b) => b.type === 'code');
  HTML_DIRECTIVE.lastIndex = bodyStart;
  for (let match = HTML_DIRECTIVE.exec(post.text); match; match = HTML_DIRECTIVE.exec(post.text)) {
    const offset = match.index;
    if (code.some((b) => b.startOffset <= offset && offset < b.endOffset)) continue;
    const line = post.lines.lineAt(offset);
    // Inside an inline code span (`<!-- … -->` quoted in prose): an odd number of backticks before it.
    const before = post.text.slice(post.lines.startOf(line), offset);
    if ((before.match(/`/g)?.length ?? 0) % 2 === 1) continue;
    out.push({ kind: match[1] as DirectiveKind, line: post.lines.lineAt(offset + match[0].length - 1), rules: ruleNames(match[2]!) });
  }
  return out;
}

function ruleNames(text: string): string[] {
  const withoutReason = text.split(/\s--\s/)[0]!;
  return withoutReason
    .split(/[\s,]+/)
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function names(rules: readonly string[], rule: string): boolean {
  if (rules.length === 0) return true;
  const family = rule.split('/')[0]!;
  // An old id or an old family (`repository/shared-passage`, `repository`) still names the renamed rules.
  return rules.some((name) => currentRuleId(name) === rule || name === family || name === `${family}/*` || renamedFamily(name).includes(rule));
}

/** Whether `rule` is disabled at `line` by the directives (in file order). */
export function isDisabled(directives: readonly Directive[], rule: string, line: number): boolean {
  let disabled = false;
  for (const d of directives) {
    if (!names(d.rules, rule)) continue;
    if (d.kind === 'disable-file') return true;
    if (d.kind === 'disable-line' && d.line === line) return true;
    if (d.kind === 'disable-next-line' && d.line + 1 === line) return true;
    if (d.line > line) continue;
    // A block comment on the finding's own line counts as before it (it is written above the text it covers).
    if (d.kind === 'disable') disabled = true;
    else if (d.kind === 'enable') disabled = false;
  }
  return disabled;
}

/** The findings no directive of the post disables. */
export function applyDisableComments(post: Post, findings: Finding[]): Finding[] {
  const directives = findDirectives(post);
  if (directives.length === 0) return findings;
  return findings.filter((f) => !isDisabled(directives, f.rule, f.line));
}
