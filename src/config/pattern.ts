import { z } from 'zod';

/**
 * A regular expression written in the config, compiled as the rules compile it (Unicode mode). A pattern
 * that does not compile, or that matches the empty string (it would match everywhere), is a config error
 * naming its key and line rather than a pattern silently dropped.
 */
export const regularExpression = z
  .string()
  .min(1, 'empty pattern')
  .superRefine((pattern, ctx) => {
    let compiled: RegExp;
    try {
      compiled = new RegExp(pattern, 'u');
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}` });
      return;
    }
    if (compiled.test('')) ctx.addIssue({ code: 'custom', message: `the pattern /${pattern}/ matches the empty string, so it would match everywhere` });
  })
  .meta({ description: 'A JavaScript regular expression (Unicode mode).', format: 'regex' });

/**
 * A list that extends built-in defaults: a plain list is ADDED to the defaults; `{ replace: true,
 * patterns: […] }` uses only the given patterns. The parsed config holds the effective list.
 */
export function additiveList(defaults: readonly string[], item: z.ZodType<string>, what: string) {
  return z
    .union([
      z.array(item).meta({ description: `${what}, added to the defaults.` }),
      z
        .strictObject({
          patterns: z.array(item),
          /** `true`: the defaults are dropped; `false` (default): the patterns are added to them. */
          replace: z.boolean().default(false),
        })
        .meta({ description: `${what}; with \`replace: true\` they replace the defaults instead of being added to them.` }),
    ])
    .default([])
    .transform((value) => {
      const own = Array.isArray(value) ? value : value.patterns;
      const replace = !Array.isArray(value) && value.replace;
      return replace ? [...own] : [...new Set([...defaults, ...own])];
    });
}
