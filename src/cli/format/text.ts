import type { Finding, Severity } from '../../core/finding.js';

export interface TextOptions {
  color?: boolean;
  /** Per-file errors and fix counts appended to the summary. */
  fixed?: number;
}

const ORDER: Severity[] = ['error', 'warning', 'info'];

/** `path:line  severity  rule  message`, then the suggested replacement, grouped per file, then a summary. */
export function formatText(findings: readonly Finding[], options: TextOptions = {}): string {
  const paint = (code: string, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const severityColor: Record<Severity, string> = { error: '31', warning: '33', info: '36' };
  const out: string[] = [];
  const byPath = new Map<string, Finding[]>();
  for (const finding of findings) {
    const list = byPath.get(finding.path) ?? [];
    list.push(finding);
    byPath.set(finding.path, list);
  }
  for (const [path, list] of byPath) {
    out.push(paint('4', path));
    for (const f of list) {
      const where = f.endLine > f.line ? `${f.line}-${f.endLine}` : `${f.line}`;
      out.push(`${path}:${where}  ${paint(severityColor[f.severity], f.severity.padEnd(7))}  ${f.rule}  ${f.message}`);
      for (const related of f.related ?? []) {
        out.push(`    ↳ ${related.path}:${related.line}${related.endLine > related.line ? `-${related.endLine}` : ''}${related.label ? `  ${related.label}` : ''}`);
      }
      if (f.fix) {
        const range = f.fix.endLine > f.fix.line ? `lines ${f.fix.line}-${f.fix.endLine}` : `line ${f.fix.line}`;
        if (f.fix.replacement === '') {
          out.push(paint('32', `    fix: delete ${range}`));
        } else {
          out.push(paint('32', `    fix: replace ${range} with:`));
          for (const line of f.fix.replacement.split('\n')) out.push(paint('32', `    + ${truncate(line, 160)}`));
        }
      }
    }
    out.push('');
  }
  const counts = ORDER.map((s) => `${findings.filter((f) => f.severity === s).length} ${s === 'info' ? 'info' : `${s}s`}`);
  const fixable = findings.filter((f) => f.fix).length;
  const summary = `${findings.length} finding${findings.length === 1 ? '' : 's'} in ${byPath.size} file${byPath.size === 1 ? '' : 's'} (${counts.join(', ')}); ${fixable} with a suggested fix`;
  out.push(findings.length === 0 ? 'No findings.' : summary);
  if (options.fixed !== undefined) out.push(`Applied ${options.fixed} fix${options.fixed === 1 ? '' : 'es'}.`);
  return `${out.join('\n')}\n`;
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
