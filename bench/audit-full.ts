/**
 * Full-history audit of the shared corpus (659 commits): prints run time, peak RSS and totals, and
 * writes the JSON and HTML reports. `npx tsx bench/audit-full.ts [REPO] [OUTDIR]`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultConfig } from '../src/config/load.js';
import { renderHtml } from '../src/audit/html.js';
import { runAudit } from '../src/audit/replay.js';

const repo = process.argv[2] ?? '/tmp/ai-blog-corpus';
const outDir = process.argv[3] ?? '/tmp';
if (!existsSync(repo)) execFileSync('git', ['clone', '-q', join(import.meta.dirname, '..', '..', 'shared', 'corpus', 'ai-blog-system-posts.bundle'), repo]);
const report = runAudit({
  repo,
  config: defaultConfig(),
  onProgress: (done, total) => {
    if (done % 100 === 0) process.stderr.write(`audit: ${done}/${total} (${Math.round(process.memoryUsage().rss / 2 ** 20)} MB RSS)\n`);
  },
});
writeFileSync(join(outDir, 'audit-full.json'), JSON.stringify(report));
writeFileSync(join(outDir, 'audit-full.html'), renderHtml(report));
const t = report.totals;
console.log(`commits ${t.commits}, posts checked ${t.postsChecked}, time ${(report.durationMs / 1000).toFixed(1)} s, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
console.log(`introduced ${t.introduced}, fixed ${t.fixed}, open ${t.open}, removed with post ${t.removedWithPost}, median time to fix ${t.medianHoursToFix} h`);
console.table(t.byRule.map((r) => ({ rule: r.rule, introduced: r.introduced, fixed: r.fixed, open: r.open, removed: r.removedWithPost, 'median h': r.medianHoursToFix })));
console.table(t.byAuthor);
