import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPost } from '../../src/lint/check.js';
import { applyFixes } from '../../src/lint/fix.js';
import type { Finding } from '../../src/core/finding.js';
import { InMemoryCorpus } from '../../src/analysis/corpus/summary.js';
import { parsePost, parsePostBytes } from '../../src/post/parse.js';
import type { Post } from '../../src/post/post.js';
import { allRules } from '../../src/rules/index.js';
import { config, seedPath } from '../helpers.js';
import { adversarialInputs } from './adversarial-inputs.js';

const CONFIG = config();
const SEED_TEXTS = [0, 1, 2, 3, 4].map((n) => readFileSync(seedPath(n), 'utf8'));

function checkAll(post: Post): Finding[] {
  return checkPost(post, { config: CONFIG, rules: allRules, corpus: new InMemoryCorpus([post]) });
}

/** Every finding and fix stays inside the file, and fixes apply cleanly. */
function expectWellFormed(post: Post, findings: Finding[]): void {
  const lineCount = Math.max(post.lines.count, 1);
  for (const f of findings) {
    expect(f.line, `${f.rule} line`).toBeGreaterThanOrEqual(1);
    expect(f.endLine, `${f.rule} endLine`).toBeGreaterThanOrEqual(f.line);
    expect(f.endLine, `${f.rule} endLine`).toBeLessThanOrEqual(lineCount);
    expect(typeof f.message).toBe('string');
    expect(f.message.length).toBeGreaterThan(0);
    if (f.fix) {
      expect(f.fix.line, `${f.rule} fix.line`).toBeGreaterThanOrEqual(1);
      expect(f.fix.endLine, `${f.rule} fix.endLine`).toBeLessThanOrEqual(lineCount);
      expect(f.fix.endLine).toBeGreaterThanOrEqual(f.fix.line);
    }
    // No rule may crash: a crash is reported as an "internal error" finding by the engine.
    expect(f.message, `${f.rule} crashed`).not.toMatch(/^internal error in rule/);
  }
  const fixes = findings.flatMap((f) => (f.fix ? [f.fix] : []));
  const { output } = applyFixes(post.text, fixes);
  expect(() => checkAll(parsePost(post.path, output))).not.toThrow();
}

describe('engine on arbitrary text (property-based)', () => {
  it('never throws and reports only places inside the file', () => {
    const markdownish = fc.array(
      fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 80 }),
        fc.constantFrom('---', '# 見出し', '- 項目', '> 引用', '```', '**太字**', '20%の企業', '---END---', '「開き', '', '\r', '\t', '😀', '2.5倍', '[link](http://x)'),
      ),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(fc.boolean(), markdownish, (withFrontMatter, parts) => {
        const text = (withFrontMatter ? '---\ntitle: "x"\ndate: 2025-01-01\n---\n' : '') + parts.join('\n');
        const post = parsePost('_posts/2025-01-01-x.md', text);
        expectWellFormed(post, checkAll(post));
      }),
      { numRuns: 300 },
    );
  });

  it('survives random byte-level damage to real posts', () => {
    fc.assert(
      fc.property(fc.nat(4), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 8 }), (n, at, junk) => {
        const bytes = Buffer.from(SEED_TEXTS[n]!, 'utf8');
        const cut = at % bytes.length;
        const damaged = Buffer.concat([bytes.subarray(0, cut), Buffer.from(junk), bytes.subarray(cut + junk.length)]);
        const post = parsePostBytes('p.md', damaged);
        expectWellFormed(post, checkAll(post));
      }),
      { numRuns: 60 },
    );
  });

  it('survives duplicated and shuffled blocks of real posts', () => {
    fc.assert(
      fc.property(fc.nat(4), fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (n, picks) => {
        const post = parsePost('p.md', SEED_TEXTS[n]!);
        const blocks = post.blocks;
        const extra = picks.map((p) => blocks[p % blocks.length]!.source);
        const mutated = parsePost('p.md', `${SEED_TEXTS[n]}\n\n${extra.join('\n\n')}\n`);
        expectWellFormed(mutated, checkAll(mutated));
      }),
      { numRuns: 25 },
    );
  });
});

describe('engine on hostile inputs', () => {
  for (const input of adversarialInputs(SEED_TEXTS[1]!, 256 * 1024)) {
    it(`finishes with well-formed findings: ${input.name}`, () => {
      const post = parsePostBytes('_posts/2025-01-01-hostile.md', input.bytes);
      expectWellFormed(post, checkAll(post));
    });
  }
});
