import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultConfig } from '../../src/config/load.js';
import { configSchema } from '../../src/config/schema.js';
import { runRuleCase } from '../../src/lint/rule-tester.js';
import { allRules } from '../../src/rules/index.js';
import { ruleOptions, type Report, type Rule } from '../../src/rules/rule.js';
import { ROOT } from '../helpers.js';

const family = (rule: Rule) => rule.id.split('/')[0]!;
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

/** Every report the rule makes on its own examples. */
function reportsOnExamples(rule: Rule): Report[] {
  const reports: Report[] = [];
  const recording: Rule = {
    ...rule,
    check(context) {
      const made = rule.check(context);
      reports.push(...made);
      return made;
    },
  };
  for (const ruleCase of [...(rule.examples?.valid ?? []), ...(rule.examples?.invalid ?? [])]) runRuleCase(recording, ruleCase);
  return reports;
}

// Every rule documents itself (remark-lint's and ESLint's rule docs): what each level needs, and examples
// that are also its tests (`examples.test.ts` runs them). A rule without them fails here, by name.
describe('rule metadata', () => {
  for (const rule of allRules) {
    describe(rule.id, () => {
      it('states the evidence for its default severity and for every severity its examples show', () => {
        const evidence = rule.evidence ?? {};
        const shown = new Set([rule.defaultSeverity]);
        for (const ruleCase of rule.examples?.invalid ?? []) for (const f of ruleCase.findings) shown.add(f.severity ?? rule.defaultSeverity);
        for (const severity of shown) expect(evidence[severity]?.trim(), `evidence.${severity}`).toBeTruthy();
      });

      it('has valid and invalid examples', () => {
        expect(rule.examples?.valid.length ?? 0, 'valid examples').toBeGreaterThan(0);
        expect(rule.examples?.invalid.length ?? 0, 'invalid examples').toBeGreaterThan(0);
      });

      it('declares the settings it reads: keys of sections of the settings file', () => {
        if (!rule.options) return;
        // The schema's keys, optional ones (`site.permalink`) included.
        const sections = (z.toJSONSchema(configSchema, { io: 'input' }) as { properties: Record<string, { properties?: Record<string, unknown> }> }).properties;
        for (const [name, keys] of Object.entries(rule.options.keys)) {
          for (const key of keys) expect(Object.keys(sections[name]?.properties ?? {}), `${name}.${key}`).toContain(key);
        }
      });

      it('declares its messages by id, each in English and Japanese with the same placeholders', () => {
        const messages = Object.entries(rule.messages);
        expect(messages.length, 'messages').toBeGreaterThan(0);
        for (const [id, text] of messages) {
          expect(text.en.trim(), `${id}.en`).toBeTruthy();
          expect(text.ja.trim(), `${id}.ja`).toBeTruthy();
          expect(placeholders(text.ja).filter((p) => !placeholders(text.en).includes(p)), `${id}: placeholders only in ja`).toEqual([]);
        }
      });

      it('reports on its examples by a messageId it declares, with every placeholder given', () => {
        const reports = reportsOnExamples(rule);
        expect(reports.length, 'reports on the invalid examples').toBeGreaterThan(0);
        for (const report of reports) {
          expect(Object.keys(rule.messages), 'messageId').toContain(report.messageId);
          const text = rule.messages[report.messageId]!;
          for (const name of [...placeholders(text.en), ...placeholders(text.ja)]) expect(Object.keys(report.data ?? {}), `${report.messageId}: {{${name}}}`).toContain(name);
        }
      });

      it('names every message it declares, as a string, in its source or its family helpers (no message left over)', () => {
        const folder = join(ROOT, 'src', 'rules', family(rule));
        const ruleFiles = new Set(allRules.filter((r) => family(r) === family(rule)).map((r) => `${r.id.split('/')[1]}.ts`));
        const helpers = readdirSync(folder).filter((file) => file.endsWith('.ts') && !ruleFiles.has(file));
        const source = [`${rule.id.split('/')[1]}.ts`, ...helpers].map((file) => readFileSync(join(folder, file), 'utf8')).join('\n');
        for (const id of Object.keys(rule.messages)) expect(source, `messageId '${id}'`).toContain(`'${id}'`);
      });
    });
  }
});

describe('rule options', () => {
  it('no rule reads a section of the settings out of the whole config: it declares `options` and reads `context.options`', () => {
    const offenders: string[] = [];
    for (const folder of readdirSync(join(ROOT, 'src', 'rules'), { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      for (const file of readdirSync(join(ROOT, 'src', 'rules', folder.name))) {
        const source = readFileSync(join(ROOT, 'src', 'rules', folder.name, file), 'utf8');
        for (const m of source.matchAll(/\bconfig\s*\.\s*(frontMatter|duplication|truncation|claims|artifacts|corpus)\b/g)) offenders.push(`${folder.name}/${file}: ${m[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('ruleOptions', () => {
  it('selects the declared keys of each section into one flat object, the values themselves (analyses memoise on them)', () => {
    const config = defaultConfig();
    const options = ruleOptions('duplication', 'ngram', 'minChars').and('truncation', 'markers');
    expect(options.keys).toEqual({ duplication: ['ngram', 'minChars'], truncation: ['markers'] });
    const selected = options.select(config);
    expect(selected).toEqual({ ngram: 5, minChars: 20, markers: config.truncation.markers });
    expect(selected.markers).toBe(config.truncation.markers);
  });

  it('refuses a key named in two sections: the flat object could hold only one of them', () => {
    expect(() => ruleOptions('duplication', 'minChars').and('truncation', 'minChars')).toThrow(/`minChars` twice/);
  });
});
