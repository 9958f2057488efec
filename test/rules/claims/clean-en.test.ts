import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPosts } from '../../../src/lint/run.js';
import { parsePost } from '../../../src/post/parse.js';
import { claimsRules } from '../../../src/rules/claims/index.js';
import { CLEAN_EN, config, hasShared } from '../../helpers.js';

describe.skipIf(!hasShared)('claims rules on the clean English posts (needs ../shared)', () => {
  it('give no error-level finding on 102 human-edited posts checked as one corpus', () => {
    const posts = readdirSync(CLEAN_EN)
      .filter((f) => /\.(md|markdown)$/.test(f))
      .map((f) => parsePost(f, readFileSync(join(CLEAN_EN, f), 'utf8')));
    expect(posts.length).toBeGreaterThan(100);
    const { findings } = checkPosts(posts, config(), [], claimsRules);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
