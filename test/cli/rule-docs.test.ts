import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingAnchor, RULE_DOC_SECTIONS, ruleHelpUri } from '../../src/cli/rule-docs.js';
import { allRules } from '../../src/rules/index.js';
import { ROOT } from '../helpers.js';

/** Every rule's `helpUri` (SARIF, rdjson, `rules --format json`) leads to a README section that documents it. */
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

function section(heading: string): string | undefined {
  const lines = README.split('\n');
  const start = lines.findIndex((l) => /^#{2,4} /.test(l) && l.replace(/^#+ /, '') === heading);
  if (start < 0) return undefined;
  const level = lines[start]!.indexOf(' ');
  const end = lines.findIndex((l, i) => i > start && /^#+ /.test(l) && l.indexOf(' ') <= level);
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

describe('rule documentation links', () => {
  it.each(allRules.map((rule) => [rule.id]))('%s links to the README section that lists it', (id) => {
    const family = id.split('/')[0]!;
    const heading = RULE_DOC_SECTIONS[family];
    expect(heading, `add the README heading that documents \`${family}/*\` to RULE_DOC_SECTIONS in src/cli/rule-docs.ts`).toBeDefined();
    const text = section(heading!);
    expect(text, `README has no heading "${heading}"`).toBeDefined();
    const name = id.slice(family.length + 1);
    expect(text!.includes(`\`${name}\``) || text!.includes(`\`${id}\``), `README section "${heading}" does not name ${id}`).toBe(true);
    expect(ruleHelpUri({ id })).toMatch(new RegExp(`README\\.md#${headingAnchor(heading!).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });

  it("anchors follow GitHub's rule for headings with code and punctuation", () => {
    expect(headingAnchor('Front-matter rules (`front-matter/*`)')).toBe('front-matter-rules-front-matter');
    expect(headingAnchor('Cross-post rules (`repository/*`, category `duplication`)')).toBe('cross-post-rules-repository-category-duplication');
  });
});
