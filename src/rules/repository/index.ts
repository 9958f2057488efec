import type { Rule } from '../rule.js';
import nearDuplicatePost from './near-duplicate-post.js';
import sharedPassage from './shared-passage.js';
import duplicateTitle from './duplicate-title.js';
import duplicateTopic from './duplicate-topic.js';

/** Cross-post rules: the checked post against every other post of the repository (`ctx.repository`). Two posts at one URL: site/url-collision. */
export const repositoryRules: Rule[] = [nearDuplicatePost, sharedPassage, duplicateTitle, duplicateTopic];
