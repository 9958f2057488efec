import { workerData } from 'node:worker_threads';
import { readSitePostFile, type SiteReadResult, type SiteReadTask } from './site-read.js';

/**
 * The worker that reads a cold site's posts beside the CLI's thread (`site.ts` `readStalePosts`): both
 * take the next unread path from a shared counter, so neither waits for a fixed half. Each result is
 * posted, then counted in `control[1]` (which the CLI's thread waits on).
 */
const task = workerData as SiteReadTask;
const control = new Int32Array(task.control);
const known = new Set(task.known);
for (;;) {
  const at = Atomics.add(control, 0, 1);
  if (at >= task.paths.length) break;
  let result: SiteReadResult;
  try {
    const read = readSitePostFile(task.root, task.paths[at]!, task.options, (sha) => known.has(sha));
    // The values go as source (parsed again there: cloning would turn a TOML date into a plain Date), and the
    // features' front-matter copy as JSON, as the blob store and the site cache keep it.
    if (read?.features) read.features.meta = JSON.parse(JSON.stringify(read.features.meta)) as typeof read.features.meta;
    result = read ? { at, read: { sha: read.sha, frontMatter: read.frontMatter, ...(read.features ? { features: read.features } : {}) } } : { at };
  } catch {
    result = { at, failed: true };
  }
  task.port.postMessage(result);
  Atomics.add(control, 1, 1);
  Atomics.notify(control, 1);
}
task.port.close();
