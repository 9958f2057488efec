import type { Rule } from '../rule.js';
import collapsedArticle from './collapsed-article.js';
import exactRepeat from './exact-repeat.js';
import nearRepeat from './near-repeat.js';
import repeatedRun from './repeated-run.js';
import titleRepeated from './title-repeated.js';
import truncatedCopy from './truncated-copy.js';

export const duplicationRules: Rule[] = [titleRepeated, repeatedRun, collapsedArticle, exactRepeat, truncatedCopy, nearRepeat];
