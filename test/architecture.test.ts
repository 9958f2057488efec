import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layers of `src/`, from the core to the edges. A file may import from its own layer and the layers
 * before it, never from a later one: type-only imports, re-exports and dynamic imports count the same.
 * A new folder has to be placed in this list before any file in it passes.
 */
const LAYERS = [
  'core', // the finding contract and language: the words every layer speaks
  'text', // string algorithms that know nothing of posts
  'post', // a file parsed into a post (front matter, blocks, masks) and the set of posts of a site
  'config', // the settings file's schema, each family's options, loading
  'analysis', // shared per-post and cross-post analyses that rules call
  'rules', // the rule contract and one file per rule, by family
  'lint', // running rules: check, dedupe, fingerprint, fixes, the rule tester
  'review', // the review of a pull request against a client interface (no GitHub API code)
  'queue', // the job queue, journal and locks of the App
  'github', // Probot app and the Octokit client
  'audit', // replaying a repository's history
  'cli', // the command line
  'action', // the GitHub Action
] as const;

export interface Violation {
  from: string;
  to: string;
  why: string;
}

/** Relative specifiers imported by a TypeScript source: imports (type-only too), re-exports, import(). */
function specifiers(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return info.importedFiles.map((f) => f.fileName).filter((name) => name.startsWith('.'));
}

const isRuleFile = (source: string) => /export default defineRule\(/.test(source);

/**
 * Every import of `files` (paths relative to `src/`, POSIX separators) that goes against the layers, plus
 * the import cycles between files. Inside `rules/`, a rule file never imports another rule, a family never
 * imports another family, and only the `index.ts` files gather rules.
 */
export function importViolations(files: ReadonlyMap<string, string>): Violation[] {
  const violations: Violation[] = [];
  const graph = new Map<string, string[]>();
  const layerOf = (path: string) => (LAYERS as readonly string[]).indexOf(path.split('/')[0]!);
  for (const [from, source] of files) {
    const edges: string[] = [];
    graph.set(from, edges);
    const fromLayer = layerOf(from);
    if (fromLayer < 0 || !from.includes('/')) {
      violations.push({ from, to: from, why: `${from} is in no layer: place its folder in LAYERS` });
      continue;
    }
    for (const spec of specifiers(source)) {
      const to = posix.normalize(posix.join(posix.dirname(from), spec)).replace(/\.js$/, '.ts');
      if (to.startsWith('..')) {
        violations.push({ from, to, why: `${from} imports ${spec}, outside src/` });
        continue;
      }
      edges.push(to);
      const toLayer = layerOf(to);
      if (toLayer > fromLayer) {
        violations.push({ from, to, why: `${LAYERS[fromLayer]} must not import ${LAYERS[toLayer] ?? to} (${from} → ${to})` });
      } else if (LAYERS[fromLayer] === 'rules' && toLayer === fromLayer) {
        const why = rulesImportProblem(from, to, files.get(to));
        if (why) violations.push({ from, to, why });
      }
    }
  }
  for (const cycle of cycles(graph)) violations.push({ from: cycle[0]!, to: cycle.at(-2)!, why: `import cycle: ${cycle.join(' → ')}` });
  return violations;
}

function rulesImportProblem(from: string, to: string, target: string | undefined): string | null {
  if (to === 'rules/rule.ts') return null;
  const [, fromFamily, fromFile] = from.split('/');
  const [, toFamily, toFile] = to.split('/');
  if (from === 'rules/index.ts') return toFile === 'index.ts' ? null : `rules/index.ts gathers the families' index.ts only, not ${to}`;
  if (fromFamily !== toFamily) return `the ${fromFamily} family imports the ${toFamily} family (${from} → ${to}): share through analysis/`;
  if (fromFile === 'index.ts') return null;
  if (target !== undefined && isRuleFile(target)) return `a rule imports another rule (${from} → ${to}): share through analysis/ or a family helper`;
  return null;
}

/** Each elementary cycle found by a depth-first search, as the list of files closing on its first. */
function cycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next) && graph.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

function sourceFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|mts|cts)$/.test(entry.name)) files.set(relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return files;
}

describe('import direction', () => {
  const src = resolve(dirname(new URL(import.meta.url).pathname), '../src');

  it('every import in src/ runs from the core to the edges, with no cycle', () => {
    const files = sourceFiles(src);
    expect(files.size).toBeGreaterThan(100);
    expect(importViolations(files).map((v) => v.why)).toEqual([]);
  });

  it('reports an import against the layers, type-only and re-exports included', () => {
    const files = new Map([
      ['core/finding.ts', "import type { Post } from '../post/post.js';\nexport type Severity = 'error';"],
      ['post/post.ts', "export * from '../rules/rule.js';\nexport interface Post { path: string }"],
      ['rules/rule.ts', "export interface Rule { id: string }"],
    ]);
    expect(importViolations(files).map((v) => `${v.from} → ${v.to}`)).toEqual([
      'core/finding.ts → post/post.ts',
      'post/post.ts → rules/rule.ts',
    ]);
  });

  it('reports a rule importing another rule or family, and a file outside the layers', () => {
    const rule = "import { defineRule } from '../rule.js';\nexport default defineRule({ id: 'x' });";
    const files = new Map([
      ['rules/rule.ts', 'export function defineRule(r: unknown) { return r; }'],
      ['rules/a/one.ts', `import two from './two.js';\n${rule}`],
      ['rules/a/two.ts', rule],
      ['rules/a/messages.ts', "export const m = 'm';"],
      ['rules/a/three.ts', `import { m } from './messages.js';\n${rule}`],
      ['rules/b/four.ts', `import { m } from '../a/messages.js';\n${rule}`],
      ['rules/a/index.ts', "import one from './one.js';\nimport two from './two.js';\nexport default [one, two];"],
      ['helpers/x.ts', 'export const x = 1;'],
    ]);
    expect(importViolations(files).map((v) => `${v.from} → ${v.to}`)).toEqual([
      'rules/a/one.ts → rules/a/two.ts',
      'rules/b/four.ts → rules/a/messages.ts',
      'helpers/x.ts → helpers/x.ts',
    ]);
  });

  it('reports an import cycle inside one layer', () => {
    const files = new Map([
      ['cli/main.ts', "import { audit } from './audit.js';\nexport interface Io {}"],
      ['cli/audit.ts', "import type { Io } from './main.js';\nexport const audit = 1;"],
    ]);
    expect(importViolations(files).map((v) => v.why)).toEqual(['import cycle: cli/main.ts → cli/audit.ts → cli/main.ts']);
  });
});
