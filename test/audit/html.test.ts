import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { renderHtml, escapeHtml } from '../../src/audit/html.js';
import { runAudit, type AuditReport } from '../../src/audit/replay.js';
import { config, hasShared, SHARED } from '../helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const BUNDLE = join(SHARED, 'corpus', 'ai-blog-system-posts.bundle');
const SLICE = 20;

/**
 * The real history, cut to its first 20 commits: a throwaway clone of the bundle whose HEAD is moved to
 * the 20th commit (the shared clone is never touched). All rules run, so the figures are not hard-coded;
 * the page must show exactly what the JSON report says.
 */
// CI installs Chromium and has shared/ (.ci/run): there, a missing piece is a failure, never a skip.
const runnable = hasShared && existsSync(BUNDLE) && existsSync(CHROMIUM);
if (process.env.CI === 'true' && !runnable) {
  throw new Error(`CI must provide ${CHROMIUM} and ${BUNDLE} for the audit HTML test (see .ci/run)`);
}

describe.runIf(runnable)('audit HTML report in headless Chromium (needs ../shared and /usr/bin/chromium)', () => {
  let dir = '';
  let file = '';
  let report: AuditReport;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'er-audit-html-'));
    const repo = join(dir, 'repo');
    execFileSync('git', ['clone', '-q', '--no-checkout', BUNDLE, repo]);
    const shas = execFileSync('git', ['-C', repo, 'rev-list', '--reverse', '--topo-order', 'HEAD']).toString().trim().split('\n');
    execFileSync('git', ['-C', repo, 'update-ref', 'refs/heads/slice', shas[SLICE - 1]!]);
    execFileSync('git', ['-C', repo, 'symbolic-ref', 'HEAD', 'refs/heads/slice']);
    report = runAudit({ repo, config: config() });
    file = join(dir, 'audit.html');
    writeFileSync(file, renderHtml(report));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('replays the slice of the real history', () => {
    expect(report.totals.commits).toBe(SLICE);
    expect(report.totals.postsChecked).toBeGreaterThan(10);
    expect(report.totals.introduced).toBeGreaterThan(0);
    expect(report.totals.byAuthor.map((a) => a.author).sort()).toEqual(['github-actions[bot]', 'hasegawa556']);
  });

  it('renders offline: the chart bars sum to the introduced total and the totals table matches the report', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(file).href);
      // Self-contained: the only request is the page itself; no script.
      expect(requests).toEqual([pathToFileURL(file).href]);
      expect(await page.locator('script').count()).toBe(0);

      const chart = page.locator('svg#timeline-chart');
      const box = await chart.boundingBox();
      expect(box!.width).toBeGreaterThan(400);
      const bars = await chart.locator('rect.bar').evaluateAll((rects) =>
        rects.map((r) => ({ family: r.getAttribute('data-family'), count: Number(r.getAttribute('data-count')), height: (r as unknown as { getBBox(): { height: number } }).getBBox().height })),
      );
      expect(bars.reduce((s, b) => s + b.count, 0)).toBe(report.totals.introduced);
      expect(bars.every((b) => b.height > 0)).toBe(true);
      expect(new Set(bars.map((b) => b.family))).toEqual(new Set(report.families));
      expect(await chart.locator('text.legend').allTextContents()).toEqual(report.families);

      expect(await page.locator('#total-introduced').textContent()).toBe(String(report.totals.introduced));
      expect(await page.locator('#total-fixed').textContent()).toBe(String(report.totals.fixed));
      expect(await page.locator('#total-open').textContent()).toBe(String(report.totals.open));
      const rows = await page.locator('#totals tbody tr').evaluateAll((trs) =>
        trs.map((tr) => ({ rule: tr.getAttribute('data-rule'), introduced: Number(tr.querySelector('.introduced')!.textContent) })),
      );
      expect(rows).toEqual(report.totals.byRule.map((r) => ({ rule: r.rule, introduced: r.introduced })));
      expect(await page.locator('#sum-introduced').textContent()).toBe(String(report.totals.introduced));
    } finally {
      await browser.close();
    }
  });

  it('escapes text from commits and posts', () => {
    expect(escapeHtml(`<script>"x" & 'y'</script>`)).toBe('&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;');
  });
});
