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
  it.each(Object.entries(RULE_DOC_SECTIONS))('the README has the section of `%s/*`, and it lists rules of that family', (family, heading) => {
    const text = section(heading);
    expect(text, `README has no heading "${heading}"`).toBeDefined();
    const ids = allRules.filter((rule) => rule.id.startsWith(`${family}/`)).map((rule) => rule.id);
    expect(ids.some((id) => text!.includes(`\`${id}\``) || text!.includes(`\`${id.slice(family.length + 1)}\``))).toBe(true);
  });

  it.each(allRules.map((rule) => [rule.id]))('%s links to its family section, or to the README when the family has none', (id) => {
    const heading = RULE_DOC_SECTIONS[id.split('/')[0]!];
    const uri = ruleHelpUri({ id });
    if (heading) expect(uri.endsWith(`README.md#${headingAnchor(heading)}`)).toBe(true);
    else expect(uri.endsWith('#readme')).toBe(true);
  });

  it("anchors follow GitHub's rule for headings with code and punctuation", () => {
    expect(headingAnchor('Front-matter rules (`front-matter/*`)')).toBe('front-matter-rules-front-matter');
    expect(headingAnchor('Cross-post rules (`repository/*`, category `duplication`)')).toBe('cross-post-rules-repository-category-duplication');
  });
});
