import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { convertActionTemplate, parseAction } from '@actions/workflow-parser/actions/index';
import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { BUNDLE } from '../../scripts/build-action.mjs';
import { INPUTS } from '../../src/action/run.js';
import { ROOT } from '../helpers.js';

// action.yml and the workflows are checked by GitHub's own parser for them (@actions/workflow-parser,
// from actions/languageservices: the schema the runner and the editor extension use).

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const errorsOf = (result: { context: { errors: { getErrors(): { message: string }[] } } }) => result.context.errors.getErrors().map((e) => e.message);

/** The README's Action snippet: the first ```yaml block that `uses:` this Action. */
function readmeWorkflow(): string {
  const blocks = [...read('README.md').matchAll(/^```ya?ml\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);
  const snippet = blocks.find((b) => /uses: [\w.-]+\/editorial-review@/.test(b));
  if (!snippet) throw new Error('no Action snippet in the README');
  return snippet;
}

describe('the Action manifest and the workflows', () => {
  it('action.yml is valid, runs the bundle on node24, declares exactly the inputs the code reads', () => {
    const parsed = parseAction({ name: 'action.yml', content: read('action.yml') }, new NoOperationTraceWriter());
    expect(errorsOf(parsed)).toEqual([]);
    const action = convertActionTemplate(parsed.context, parsed.value!);
    expect(action.runs).toMatchObject({ using: 'node24', main: relative(ROOT, BUNDLE) });
    expect(action.inputs!.map((i) => i.id).sort()).toEqual([...INPUTS].sort());
    const defaults = Object.fromEntries(action.inputs!.map((i) => [i.id, String(i.default?.toString?.() ?? '')]));
    expect(defaults).toMatchObject({ config: '.github/editorial-review.yml', 'fail-level': 'error', fix: 'suggest' });
    // The schema rejects what the runner rejects.
    const wrong = parseAction({ name: 'action.yml', content: read('action.yml').replace('node24', 'node99') }, new NoOperationTraceWriter());
    expect(errorsOf(wrong)).toEqual([expect.stringContaining("Unexpected value 'node99'")]);
  });

  it('the bundle is generated output, never committed to main', () => {
    expect(execFileSync('git', ['ls-files', 'dist'], { cwd: ROOT }).toString()).toBe('');
    expect(execFileSync('git', ['check-ignore', relative(ROOT, BUNDLE)], { cwd: ROOT }).toString().trim()).toBe(relative(ROOT, BUNDLE));
  });

  it('every workflow parses; the repository runs its own Action on its example posts with the documented permissions', () => {
    const dir = join(ROOT, '.github', 'workflows');
    for (const name of readdirSync(dir)) {
      expect(errorsOf(parseWorkflow({ name, content: readFileSync(join(dir, name), 'utf8') }, new NoOperationTraceWriter())), name).toEqual([]);
    }
    const own = parse(read('.github/workflows/editorial-review.yml')) as { permissions: Record<string, string>; jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, string> }[] }> };
    expect(own.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', checks: 'write' });
    const steps = Object.values(own.jobs)[0]!.steps;
    const self = steps.findIndex((s) => s.uses === './');
    expect(steps.slice(0, self).some((s) => s.run?.includes('npm run build:action'))).toBe(true);
    expect(Object.keys(steps[self]!.with ?? {}).every((k) => (INPUTS as readonly string[]).includes(k))).toBe(true);
    expect(parse(read('.github/editorial-review.yml')).posts).toContain('examples/blog/_posts/**/*.{md,markdown}');
  });

  it("the README's Action snippet is a valid workflow using only declared inputs and the documented permissions", () => {
    const snippet = readmeWorkflow();
    expect(errorsOf(parseWorkflow({ name: 'README.yml', content: snippet }, new NoOperationTraceWriter()))).toEqual([]);
    const workflow = parse(snippet) as { on: string | string[] | Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }> };
    const events = typeof workflow.on === 'string' ? [workflow.on] : Array.isArray(workflow.on) ? workflow.on : Object.keys(workflow.on);
    expect(events).toContain('pull_request');
    expect(workflow.permissions).toMatchObject({ contents: 'read', 'pull-requests': 'write', checks: 'write' });
    const step = Object.values(workflow.jobs)[0]!.steps.find((s) => s.uses?.includes('/editorial-review@'))!;
    expect(Object.keys(step.with ?? {}).every((k) => (INPUTS as readonly string[]).includes(k))).toBe(true);
  });
});
