import { workerData } from 'node:worker_threads';
import { readSiteShare, type SiteReadTask } from '../analysis/site/read-posts.js';

/**
 * The worker that reads a cold site's posts beside the CLI's thread when no pool worker does
 * (cli/site.ts `readStalePosts`; `readSiteShare` holds the loop).
 */
readSiteShare(workerData as SiteReadTask);
