import { findingsByPath, type Finding, type Fix } from '../core/finding.js';
import { parsePost } from '../post/parse.js';
import type { Post } from '../post/post.js';
import { fingerprint } from './fingerprint.js';
import { applyFixes } from './fix.js';
import type { Slices } from './slices.js';

/**
 * The one fix pipeline, for `check --fix`, the review's suggestions and the rule tester: fixes are applied
 * pass after pass (like ESLint: overlapping ones and the ones a first fix reveals come in later passes),
 * each pass re-checking the fixed posts with the caller's `recheck`, which carries the same corpus
 * context as the first check (the other posts of the site). Each final line knows its original line or the
 * findings that produced it, so the review can offer the `--fix` result as suggestions.
 */
export interface FixedLine {
  text: string;
  /** 1-based original line, or null for a line a fix wrote. */
  origin: number | null;
  /** Findings whose fixes wrote this line. */
  by: Finding[];
}

export interface FileFixpoint {
  lines: FixedLine[];
  /** Original line → findings whose fixes removed or replaced it. */
  removedBy: Map<number, Finding[]>;
  changed: boolean;
}

export const MAX_FIX_PASSES = 10;

export interface Fixpoints {
  files: Map<string, FileFixpoint>;
  /** Identity keys of findings of later passes (fingerprint against the text they were found in). */
  laterKeys: Map<Finding, string>;
  /** The posts after the last pass (the unchanged ones as given). */
  posts: Post[];
  /** Each post's text after the last pass, as `check --fix` writes it (BOM, line endings, final newline kept). */
  texts: Map<string, string>;
  /** The findings of the last check: of the fixed posts when a pass changed something. */
  findings: Finding[];
  /** Fixes applied over all passes, and passes that changed something. */
  applied: number;
  passes: number;
  /** True when fixes still changed the text after MAX_FIX_PASSES passes (a fix that never settles). */
  unstable: boolean;
}

export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function fixUntilStable(
  posts: readonly Post[],
  findings: readonly Finding[],
  recheck: (posts: Post[]) => Finding[],
  maxPasses = MAX_FIX_PASSES,
): Fixpoints {
  const passes = fixPasses(posts, findings, maxPasses);
  let step = passes.next();
  while (!step.done) step = passes.next(step.value.recheck ? recheck(step.value.recheck) : undefined);
  return step.value;
}

/**
 * `fixUntilStable` for a caller that must not hold its thread (the App's webhook server during a large
 * pull request): `recheck` may yield, and between posts of a pass this lets the event loop run (`slices`).
 */
export async function fixUntilStableInSlices(
  posts: readonly Post[],
  findings: readonly Finding[],
  recheck: (posts: Post[]) => Promise<Finding[]>,
  slices: Slices,
  maxPasses = MAX_FIX_PASSES,
): Promise<Fixpoints> {
  const passes = fixPasses(posts, findings, maxPasses);
  let step = passes.next();
  while (!step.done) {
    let answer: Finding[] | undefined;
    if (step.value.recheck) answer = await recheck(step.value.recheck);
    else await slices.next();
    step = passes.next(answer);
  }
  return step.value;
}

/** What a pass asks of its driver: the findings of the fixed posts, or a chance to yield between posts. */
type PassRequest = { recheck: Post[] } | { recheck?: undefined };

/** The passes, as a generator the two drivers above share: it yields after each post and for each re-check. */
function* fixPasses(posts: readonly Post[], findings: readonly Finding[], maxPasses: number): Generator<PassRequest, Fixpoints, Finding[] | undefined> {
  const files = new Map<string, FileFixpoint>();
  const laterKeys = new Map<Finding, string>();
  const texts = new Map<string, string>();
  for (const post of posts) {
    texts.set(post.path, (post.hasBom ? '\ufeff' : '') + post.text);
    files.set(post.path, {
      lines: splitLines(post.text).map((text, i) => ({ text, origin: i + 1, by: [] })),
      removedBy: new Map(),
      changed: false,
    });
  }
  let current = [...posts];
  let currentFindings = [...findings];
  let applied = 0;
  let passes = 0;
  let unstable = false;
  for (let pass = 0; ; pass++) {
    const byPath = findingsByPath(currentFindings.filter((f) => f.fix));
    const results: ({ result: ReturnType<typeof applyFixes>; byFix: Map<Fix, Finding> } | null)[] = [];
    for (const post of current) {
      const mine = byPath.get(post.path) ?? [];
      if (mine.length === 0 || post.problems.some((p) => p.kind === 'binary' || p.kind === 'too-large')) {
        results.push(null);
        continue;
      }
      const result = applyFixes(texts.get(post.path)!, mine.map((f) => f.fix!));
      results.push(result.applied.length === 0 ? null : { result, byFix: new Map<Fix, Finding>(mine.map((f) => [f.fix!, f])) });
      yield {};
    }
    if (results.every((r) => r === null)) break;
    if (pass === maxPasses) {
      unstable = true;
      break;
    }
    const next: Post[] = [];
    for (const [i, post] of current.entries()) {
      const changed = results[i];
      if (!changed) {
        next.push(post);
        continue;
      }
      const { result, byFix } = changed;
      const state = files.get(post.path)!;
      for (const fix of [...result.applied].reverse()) {
        const finding = byFix.get(fix)!;
        if (pass > 0) laterKeys.set(finding, fingerprint(finding, post.lines));
        const replacement = fix.replacement === '' ? [] : fix.replacement.split(/\r\n|\r|\n/);
        const removed = state.lines.slice(fix.line - 1, fix.endLine);
        const carried = removed.filter((l) => l.origin === null).flatMap((l) => l.by);
        for (const line of removed) {
          if (line.origin !== null) state.removedBy.set(line.origin, [...(state.removedBy.get(line.origin) ?? []), finding]);
        }
        state.lines.splice(fix.line - 1, fix.endLine - fix.line + 1, ...replacement.map((text) => ({ text, origin: null, by: [finding, ...carried] })));
      }
      state.changed = true;
      applied += result.applied.length;
      texts.set(post.path, result.output);
      next.push(parsePost(post.path, result.output));
      yield {};
    }
    current = next;
    passes++;
    const rechecked = yield { recheck: current };
    if (!rechecked) throw new Error('fixPasses: a re-check was asked for and not given');
    currentFindings = rechecked;
  }
  return { files, laterKeys, posts: current, texts, findings: currentFindings, applied, passes, unstable };
}
