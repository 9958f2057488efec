import type { Finding, Severity } from '../../core/finding.js';
import type { LineIndex } from '../../post/line-index.js';
import type { Post } from '../../post/post.js';
import type { Config } from '../../config/schema.js';
import { DEFAULT_RULE_DOCS, PROJECT_URL } from '../../core/project.js';
import { ruleDocsUrl } from '../../lint/rule-docs.js';

/**
 * Reviewdog Diagnostic Format (`rdjson`: one `DiagnosticResult`), for
 * `editorial-review check --format rdjson … | reviewdog -f=rdjson -reporter=github-pr-review`.
 * Columns are UTF-8 byte columns, as the format defines them (findings carry UTF-16 columns). A fix is
 * a line-wise suggestion (start and end lines, no columns): reviewdog turns exactly that into a GitHub
 * ```suggestion on those lines, the same replacement the App suggests.
 */
const SEVERITY: Record<Severity, 'ERROR' | 'WARNING' | 'INFO'> = { error: 'ERROR', warning: 'WARNING', info: 'INFO' };

interface Position {
  line: number;
  column?: number;
}

export function formatRdjson(findings: readonly Finding[], posts: readonly Post[], config: Pick<Config, 'ruleDocs'> = { ruleDocs: DEFAULT_RULE_DOCS }): string {
  const linesByPath = new Map(posts.map((post) => [post.path, post.lines]));
  const diagnostics = findings.map((finding) => {
    const lines = linesByPath.get(finding.path);
    const start: Position = { line: finding.line };
    const end: Position = { line: finding.endLine };
    if (finding.column !== undefined && lines) start.column = byteColumn(lines, finding.line, finding.column);
    if (finding.endColumn !== undefined && lines) end.column = byteColumn(lines, finding.endLine, finding.endColumn);
    return {
      message: finding.message,
      location: { path: finding.path, range: { start, end } },
      severity: SEVERITY[finding.severity],
      code: { value: finding.rule, url: ruleDocsUrl(finding.rule, config) },
      ...(finding.fix
        ? { suggestions: [{ range: { start: { line: finding.fix.line }, end: { line: finding.fix.endLine } }, text: finding.fix.replacement }] }
        : {}),
    };
  });
  const worst = findings.some((f) => f.severity === 'error') ? 'ERROR' : findings.some((f) => f.severity === 'warning') ? 'WARNING' : 'INFO';
  return `${JSON.stringify({ source: { name: 'editorial-review', url: PROJECT_URL }, severity: worst, diagnostics }, null, 2)}\n`;
}

/** 1-based UTF-16 column on `line` → 1-based UTF-8 byte column. */
function byteColumn(lines: LineIndex, line: number, column: number): number {
  return Buffer.byteLength(lines.line(line).slice(0, column - 1), 'utf8') + 1;
}
