import type { Language } from '../../core/finding.js';
import type { Memo } from '../../core/memo.js';
import type { Post } from '../../post/post.js';

/**
 * The corpus: the other posts of the site, for the rules that compare a post with them (recurring
 * statistics, cross-post duplication, title templates, footers). The CLI fills it from the site or the
 * checked directory or --corpus; the App from the base branch; the audit from the tree at each commit.
 * An empty corpus is always valid. (One word for them everywhere: `context.corpus`, `corpus.memo`, the
 * `corpus:` settings, `--corpus`.)
 *
 * The corpus holds summaries (`PostSummary`), not post models: what the cross-post analyses read of the
 * other posts, so a check of a whole site need not keep every post's blocks and analyses until its end.
 */
export interface Corpus {
  /** Every post known, the checked ones included; rules skip `post.path` themselves. */
  summaries(): Iterable<PostSummary>;
  size: number;
  /** What the rules work out across these posts (phrase index, title templates, the similarity index), kept with them. */
  readonly memo: Memo;
}

/** A post or its summary: posts are summarised as they are added (`InMemoryCorpus`). */
export type CorpusEntry = Post | PostSummary;

/** A figure phrase (`75%以上の企業`) and the line of its first occurrence in the post. */
export interface FigureOccurrence {
  phrase: string;
  line: number;
}

/**
 * What the cross-post analyses read of a post other than the one being checked: its front matter's
 * values, its title, excerpt and first body line, the key of its closing paragraph, its figure phrases,
 * its text (the cross-post index hashes it; exact similarities read it). Made once while the post is
 * parsed, it holds no block, no line index and no analysis, so a check of a whole site keeps one summary
 * per post and releases each post's model once the post is checked.
 */
export interface PostSummary {
  readonly path: string;
  readonly language: Language;
  /** The front matter's values (`frontMatter.data`); undefined without front matter. */
  readonly data: Record<string, unknown> | undefined;
  /** The line of the `title` entry (undefined without one). */
  readonly titleLine: number | undefined;
  /** The `title` and `excerpt` entries when they are strings (`stringEntry`). */
  readonly title: string | undefined;
  readonly excerpt: string | undefined;
  /** The body's first line (`firstBodyLine`). */
  readonly headline: string | undefined;
  /** The comparison form of the last prose paragraph (its first 200 characters): the site's footers are learnt from these. */
  readonly closing: string | undefined;
  /** Each figure phrase's first occurrence (`figurePhrase`), in the order of the post's claims. */
  readonly figures: readonly FigureOccurrence[];
  /** False for an empty file without front matter (nothing to index). */
  readonly indexable: boolean;
  /** The file's content as git stores it (BOM included): the cross-post index's input. */
  blobText(): string;
  /** Its git blob SHA (the index key), hashed on first use. */
  blobSha(): string;
  /**
   * Forgets the text (present when the summary was made with a way to read it again): `blobText()` then
   * reads it from its source each time. A check of a whole site releases each text once the post is summarised.
   */
  releaseText?(): void;
}

