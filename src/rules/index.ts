import type { Rule } from './rule.js';
import { frontMatterRules } from './front-matter/index.js';
import { crossPostDuplicationRules, duplicationRules } from './duplication/index.js';
import { truncationRules } from './truncation/index.js';
import { claimsRules } from './claims/index.js';
import { artifactsRules } from './artifacts/index.js';
import { siteRules } from './site/index.js';

/** Every rule, in the order findings are produced (the order does not change the result). */
export const allRules: readonly Rule[] = [...frontMatterRules, ...duplicationRules, ...truncationRules, ...claimsRules, ...artifactsRules, ...crossPostDuplicationRules, ...siteRules];
