import { Memo, memoKey } from '../../core/memo.js';
import type { Post } from '../../post/post.js';
import { getEntry } from '../../post/front-matter.js';
import { firstBodyLineOfLines } from '../../post/front-matter-source.js';
import { proseBlocks } from '../blocks.js';
import { comparablePrefix, stringEntry } from '../front-matter.js';
import { bodyPercentClaims } from '../claims/post-claims.js';
import { figurePhrase } from '../claims/phrase-index.js';
import { gitBlobSha, knownBlobSha } from '../../post/blob.js';
import { detached } from '../../text/detached.js';
import type { Corpus, CorpusEntry, FigureOccurrence, PostSummary } from './corpus.js';

/** The comparison form of a closing paragraph (see `PostSummary.closing`): its first CLOSING_KEY_CHARS characters, compared. */
export function closingKey(text: string): string {
  return comparablePrefix(text, CLOSING_KEY_CHARS);
}

export const CLOSING_KEY_CHARS = 200;

/**
 * The post as the cross-post analyses see it (computed with the post's own analyses, `post.memo`). Its
 * strings are copies (`detached`): a slice of the post's text would keep the whole text alive. With
 * `reload` (reads the text again, as `blobText` gives it), the summary can release the text.
 */
export function summarizePost(post: Post, reload?: () => string): PostSummary {
  const paragraphs = proseBlocks(post).filter((b) => b.type === 'paragraph');
  const last = paragraphs[paragraphs.length - 1];
  const figures: FigureOccurrence[] = [];
  const seen = new Set<string>();
  // Only percentages make figure phrases: read without the rest of the claims (the rules' pass reads those).
  for (const claim of bodyPercentClaims(post)) {
    const phrase = figurePhrase(claim);
    if (phrase === null || seen.has(phrase)) continue;
    seen.add(phrase);
    figures.push({ phrase: detached(phrase), line: claim.line });
  }
  let text: string | undefined = post.text;
  const hasBom = post.hasBom;
  // Known when the post was read from bytes (`recordBlobSha`): then the text need not be encoded, nor read again, to hash it.
  let sha: string | undefined = knownBlobSha(post);
  const copy = (value: string | undefined) => (value === undefined ? undefined : detached(value));
  const data = post.frontMatter?.data;
  const closing = last ? closingKey(last.text) : undefined;
  return {
    path: post.path,
    language: post.language,
    data: data === undefined ? undefined : (detachedValue(data) as Record<string, unknown>),
    titleLine: getEntry(post.frontMatter, 'title')?.line,
    title: copy(stringEntry(post, 'title')?.value),
    excerpt: copy(stringEntry(post, 'excerpt')?.value),
    headline: copy(firstBodyLineOfLines(post.lines)),
    closing: copy(closing),
    figures,
    indexable: post.frontMatter !== null || post.text !== '',
    blobText: () => (text === undefined ? reload!() : hasBom ? `\uFEFF${text}` : text),
    blobSha() {
      return (sha ??= gitBlobSha(this.blobText()));
    },
    ...(reload
      ? {
          releaseText() {
            text = undefined;
          },
        }
      : {}),
  };
}

/** Front matter values with every string copied (`detached`); other values as they are. */
function detachedValue(value: unknown): unknown {
  if (typeof value === 'string') return detached(value);
  if (Array.isArray(value)) return value.map(detachedValue);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = detachedValue(inner);
    return out;
  }
  return value;
}

const SUMMARY = memoKey<PostSummary>('summary');

/** `summarizePost`, kept with the post's analyses (the audit's corpus hands the same posts to many checks). */
export function postSummary(post: Post): PostSummary {
  return post.memo.get(SUMMARY, [], () => summarizePost(post));
}

function summaryOf(entry: CorpusEntry): PostSummary {
  return 'blocks' in entry ? postSummary(entry) : entry;
}

export class InMemoryCorpus implements Corpus {
  private readonly byPath = new Map<string, PostSummary>();
  readonly memo = new Memo();

  constructor(entries: Iterable<CorpusEntry> = []) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: CorpusEntry): void {
    const summary = summaryOf(entry);
    this.byPath.set(summary.path, summary);
  }

  summaries(): Iterable<PostSummary> {
    return this.byPath.values();
  }

  get size(): number {
    return this.byPath.size;
  }
}

/** No other posts: a new one each time, so nothing worked out about one check's posts outlives it. */
export function emptyCorpus(): Corpus {
  return new InMemoryCorpus();
}
