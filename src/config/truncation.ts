import { z } from 'zod';
import { additiveList, regularExpression } from './pattern.js';

/** The markers found without any config (they are kept when a config adds its own). */
export const DEFAULT_MARKERS: readonly string[] = [
  '(?<!-)-{2,}[ \\t]*END[ \\t]*-{2,}',
  '<\\|?end(?:of)?text\\|?>',
  '\\[END\\]',
  '(?<!-)-{2,}[ \\t]*(?:続く|終わり|ここまで)[ \\t]*-{2,}',
];

/** Options of the truncation rules (`truncation:`). */
export const truncationOptions = z
  .strictObject({
    /**
     * Lines a generator leaves behind; matched as regular expressions, alone on a line or glued to text.
     * Keep them linear: the defaults only start a dash run where one begins (`(?<!-)`), so a long line of
     * dashes costs one pass. A list is added to the defaults; `{ replace: true, patterns: […] }` replaces them.
     */
    markers: additiveList(DEFAULT_MARKERS, regularExpression, 'Generation markers (regular expressions)'),
    /** Paragraphs shorter than this (characters) are not checked for a missing sentence end. */
    minChars: z.number().int().min(0).default(20),
  })
  .prefault({});

export type TruncationOptions = z.infer<typeof truncationOptions>;
