import type { Config } from '../../config/schema.js';
import type { Finding, Severity } from '../../core/finding.js';
import { DEFAULT_RULE_DOCS, PROJECT_URL } from '../../core/project.js';
import { ruleDocsUrl } from '../../lint/rule-docs.js';
import type { Rule } from '../../rules/rule.js';
import { fingerprint } from '../../lint/fingerprint.js';
import type { Post } from '../../post/post.js';
import { artifactUri, SRCROOT } from '../artifact-uri.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * SARIF 2.1.0 as GitHub code scanning accepts it and Microsoft's validator passes it: files under the
 * working directory as percent-encoded URIs relative to `%SRCROOT%` (declared in `originalUriBaseIds`),
 * files outside it as absolute `file:` URIs; partialFingerprints; rule metadata with a `helpUri` each.
 */
export function formatSarif(findings: readonly Finding[], rules: readonly Rule[], posts: readonly Post[], version: string, cwd = process.cwd(), config: Pick<Config, 'ruleDocs'> = { ruleDocs: DEFAULT_RULE_DOCS }): string {
  const location = (path: string) => artifactUri(path, cwd);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const linesByPath = new Map(posts.map((post) => [post.path, post.lines]));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'editorial-review',
            version,
            informationUri: PROJECT_URL,
            rules: rules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(?:^|[/-])(\w)/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: rule.description.en },
              fullDescription: { text: `${rule.description.en} / ${rule.description.ja}` },
              helpUri: ruleDocsUrl(rule.id, config),
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
              properties: { tags: [rule.category] },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: artifactUri.root(cwd) } },
        results: findings.map((finding) => {
          const lines = linesByPath.get(finding.path);
          const uri = location(finding.path);
          const region: Record<string, number> = { startLine: finding.line, endLine: finding.endLine };
          if (finding.column) region.startColumn = finding.column;
          if (finding.endColumn) region.endColumn = finding.endColumn;
          return {
            ruleId: finding.rule,
            ...(ruleIndex.has(finding.rule) ? { ruleIndex: ruleIndex.get(finding.rule) } : {}),
            level: LEVEL[finding.severity],
            message: { text: finding.message },
            locations: [{ physicalLocation: { artifactLocation: uri, region } }],
            ...(lines ? { partialFingerprints: { 'editorialReview/v1': fingerprint(finding, lines) } } : {}),
            ...(finding.related?.length
              ? {
                  relatedLocations: finding.related.map((related, id) => ({
                    id,
                    message: { text: related.label ?? '' },
                    physicalLocation: {
                      artifactLocation: location(related.path),
                      region: { startLine: related.line, endLine: related.endLine },
                    },
                  })),
                }
              : {}),
            ...(finding.fix
              ? {
                  fixes: [
                    {
                      description: { text: finding.fix.replacement === '' ? 'Delete the lines' : 'Replace the lines' },
                      artifactChanges: [
                        {
                          artifactLocation: uri,
                          replacements: [
                            {
                              deletedRegion: { startLine: finding.fix.line, endLine: finding.fix.endLine },
                              insertedContent: { text: finding.fix.replacement === '' ? '' : `${finding.fix.replacement}\n` },
                            },
                          ],
                        },
                      ],
                    },
                  ],
                }
              : {}),
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
