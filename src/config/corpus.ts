import { z } from 'zod';

/** Options of the cross-post rules (`corpus:`): the checked post against every other post. */
export const corpusOptions = z
  .strictObject({
    /** Estimated Jaccard similarity (5-character shingles) at or above which another post is a near duplicate (warning). */
    nearDuplicate: z.number().min(0).max(1).default(0.5),
    /** …and at or above which it is an error (a republished copy). */
    nearDuplicateError: z.number().min(0).max(1).default(0.8),
    /** A shared passage is reported when its verbatim paragraphs total at least this many normalised characters. */
    passageMinChars: z.number().int().min(1).default(300),
    /** Paragraphs shorter than this (normalised characters) are not fingerprinted. */
    passageMinChunkChars: z.number().int().min(1).default(50),
    /** A paragraph found in more other posts than this is boilerplate (a template footer), not reuse. */
    passageMaxPosts: z.number().int().min(1).default(10),
    /** Character shingle length of the whole-post comparison. */
    shingle: z.number().int().min(2).max(16).default(5),
  })
  .prefault({});

export type CorpusOptions = z.infer<typeof corpusOptions>;
