import type { Config } from '../config/schema.js';
import { runCheckTask, runPostTask, runSummaryTask, summarizeBytes, type CheckResult, type CheckTask, type PostTask, type PostTaskResult, type SiteReadPoolTask, type SummaryResult, type SummaryTask } from './pool-task.js';
import { readSiteShare } from '../analysis/site/read-posts.js';
import { useServedDictionary } from './shared-dictionary.js';

/**
 * The worker entry of the check pool (`pool.ts`): piscina calls the default export once per post. It
 * keeps one Config object per distinct config (an App serves many repositories), so the rules' caches
 * keyed by the config object last across tasks.
 */
const configs = new Map<string, Config>();
// Until a run's context gives it the dictionary (`SharedContext`), the thread asks the main thread for it.
useServedDictionary();
const MAX_CONFIGS = 16;

export default function checkInWorker(task: PostTask | SummaryTask | CheckTask | SiteReadPoolTask): PostTaskResult | SummaryResult | CheckResult | number {
  if ('kind' in task) {
    if (task.kind === 'site-read') return readSiteShare(task.read, summarizeBytes);
    return task.kind === 'summary' ? runSummaryTask(task) : runCheckTask(task);
  }
  let config = configs.get(task.configKey);
  if (!config) {
    if (configs.size >= MAX_CONFIGS) configs.clear();
    configs.set(task.configKey, (config = task.config));
  }
  return runPostTask(task, config);
}
