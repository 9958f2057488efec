import type { Finding } from '../core/finding.js';
import { currentRuleId } from '../config/renamed-rules.js';
import { fingerprint } from './fingerprint.js';
import type { LineIndex } from '../post/line-index.js';

/**
 * A baseline: the findings a blog has accepted when it adopts the reviewer, so a check reports only what
 * is new (`check --baseline FILE`, written by `--write-baseline`). Entries are matched by fingerprint
 * (rule + file + the normalised text of the finding's lines, `fingerprint.ts`), never by line number, so
 * editing a post above a known finding does not bring it back; each entry absorbs one finding, so a
 * second copy of a known defect is new. `line` and `message` are for the reader of the file only.
 */
export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  path: string;
  rule: string;
  fingerprint: string;
  line: number;
  message: string;
}

export interface Baseline {
  tool: 'editorial-review';
  version: typeof BASELINE_VERSION;
  findings: BaselineEntry[];
}

/** How a finding's path is written in the baseline (relative to the baseline file, `/`-separated). */
export type BaselinePath = (findingPath: string) => string;

function entryOf(finding: Finding, lines: LineIndex | undefined, pathOf: BaselinePath): BaselineEntry {
  const path = pathOf(finding.path);
  // A file that could not be read has no lines: its rule and path are its identity.
  const print = lines ? fingerprint({ ...finding, path }, lines) : `unreadable:${finding.line}`;
  return { path, rule: finding.rule, fingerprint: print, line: finding.line, message: finding.message };
}

// A baseline written before a rule was renamed names it by its old id.
const keyOf = (e: Pick<BaselineEntry, 'path' | 'rule' | 'fingerprint'>) => `${currentRuleId(e.rule)}\0${e.path}\0${e.fingerprint}`;

export function createBaseline(findings: readonly Finding[], linesOf: (path: string) => LineIndex | undefined, pathOf: BaselinePath): Baseline {
  const entries = findings.map((f) => entryOf(f, linesOf(f.path), pathOf));
  entries.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint));
  return { tool: 'editorial-review', version: BASELINE_VERSION, findings: entries };
}

export interface BaselineResult {
  /** Findings the baseline does not hold. */
  fresh: Finding[];
  /** Findings it holds (not reported). */
  known: number;
  /** Baseline entries no finding matched any more (fixed since): the file can be rewritten. */
  stale: number;
}

export function applyBaseline(findings: readonly Finding[], baseline: Baseline, linesOf: (path: string) => LineIndex | undefined, pathOf: BaselinePath): BaselineResult {
  const remaining = new Map<string, number>();
  for (const entry of baseline.findings) remaining.set(keyOf(entry), (remaining.get(keyOf(entry)) ?? 0) + 1);
  const fresh: Finding[] = [];
  let known = 0;
  for (const finding of findings) {
    const key = keyOf(entryOf(finding, linesOf(finding.path), pathOf));
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      known++;
    } else {
      fresh.push(finding);
    }
  }
  let stale = 0;
  for (const left of remaining.values()) stale += left;
  return { fresh, known, stale };
}

/** Parses a baseline file's text; throws an Error saying what is wrong with it. */
export function parseBaseline(text: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  const b = data as Partial<Baseline>;
  if (b?.tool !== 'editorial-review' || b.version !== BASELINE_VERSION || !Array.isArray(b.findings)) {
    throw new Error(`not an editorial-review baseline (version ${BASELINE_VERSION}); write one with --write-baseline`);
  }
  for (const [i, e] of b.findings.entries()) {
    if (typeof e?.path !== 'string' || typeof e.rule !== 'string' || typeof e.fingerprint !== 'string') {
      throw new Error(`entry ${i} lacks path, rule or fingerprint`);
    }
  }
  return b as Baseline;
}
