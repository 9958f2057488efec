import type { AuditReport } from './replay.js';

/**
 * The audit as one static, self-contained HTML page: totals, a stacked bar chart (inline SVG) of defects
 * introduced per week and family, totals per rule and author, and the commits that introduced or fixed
 * defects. No script, no external resource: it opens from disk or as a CI artifact.
 */
const COLORS: Record<string, string> = {
  'front-matter': '#4e79a7',
  duplication: '#e15759',
  truncation: '#f28e2b',
  claims: '#59a14f',
};
const FALLBACK = ['#76b7b2', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

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

export function weeklyChart(report: AuditReport): string {
  const weeks = report.weekly;
  const families = report.families;
  const width = 880;
  const height = 300;
  const left = 48;
  const bottom = 40;
  const top = 16;
  const plotH = height - bottom - top;
  const max = Math.max(1, ...weeks.map((w) => Object.values(w.byFamily).reduce((a, b) => a + b, 0)));
  const barW = weeks.length ? Math.max(2, Math.floor((width - left - 8) / weeks.length) - 2) : 0;
  const parts: string[] = [];
  parts.push(
    `<svg id="weekly-chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height + 24}" viewBox="0 0 ${width} ${height + 24}" role="img" aria-label="Defects introduced per week and family">`,
  );
  for (let i = 0; i <= 4; i++) {
    const v = Math.round((max * i) / 4);
    const y = top + plotH - (plotH * v) / max;
    parts.push(`<line x1="${left}" x2="${width}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 6}" y="${(y + 4).toFixed(1)}" font-size="11" text-anchor="end">${v}</text>`);
  }
  weeks.forEach((w, i) => {
    const x = left + 4 + i * (barW + 2);
    let y = top + plotH;
    families.forEach((family, f) => {
      const count = w.byFamily[family] ?? 0;
      if (count === 0) return;
      const h = (plotH * count) / max;
      y -= h;
      parts.push(
        `<rect class="bar" data-week="${w.week}" data-family="${escapeHtml(family)}" data-count="${count}" x="${x}" y="${y.toFixed(1)}" width="${barW}" height="${h.toFixed(1)}" fill="${colorOf(family, f)}"><title>${w.week} ${escapeHtml(family)}: ${count}</title></rect>`,
      );
    });
    if (weeks.length <= 20 || i % Math.ceil(weeks.length / 12) === 0) {
      parts.push(`<text x="${x + barW / 2}" y="${top + plotH + 14}" font-size="10" text-anchor="middle">${w.week.slice(5)}</text>`);
    }
  });
  families.forEach((family, f) => {
    const x = left + f * 150;
    parts.push(`<rect x="${x}" y="${height + 4}" width="12" height="12" fill="${colorOf(family, f)}"/>`);
    parts.push(`<text class="legend" x="${x + 16}" y="${height + 14}" font-size="12">${escapeHtml(family)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export function renderHtml(report: AuditReport, maxCommitRows = 300): string {
  const t = report.totals;
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
      return `<tr><td><code>${c.sha.slice(0, 8)}</code></td><td>${escapeHtml(c.date.slice(0, 16).replace('T', ' '))}</td><td>${escapeHtml(c.author)}</td><td>${escapeHtml(c.subject.slice(0, 80))}</td><td class="n">${c.postsChecked}</td><td class="n">${c.introduced.length}</td><td>${rules}</td><td class="n">${c.fixed.length}</td><td class="n">${ttf}</td></tr>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>editorial-review history audit</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#222;max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#666}.cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{border:1px solid #ddd;border-radius:6px;padding:10px 14px;min-width:120px}.card b{display:block;font-size:22px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:4px 6px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}tfoot td{font-weight:bold;border-top:2px solid #ccc}
</style></head>
<body>
<h1>History audit</h1>
<p class="meta">${escapeHtml(report.repo)} · ${t.commits} commits${report.since ? ` since ${escapeHtml(report.since)}` : ''} · head <code>${report.head ? report.head.slice(0, 8) : '–'}</code> · ${(report.durationMs / 1000).toFixed(1)} s</p>
<div class="cards" id="totals-cards">
<div class="card">introduced<b id="total-introduced">${t.introduced}</b></div>
<div class="card">fixed<b id="total-fixed">${t.fixed}</b></div>
<div class="card">still open<b id="total-open">${t.open}</b></div>
<div class="card">removed with post<b id="total-removed">${t.removedWithPost}</b></div>
<div class="card">median time to fix<b id="median-ttf">${hours(t.medianHoursToFix)}</b></div>
<div class="card">posts checked<b>${t.postsChecked}</b></div>
</div>
${report.baseline ? `<p class="meta">${report.baselineDefects} defects already present at the baseline <code>${report.baseline.slice(0, 8)}</code> are not attributed.</p>` : ''}
<h2>Defects introduced per week, by family</h2>
${weeklyChart(report)}
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
