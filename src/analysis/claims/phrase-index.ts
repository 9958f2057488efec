import type { Corpus } from '../corpus/corpus.js';
import { memoKey } from '../../core/memo.js';
import type { PostSummary } from '../corpus/corpus.js';
import type { Claim } from './post-claims.js';
import { foldWidth } from './width.js';

/**
 * A figure phrase: a percentage with its qualifier and the noun it modifies, `75%以上の企業`,
 * `25%以上の成長`, `75% of companies`. Only the shape `figure + の/of + noun` is indexed: it is the shape the
 * pipeline pasted, and a bare `20%向上` recurs legitimately in every post about the same announcement.
 */
const JA_NOUN = /^\s?の\s?([\p{sc=Han}\p{sc=Katakana}ーA-Za-z]{1,8})/u;
const EN_NOUN = /^ of (?:the )?([a-z]{3,20})\b/i;

export function figurePhrase(claim: Claim): string | null {
  if (claim.kind !== 'percent' || !claim.statistic || claim.place !== 'body') return null;
  const figure = foldWidth(claim.text).replace(/\s+/g, '');
  const ja = JA_NOUN.exec(claim.after);
  if (ja) return `${figure}の${ja[1]}`;
  const en = EN_NOUN.exec(claim.after);
  if (en) return `${figure} of ${en[1]!.toLowerCase()}`;
  return null;
}

export interface PhraseOccurrence {
  path: string;
  line: number;
}

export interface PhraseIndex {
  /** Phrase → first occurrence in each post that has it (one entry per post). */
  get(phrase: string): readonly PhraseOccurrence[];
}

// One index per corpus object, built on first use: checking N posts against a corpus of M posts
// reads each post's claims once (O(N + M)) instead of every corpus post again for every checked post.
const PHRASES = memoKey<Map<string, PhraseOccurrence[]>>('figure phrases');

export function phraseIndex(corpus: Corpus): PhraseIndex {
  const index = corpus.memo.get(PHRASES, [corpus.size], () => buildIndex(corpus.summaries()));
  return { get: (phrase) => index.get(phrase) ?? [] };
}

/** From each post's figure phrases (`PostSummary.figures`: first occurrence of each, found while the post was summarised). */
function buildIndex(summaries: Iterable<PostSummary>): Map<string, PhraseOccurrence[]> {
  const index = new Map<string, PhraseOccurrence[]>();
  for (const summary of summaries) {
    for (const { phrase, line } of summary.figures) {
      let list = index.get(phrase);
      if (!list) index.set(phrase, (list = []));
      list.push({ path: summary.path, line });
    }
  }
  return index;
}

/** The other posts (not `path`) where `phrase` occurs. */
export function otherOccurrences(corpus: Corpus, phrase: string, path: string): PhraseOccurrence[] {
  return phraseIndex(corpus)
    .get(phrase)
    .filter((o) => o.path !== path);
}
