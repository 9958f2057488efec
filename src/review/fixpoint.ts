import type { Config } from '../config/schema.js';
import type { Finding, Fix } from '../core/finding.js';
import { fingerprint } from '../lint/fingerprint.js';
import { applyFixes } from '../lint/fix.js';
import { checkPosts } from '../lint/run.js';
import { parsePost } from '../post/parse.js';
import type { Post } from '../post/post.js';

/**
 * What `editorial-review check --fix` writes, with where each line came from, so the review can offer the
 * same result as suggestions: fixes are applied pass after pass (like ESLint; overlapping ones and the ones a
 * first fix reveals come in later passes) and each final line knows its original line or the findings that
 * produced it. Mirrors `runCheck`: the same fix engine, the same re-check of all posts together.
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
  /** Each post's text after the last pass, as `check --fix` writes it (BOM, line endings, final newline kept). */
  texts: Map<string, string>;
  /** Fixes applied over all passes. */
  applied: number;
}

function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\r|\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function fixpoints(posts: readonly Post[], findings: readonly Finding[], config: Config): Fixpoints {
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
  let applied = 0;
  let current = [...posts];
  let currentFindings = [...findings];
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    let changed = false;
    current = current.map((post) => {
      const mine = currentFindings.filter((f) => f.path === post.path && f.fix);
      if (mine.length === 0 || post.problems.some((p) => p.kind === 'binary' || p.kind === 'too-large')) return post;
      const byFix = new Map<Fix, Finding>(mine.map((f) => [f.fix!, f]));
      const result = applyFixes(texts.get(post.path)!, mine.map((f) => f.fix!));
      if (result.applied.length === 0) return post;
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
      texts.set(post.path, result.output);
      applied += result.applied.length;
      changed = true;
      return parsePost(post.path, result.output);
    });
    if (!changed) break;
    currentFindings = checkPosts(current, config).findings;
  }
  return { files, laterKeys, texts, applied };
}

/** A contiguous change: original lines `start..end` become `lines` (never a pure insertion: it is widened). */
export interface Region {
  start: number;
  end: number;
  lines: string[];
  by: Finding[];
}

/** The changes of one file, in original line numbers, each with the findings that caused it. */
export function regions(fixpoint: FileFixpoint, original: readonly string[]): Region[] {
  const out: Region[] = [];
  let next = 1;
  let pending: FixedLine[] = [];
  const flush = (upTo: number) => {
    if (upTo < next && pending.length === 0) return;
    const by = new Set<Finding>(pending.flatMap((l) => l.by));
    for (let l = next; l <= upTo; l++) for (const f of fixpoint.removedBy.get(l) ?? []) by.add(f);
    let region: Region = { start: next, end: upTo, lines: pending.map((l) => l.text), by: [...by] };
    if (region.start > region.end) {
      // A pure insertion: widen to the line before (or after, at the top) so it is a replaceable range.
      region =
        region.start > 1
          ? { ...region, start: region.start - 1, end: region.start - 1, lines: [original[region.start - 2]!, ...region.lines] }
          : { ...region, start: 1, end: 1, lines: [...region.lines, original[0] ?? ''] };
    }
    if (original.slice(region.start - 1, region.end).join('\n') !== region.lines.join('\n')) out.push(region);
  };
  for (const line of fixpoint.lines) {
    if (line.origin === null) {
      pending.push(line);
      continue;
    }
    flush(line.origin - 1);
    pending = [];
    next = line.origin + 1;
  }
  flush(original.length);
  return out;
}

export { splitLines };
