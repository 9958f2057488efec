import type { Rule } from '../rule.js';
import collapsedArticle from './collapsed-article.js';
import exactRepeat from './exact-repeat.js';
import nearRepeat from './near-repeat.js';
import repeatedRun from './repeated-run.js';
import titleRepeated from './title-repeated.js';
import truncatedCopy from './truncated-copy.js';
import nearDuplicatePost from './near-duplicate-post.js';
import sharedPassage from './shared-passage.js';
import duplicateTitle from './duplicate-title.js';
import duplicateTopic from './duplicate-topic.js';

/** Within the post. */
export const duplicationRules: Rule[] = [titleRepeated, repeatedRun, collapsedArticle, exactRepeat, truncatedCopy, nearRepeat];

/**
 * Across posts: the checked post against every other post of the site (`context.corpus`). Two posts at
 * one URL: site/url-collision.
 */
export const crossPostDuplicationRules: Rule[] = [nearDuplicatePost, sharedPassage, duplicateTitle, duplicateTopic];
