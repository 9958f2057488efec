import type { Rule } from '../../engine/rule.js';
import readable from './readable.js';

export const frontMatterRules: Rule[] = [readable];
