import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePost } from '../../../src/post/parse.js';
import { frontMatterRules } from '../../../src/rules/front-matter/index.js';
import { CLEAN_EN, check, hasShared } from '../../helpers.js';

describe.skipIf(!hasShared)('front-matter rules on clean-en (102 human-written Jekyll posts; needs ../shared)', () => {
  it('no error-level finding except the one malformed date (2023-01-29: "18:30:22 2023 -0800")', () => {
    const errors: string[] = [];
    for (const name of readdirSync(CLEAN_EN).filter((n) => /\.(md|markdown)$/.test(n))) {
      const post = parsePost(`_posts/${name}`, readFileSync(join(CLEAN_EN, name), 'utf8'));
      for (const f of check(post, { rules: frontMatterRules })) if (f.severity === 'error') errors.push(`${name}:${f.line} ${f.rule}`);
    }
    expect(errors).toEqual(['2023-01-29-jekyll-3-9-3-released.markdown:3 front-matter/value-types']);
  });
});
