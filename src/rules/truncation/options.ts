import { z } from 'zod';

/** Options of the truncation rules (`truncation:`). */
export const truncationOptions = z
  .strictObject({
    /** Lines a generator leaves behind; matched as regular expressions, alone on a line or glued to text. */
    markers: z
      .array(z.string())
      .default(['-{2,}\\s*END\\s*-{2,}', '<\\|?end(of)?text\\|?>', '\\[END\\]', '-{2,}\\s*(続く|終わり|ここまで)\\s*-{2,}']),
    /** Paragraphs shorter than this (characters) are not checked for a missing sentence end. */
    minChars: z.number().int().min(0).default(20),
  })
  .prefault({});

export type TruncationOptions = z.infer<typeof truncationOptions>;
