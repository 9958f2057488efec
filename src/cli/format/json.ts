import type { Finding } from '../../core/finding.js';

/** Exactly one JSON document with the finding contract; other tools and our benchmarks parse it. */
export function formatJson(findings: readonly Finding[]): string {
  return `${JSON.stringify({ findings }, null, 2)}\n`;
}
