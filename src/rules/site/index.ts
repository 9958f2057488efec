import type { Rule } from '../rule.js';
import urlDateShift from './url-date-shift.js';
import urlCollision from './url-collision.js';
import articleReplaced from './article-replaced.js';
import linkBroken from './link-broken.js';
import categoryUnknown from './category-unknown.js';
import slugPoor from './slug-poor.js';
import notPublished from './not-published.js';

/** Rules that need the site around a post (`ctx.site`): its configuration, its other posts and their URLs. */
export const siteRules: Rule[] = [urlDateShift, urlCollision, articleReplaced, linkBroken, categoryUnknown, slugPoor, notPublished];
