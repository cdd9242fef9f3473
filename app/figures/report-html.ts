/**
 * `report.html` of a dataset: one self-contained page (figures inline as SVG, styles inline, no script, no
 * external file) with the preset summary and the drift, template and trace figures.
 */
import { esc } from './svg.ts';

export interface ReportFigure { title: string; caption: string; svg: string }

export interface ReportContent {
  name: string;
  path: string;
  generatedAt: string;
  appVersion: string;
  /** rows of the summary table */
  summary: [string, string][];
  preset: unknown;
  figures: ReportFigure[];
  warnings: string[];
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#111827}
h1{font-size:22px}h2{font-size:17px;margin-top:28px}table{border-collapse:collapse}td{padding:2px 12px 2px 0;vertical-align:top}
td:first-child{color:#475569}figure{margin:12px 0}figcaption{color:#475569;font-size:13px}pre{background:#f8fafc;padding:8px;overflow:auto;font-size:12px}
.warn{color:#b45309}svg{max-width:100%;height:auto}`;

export function reportHtml(r: ReportContent): string {
  const rows = r.summary.map(([k, v]) => `<tr><td>${esc(k)}</td><td>${esc(v)}</td></tr>`).join('');
  const figures = r.figures.map((f) => `<section><h2>${esc(f.title)}</h2><figure>${f.svg}<figcaption>${esc(f.caption)}</figcaption></figure></section>`).join('\n');
  const warnings = r.warnings.length ? `<ul class="warn">${r.warnings.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(r.name)} — Spikegen Studio report</title><style>${STYLE}</style></head>
<body>
<h1>${esc(r.name)}</h1>
<p>Dataset report written by Spikegen Studio ${esc(r.appVersion)} on ${esc(r.generatedAt)}.<br><code>${esc(r.path)}</code></p>
<h2>Summary</h2><table>${rows}</table>${warnings}
${figures}
<h2>Preset</h2><details><summary>preset.json</summary><pre>${esc(JSON.stringify(r.preset, null, 2))}</pre></details>
</body></html>
`;
}
