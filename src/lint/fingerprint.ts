import { createHash } from 'node:crypto';
import { firstRuleId } from '../config/renamed-rules.js';
import type { Finding } from '../core/finding.js';
import type { LineIndex } from '../post/line-index.js';

/**
 * A finding's identity across pushes: rule + path + the normalised text of its lines, not the line
 * number, so an unrelated edit above it does not make it "new". Used by SARIF partialFingerprints and
 * by the App to never post the same comment twice. A renamed rule hashes its first id, so its comments
 * and baseline entries from before the rename still match.
 */
export function fingerprint(finding: Pick<Finding, 'rule' | 'path' | 'line' | 'endLine'>, lines: LineIndex): string {
  const text = lines.slice(finding.line, finding.endLine).normalize('NFKC').replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(`${firstRuleId(finding.rule)}\0${finding.path}\0${text}`).digest('hex').slice(0, 16);
}
