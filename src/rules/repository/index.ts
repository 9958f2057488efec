import type { Rule } from '../rule.js';
import nearDuplicatePost from './near-duplicate-post.js';
import sharedPassage from './shared-passage.js';
import duplicateTitle from './duplicate-title.js';
import duplicatePermalink from './duplicate-permalink.js';
import duplicateTopic from './duplicate-topic.js';

/** Cross-post rules: the checked post against every other post of the repository (`ctx.repository`). */
export const repositoryRules: Rule[] = [nearDuplicatePost, sharedPassage, duplicateTitle, duplicateTopic, duplicatePermalink];
