import type { AuditReport, OpenPost } from './replay.js';

/**
 * The audit as one static, self-contained HTML page a maintainer acts on: what to fix next (the open
 * defects per post, worst first, each linked to its line), a stacked bar chart (inline SVG) of defects
 * introduced over time whose bars are days, weeks or months so a range of a week and one of years both
 * read, totals per rule and author, and the commits that introduced or fixed defects, linked to the
 * repository's web pages when it has a remote. No script, no external resource: it opens from disk or as
 * a CI artifact.
 */
const COLORS: Record<string, string> = {
  'front-matter': '#4e79a7',
  duplication: '#e15759',
  truncation: '#f28e2b',
  claims: '#59a14f',
  artifacts: '#b07aa1',
  site: '#9c755f',
};
const FALLBACK = ['#76b7b2', '#edc948', '#ff9da7', '#bab0ac'];

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function colorOf(family: string, i: number): string {
  return COLORS[family] ?? FALLBACK[i % FALLBACK.length]!;
}

function hours(h: number | null): string {
  if (h === null) return '–';
  return h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} d`;
}

/** Links into the repository's web pages (GitHub's URL scheme; Gitea and Forgejo share it), when it has a remote. */
function links(report: AuditReport) {
  const web = report.webUrl;
  const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');
  return {
    commit: (sha: string, text = sha.slice(0, 8)) =>
      web ? `<a class="commit" href="${escapeHtml(`${web}/commit/${sha}`)}"><code>${escapeHtml(text)}</code></a>` : `<code>${escapeHtml(text)}</code>`,
    post: (path: string, line?: number, text = path) =>
      web && report.head
        ? `<a class="post" href="${escapeHtml(`${web}/blob/${report.head}/${encodePath(path)}${line ? `#L${line}` : ''}`)}">${escapeHtml(text)}</a>`
        : escapeHtml(text),
  };
}

export type Granularity = 'day' | 'week' | 'month';

const DAY = 86_400_000;

/** Days for a range up to two months, weeks up to two years, months beyond: at most ~100 bars, never one. */
export function granularityFor(firstMs: number, lastMs: number): Granularity {
  const days = (lastMs - firstMs) / DAY;
  return days <= 62 ? 'day' : days <= 730 ? 'week' : 'month';
}

/** The bucket (UTC) a date falls in: `YYYY-MM-DD` for a day or the Monday of its week, `YYYY-MM` for a month. */
export function bucketOf(ms: number, granularity: Granularity): string {
  const d = new Date(ms);
  if (granularity === 'month') return d.toISOString().slice(0, 7);
  if (granularity === 'day') return d.toISOString().slice(0, 10);
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return new Date(monday).toISOString().slice(0, 10);
}

function nextBucket(bucket: string, granularity: Granularity): string {
  if (granularity === 'month') {
    const [y, m] = bucket.split('-').map(Number) as [number, number];
    return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
  }
  return new Date(Date.parse(bucket) + (granularity === 'day' ? 1 : 7) * DAY).toISOString().slice(0, 10);
}

export interface Timeline {
  granularity: Granularity;
  buckets: { bucket: string; byFamily: Record<string, number> }[];
}

/** Defects introduced per bucket and family, every bucket from the first commit to the last (empty ones too). */
export function timeline(report: AuditReport): Timeline {
  const times = report.commits.map((c) => Date.parse(c.date)).filter((t) => !Number.isNaN(t));
  if (times.length === 0) return { granularity: 'day', buckets: [] };
  const first = Math.min(...times);
  const last = Math.max(...times);
  const granularity = granularityFor(first, last);
  const counts = new Map<string, Record<string, number>>();
  for (const c of report.commits) {
    if (c.introduced.length === 0) continue;
    const key = bucketOf(Date.parse(c.date), granularity);
    const byFamily = counts.get(key) ?? {};
    for (const d of c.introduced) byFamily[d.category] = (byFamily[d.category] ?? 0) + 1;
    counts.set(key, byFamily);
  }
  const buckets: Timeline['buckets'] = [];
  const end = bucketOf(last, granularity);
  for (let b = bucketOf(first, granularity); b <= end; b = nextBucket(b, granularity)) buckets.push({ bucket: b, byFamily: counts.get(b) ?? {} });
  return { granularity, buckets };
}

/** 1, 2 or 5 × 10^k: the step of at most `ticks` gridlines that covers `max`. */
function niceStep(max: number, ticks: number): number {
  const raw = Math.max(1, max / ticks);
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function label(bucket: string, granularity: Granularity, withYear: boolean): string {
  const [y, m, d] = bucket.split('-');
  if (granularity === 'month') return `${MONTHS[Number(m) - 1]} ${y}`;
  return `${withYear ? `${y}-` : ''}${m}-${d}`;
}

const UNIT: Record<Granularity, string> = { day: 'day', week: 'week', month: 'month' };

export function timelineChart(report: AuditReport): string {
  const { granularity, buckets } = timeline(report);
  const families = report.families;
  const width = 880;
  const left = 48;
  const right = 8;
  const top = 16;
  const plotH = 240;
  const axisH = 36;
  const plotW = width - left - right;
  const totals = buckets.map((b) => Object.values(b.byFamily).reduce((a, n) => a + n, 0));
  const step = niceStep(Math.max(1, ...totals), 5);
  const yMax = Math.max(step, Math.ceil(Math.max(1, ...totals) / step) * step);
  const slot = buckets.length ? plotW / buckets.length : plotW;
  const barW = Math.max(1, Math.min(48, slot * 0.8));
  const y = (v: number) => top + plotH - (plotH * v) / yMax;

  // The legend wraps onto as many rows as its names need.
  const legend: string[] = [];
  let lx = left;
  let row = 0;
  families.forEach((family, f) => {
    const w = 22 + family.length * 7.5 + 18;
    if (lx + w > width && lx > left) {
      lx = left;
      row++;
    }
    const ly = top + plotH + axisH + row * 20;
    legend.push(`<g class="legend-item"><rect x="${lx}" y="${ly}" width="12" height="12" fill="${colorOf(family, f)}"/><text class="legend" x="${lx + 18}" y="${ly + 10}" font-size="12">${escapeHtml(family)}</text></g>`);
    lx += w;
  });
  const height = top + plotH + axisH + (row + 1) * 20 + 4;

  const parts: string[] = [];
  parts.push(
    `<svg id="timeline-chart" data-granularity="${granularity}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="Defects introduced per ${UNIT[granularity]} and family">`,
  );
  for (let v = 0; v <= yMax; v += step) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="${v === 0 ? '#999' : '#e5e5e5'}"/>`);
    parts.push(`<text class="y-label" x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" font-size="11" text-anchor="end">${v}</text>`);
  }
  // At most one label per ~64 px, so they never overlap whatever the number of bars.
  const every = Math.max(1, Math.ceil(buckets.length / Math.floor(plotW / 64)));
  let lastYear = '';
  buckets.forEach((b, i) => {
    const x = left + i * slot + (slot - barW) / 2;
    let stack = 0;
    families.forEach((family, f) => {
      const count = b.byFamily[family] ?? 0;
      if (count === 0) return;
      const y1 = y(stack + count);
      const h = y(stack) - y1;
      stack += count;
      parts.push(
        `<rect class="bar" data-bucket="${b.bucket}" data-family="${escapeHtml(family)}" data-count="${count}" x="${x.toFixed(1)}" y="${y1.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${colorOf(family, f)}"><title>${b.bucket} ${escapeHtml(family)}: ${count}</title></rect>`,
      );
    });
    if (i % every === 0) {
      const year = b.bucket.slice(0, 4);
      parts.push(
        `<text class="x-label" x="${(left + i * slot + slot / 2).toFixed(1)}" y="${top + plotH + 16}" font-size="11" text-anchor="middle">${escapeHtml(label(b.bucket, granularity, year !== lastYear))}</text>`,
      );
      lastYear = year;
    }
  });
  parts.push(...legend);
  parts.push('</svg>');
  return parts.join('\n');
}

/** The open defects per post, worst first: what to fix next. */
function openPostsTable(report: AuditReport, maxPosts: number): string {
  const link = links(report);
  const posts = report.openByPost.slice(0, maxPosts);
  const rows = posts.map((p: OpenPost, i) => {
    const rules = [...new Set(p.defects.map((d) => d.rule))];
    const defects = p.defects
      .map(
        (d) =>
          `<li class="defect ${d.severity}"><span class="sev">${d.severity}</span> ${link.post(p.path, d.line, `line ${d.line}`)} <code>${escapeHtml(d.rule)}</code> ${escapeHtml(d.message)}${d.introducedBy ? ` <span class="meta">since ${link.commit(d.introducedBy)}</span>` : ''}</li>`,
      )
      .join('');
    return `<tr data-path="${escapeHtml(p.path)}" data-errors="${p.errors}" data-warnings="${p.warnings}" data-infos="${p.infos}"><td class="n">${i + 1}</td><td>${link.post(p.path)}<details><summary>${p.defects.length} open: ${escapeHtml(rules.slice(0, 4).join(', '))}${rules.length > 4 ? ', …' : ''}</summary><ul>${defects}</ul></details></td><td class="n err">${p.errors}</td><td class="n warn">${p.warnings}</td><td class="n">${p.infos}</td></tr>`;
  });
  const more = report.openByPost.length > posts.length ? `<p class="meta">The ${posts.length} worst of ${report.openByPost.length} posts with open defects.</p>` : '';
  if (rows.length === 0) return '<p id="open-posts-empty">No open defect at the head.</p>';
  return `${more}<table id="open-posts"><thead><tr><th class="n">#</th><th>post (open defects: worst first)</th><th class="n">errors</th><th class="n">warnings</th><th class="n">info</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`;
}

export function renderHtml(report: AuditReport, maxCommitRows = 300, maxOpenPosts = 100): string {
  const t = report.totals;
  const link = links(report);
  const { granularity } = timeline(report);
  const rows = report.commits.filter((c) => c.introduced.length > 0 || c.fixed.length > 0);
  const shown = rows.slice(-maxCommitRows).reverse();
  const ruleRows = t.byRule
    .map(
      (r) =>
        `<tr data-rule="${escapeHtml(r.rule)}"><td>${escapeHtml(r.rule)}</td><td>${escapeHtml(r.category)}</td><td class="n introduced">${r.introduced}</td><td class="n fixed">${r.fixed}</td><td class="n open">${r.open}</td><td class="n">${r.removedWithPost}</td><td class="n">${hours(r.medianHoursToFix)}</td></tr>`,
    )
    .join('\n');
  const authorRows = t.byAuthor
    .map((a) => `<tr><td>${escapeHtml(a.author)}</td><td class="n">${a.commits}</td><td class="n">${a.introduced}</td><td class="n">${a.fixed}</td></tr>`)
    .join('\n');
  const commitRows = shown
    .map((c) => {
      const rules = [...new Set(c.introduced.map((d) => d.rule))].slice(0, 6).map(escapeHtml).join(', ');
      const fixedTimes = c.fixed.map((f) => f.hoursToFix).filter((h): h is number => h !== null);
      const ttf = fixedTimes.length ? hours(fixedTimes.reduce((a, b) => a + b, 0) / fixedTimes.length) : '–';
      return `<tr data-sha="${c.sha}"><td>${link.commit(c.sha)}</td><td>${escapeHtml(c.date.slice(0, 16).replace('T', ' '))}</td><td>${escapeHtml(c.author)}</td><td>${escapeHtml(c.subject.slice(0, 80))}</td><td class="n">${c.postsChecked}</td><td class="n">${c.introduced.length}</td><td>${rules}</td><td class="n">${c.fixed.length}</td><td class="n">${ttf}</td></tr>`;
    })
    .join('\n');
  const repoName = report.webUrl ? `<a href="${escapeHtml(report.webUrl)}">${escapeHtml(report.webUrl.replace(/^https:\/\//, ''))}</a>` : escapeHtml(report.repo);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>editorial-review history audit</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
a{color:#0b5cad}.meta{color:#666}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:120px}.card b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}tfoot td{font-weight:bold;border-top:2px solid #ccc}
td.err{color:#b00020;font-weight:bold}td.warn{color:#8a5a00}
details summary{cursor:pointer;color:#555}details ul{margin:4px 0 6px;padding-left:18px}
li.defect{margin:2px 0}.sev{display:inline-block;min-width:52px;font-size:12px;color:#fff;border-radius:3px;padding:0 4px;text-align:center}
li.error .sev{background:#b00020}li.warning .sev{background:#b7791f}li.info .sev{background:#5a7fa6}
svg#timeline-chart{max-width:100%;height:auto}
</style></head>
<body>
<h1>History audit</h1>
<p class="meta">${repoName} · ${t.commits} commits${report.since ? ` since ${escapeHtml(report.since)}` : ''} · head ${report.head ? link.commit(report.head) : '–'} · ${(report.durationMs / 1000).toFixed(1)} s</p>
<div class="cards" id="totals-cards">
<div class="card">introduced<b id="total-introduced">${t.introduced}</b></div>
<div class="card">fixed<b id="total-fixed">${t.fixed}</b></div>
<div class="card">still open<b id="total-open">${t.open}</b></div>
<div class="card">removed with post<b id="total-removed">${t.removedWithPost}</b></div>
<div class="card">median time to fix<b id="median-ttf">${hours(t.medianHoursToFix)}</b></div>
<div class="card">posts checked<b>${t.postsChecked}</b></div>
</div>
${report.baseline ? `<p class="meta">${report.baselineDefects} defects already present at the baseline ${link.commit(report.baseline)} are not attributed.</p>` : ''}
<h2>What to fix next: open defects per post, worst first</h2>
${openPostsTable(report, maxOpenPosts)}
<h2>Defects introduced per ${UNIT[granularity]}, by family</h2>
${timelineChart(report)}
<h2>Totals per rule</h2>
<table id="totals"><thead><tr><th>rule</th><th>family</th><th class="n">introduced</th><th class="n">fixed</th><th class="n">open</th><th class="n">removed</th><th class="n">median time to fix</th></tr></thead>
<tbody>
${ruleRows}
</tbody>
<tfoot><tr><td>total</td><td></td><td class="n" id="sum-introduced">${t.introduced}</td><td class="n">${t.fixed}</td><td class="n">${t.open}</td><td class="n">${t.removedWithPost}</td><td class="n">${hours(t.medianHoursToFix)}</td></tr></tfoot></table>
<h2>By author</h2>
<table id="authors"><thead><tr><th>author</th><th class="n">commits</th><th class="n">introduced</th><th class="n">fixed</th></tr></thead><tbody>
${authorRows}
</tbody></table>
<h2>Commits that introduced or fixed defects${rows.length > shown.length ? ` (latest ${shown.length} of ${rows.length})` : ''}</h2>
<table id="commits"><thead><tr><th>commit</th><th>date</th><th>author</th><th>subject</th><th class="n">posts</th><th class="n">introduced</th><th>rules</th><th class="n">fixed</th><th class="n">mean time to fix</th></tr></thead><tbody>
${commitRows}
</tbody></table>
</body></html>
`;
}
