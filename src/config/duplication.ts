import { z } from 'zod';

/** Options of the duplication rules (`duplication:`). */
export const duplicationOptions = z
  .strictObject({
    /** Blocks shorter than this (normalised characters) are never compared. */
    minChars: z.number().int().min(1).default(20),
    /** Character n-gram size for near-repeat comparison. */
    ngram: z.number().int().min(2).default(5),
    /** Jaccard similarity at or above which a near repeat is an error / a warning. */
    nearError: z.number().min(0).max(1).default(0.8),
    nearWarning: z.number().min(0).max(1).default(0.7),
    /** Containment at or above which a shorter block is a truncated copy of an earlier one. */
    containment: z.number().min(0).max(1).default(0.9),
  })
  .prefault({});

export type DuplicationOptions = z.infer<typeof duplicationOptions>;
