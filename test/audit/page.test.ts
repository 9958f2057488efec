import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webUrlOf } from '../../src/audit/git.js';
import { granularityFor, renderHtml, timeline } from '../../src/audit/html.js';
import { runAudit, type AuditReport, type CommitReport } from '../../src/audit/replay.js';
import { config, FIXTURES, SEEDS } from '../helpers.js';
import { TempRepo } from './helpers.js';

/**
 * The audit page a maintainer acts on, rendered in headless Chromium: links to every commit and post on
 * the repository's web pages, the open defects per post worst first, and a chart whose bars are days for
 * a short history and months for a long one, with x labels and legend entries that never overlap. Each
 * page is also saved as a PNG (`AUDIT_SCREENSHOTS=dir` keeps them) for a person to look at.
 */
const CHROMIUM = '/usr/bin/chromium';
if (process.env.CI === 'true' && !existsSync(CHROMIUM)) throw new Error(`CI must provide ${CHROMIUM} (see .ci/run)`);

const seedText = (n: number) => readFileSync(join(FIXTURES, 'seeds', SEEDS[n]!), 'utf8');
const shots = process.env.AUDIT_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'er-audit-shots-'));
mkdirSync(shots, { recursive: true });

/** A blog of five real posts (the seeds, ai-blog-system, MIT) committed over eleven days, one fixed on the way. */
const repo = new TempRepo();
repo.git(['remote', 'add', 'origin', 'git@github.com:acme/blog.git']);
repo.write('_posts/2025-12-30-amazon.md', seedText(0));
repo.commit('add amazon', '2025-12-01T09:00:00Z', 'bot');
repo.write('_posts/2025-12-17-bedrock.md', seedText(4));
repo.commit('add bedrock', '2025-12-03T09:00:00Z', 'bot');
repo.write('_posts/2025-12-20-nvidia.md', seedText(1));
repo.write('_posts/2025-12-21-aws.md', seedText(2));
repo.commit('add two', '2025-12-06T09:00:00Z', 'bot');
repo.write('_posts/2025-12-30-amazon.md', seedText(0).replace('title: "# Amazon', 'title: "Amazon'));
repo.commit('fix a title by hand', '2025-12-08T15:00:00Z', 'editor');
repo.write('_posts/2025-12-22-chip.md', seedText(3));
repo.commit('add chip', '2025-12-11T09:00:00Z', 'bot');

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
});
afterAll(async () => {
  await browser?.close();
  repo.cleanup();
  if (!process.env.AUDIT_SCREENSHOTS) rmSync(shots, { recursive: true, force: true });
});

async function open(report: AuditReport, name: string): Promise<Page> {
  const file = join(shots, `${name}.html`);
  writeFileSync(file, renderHtml(report));
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(pathToFileURL(file).href);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  return page;
}

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Boxes of the chart's x labels and legend entries: pairwise disjoint, inside the chart. */
async function expectReadable(page: Page): Promise<void> {
  const chart = page.locator('svg#timeline-chart');
  const frame = (await chart.boundingBox())!;
  for (const selector of ['text.x-label', 'g.legend-item']) {
    const boxes = (await chart.locator(selector).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON()))) as Box[];
    expect(boxes.length).toBeGreaterThan(0);
    for (const [i, a] of boxes.entries()) {
      expect(a.x >= frame.x - 1 && a.x + a.width <= frame.x + frame.width + 1, `${selector} ${i} inside the chart`).toBe(true);
      for (const b of boxes.slice(i + 1)) expect(overlap(a, b), `${selector} overlap`).toBe(false);
    }
  }
}

describe.runIf(existsSync(CHROMIUM))('the audit page in headless Chromium (needs /usr/bin/chromium)', () => {
  const report = runAudit({ repo: repo.dir, config: config() });

  it('links every commit and post to the repository on GitHub', async () => {
    expect(report.webUrl).toBe('https://github.com/acme/blog');
    const page = await open(report, 'days');
    const commitLinks = await page.locator('#commits a.commit').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    const shas = await page.locator('#commits tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-sha')));
    expect(commitLinks).toEqual(shas.map((sha) => `https://github.com/acme/blog/commit/${sha}`));
    const postLinks = await page.locator('#open-posts tbody tr td:nth-child(2) > a.post').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(postLinks).toEqual(report.openByPost.map((p) => `https://github.com/acme/blog/blob/${report.head}/${p.path}`));
    const firstDefect = report.openByPost[0]!.defects[0]!;
    expect(await page.locator('#open-posts li.defect a.post').first().getAttribute('href')).toBe(
      `https://github.com/acme/blog/blob/${report.head}/${report.openByPost[0]!.path}#L${firstDefect.line}`,
    );
    await page.close();
  });

  it('lists the open defects per post, worst first, and they add up to the open total', async () => {
    const page = await open(report, 'days');
    const rows = await page.locator('#open-posts tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [Number(tr.getAttribute('data-errors')), Number(tr.getAttribute('data-warnings')), Number(tr.getAttribute('data-infos'))]),
    );
    expect(rows.length).toBe(5);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      expect(a[0]! > b[0]! || (a[0] === b[0] && (a[1]! > b[1]! || (a[1] === b[1] && a[2]! >= b[2]!)))).toBe(true);
    }
    expect(rows.flat().reduce((s, n) => s + n, 0)).toBe(report.totals.open);
    // The hand-fixed title is not open any more.
    const amazon = report.openByPost.find((p) => p.path === '_posts/2025-12-30-amazon.md')!;
    expect(amazon.defects.some((d) => d.rule === 'front-matter/title-markdown')).toBe(false);
    await page.close();
  });

  it('eleven days: one bar per day, every introduced defect drawn, labels and legend readable', async () => {
    const page = await open(report, 'days');
    const chart = page.locator('svg#timeline-chart');
    expect(await chart.getAttribute('data-granularity')).toBe('day');
    const bars = await chart.locator('rect.bar').evaluateAll((rects) => rects.map((r) => ({ bucket: r.getAttribute('data-bucket'), count: Number(r.getAttribute('data-count')), width: r.getBoundingClientRect().width })));
    expect(bars.reduce((s, b) => s + b.count, 0)).toBe(report.totals.introduced);
    const days = new Set(report.commits.filter((c) => c.introduced.length > 0).map((c) => c.date.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(4);
    expect(new Set(bars.map((b) => b.bucket))).toEqual(days);
    expect(Math.min(...bars.map((b) => b.width))).toBeGreaterThan(20);
    await expectReadable(page);
    await page.close();
  });

  it('three years of history: monthly bars, still readable', async () => {
    // The same report spread over three years: one commit every ten days.
    const start = Date.parse('2023-01-02T00:00:00Z');
    const commits: CommitReport[] = Array.from({ length: 110 }, (_, i) => {
      const source = report.commits[i % report.commits.length]!;
      return { ...source, sha: `${String(i).padStart(4, '0')}${source.sha.slice(4)}`, date: new Date(start + i * 10 * 86_400_000).toISOString() };
    });
    const long: AuditReport = { ...report, commits, families: [...new Set([...report.families, 'artifacts', 'site'])] };
    expect(granularityFor(start, start + 1090 * 86_400_000)).toBe('month');
    const page = await open(long, 'months');
    const chart = page.locator('svg#timeline-chart');
    expect(await chart.getAttribute('data-granularity')).toBe('month');
    const buckets = timeline(long).buckets;
    expect(buckets.length).toBeGreaterThan(30);
    expect(buckets.length).toBeLessThan(40);
    const total = (await chart.locator('rect.bar').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-count'))))).reduce((s, n) => s + n, 0);
    expect(total).toBe(commits.reduce((s, c) => s + c.introduced.length, 0));
    await expectReadable(page);
    await page.close();
  });

  it('a year: weekly bars', () => {
    expect(granularityFor(Date.parse('2025-01-01'), Date.parse('2025-12-31'))).toBe('week');
    expect(granularityFor(Date.parse('2025-01-01'), Date.parse('2025-02-15'))).toBe('day');
  });
});

describe('web addresses from git remotes', () => {
  it.each([
    ['git@github.com:acme/blog.git', 'https://github.com/acme/blog'],
    ['https://github.com/acme/blog.git', 'https://github.com/acme/blog'],
    ['https://token:x-oauth@github.com/acme/blog', 'https://github.com/acme/blog'],
    ['ssh://git@gitlab.example.org/team/sub/blog.git', 'https://gitlab.example.org/team/sub/blog'],
    ['/srv/git/blog.git', null],
    ['../blog', null],
  ])('%s → %s', (remote, web) => {
    expect(webUrlOf(remote)).toBe(web);
  });
});
