/**
 * How a comparison reads: plain text for the terminal (no colours, one change per line, the
 * same order every time) and a self-contained HTML page (inline CSS, no script).
 */
import type { Change, ChangeKind, Comparison, RunLabel, TargetComparison } from './compare.ts';
import { escapeHtml } from './html.ts';

const kindLabels: Record<ChangeKind, string> = {
  target: 'target',
  cell: 'cell',
  finding: 'finding',
  undocumented_status: 'status',
  undocumented_media_type: 'media type',
  warning: 'warning',
  latency: 'latency',
};

const kindWidth = Math.max(...Object.values(kindLabels).map((label) => label.length));

/** The file names the report shows. */
export interface ComparedFiles {
  baseline: string;
  current: string;
}

function describeRun(label: RunLabel): string {
  const filtered = label.filtered ? ', filtered' : '';
  return `started ${label.startedAt}, tool ${label.toolVersion}, spec ${label.specVersion}, ${label.cells} cells${filtered}`;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** The verdict line: what the exit code says, in words. */
export function summaryLine(comparison: Comparison): string {
  const verdict = comparison.regressions > 0 ? 'REGRESSED' : 'no regression';
  return `${verdict}: ${plural(comparison.regressions, 'regression')}, ${plural(comparison.improvements, 'improvement')}`;
}

function textLines(heading: string, changes: Change[]): string[] {
  if (changes.length === 0) return [];

  return [
    `  ${heading} (${changes.length})`,
    ...changes.map(
      (change) =>
        `    ${kindLabels[change.kind].padEnd(kindWidth)}  ${change.subject}: ${change.detail}`,
    ),
  ];
}

function targetText(target: TargetComparison): string[] {
  const lines = [`target ${target.name}`];
  const body = [
    ...textLines('regressed', target.regressed),
    ...textLines('improved', target.improved),
    ...textLines('other changes', target.info),
  ];

  return [...lines, ...(body.length > 0 ? body : ['  no change'])];
}

/** The terminal report. */
export function renderComparisonText(comparison: Comparison, files: ComparedFiles): string {
  const { latencyFactor, latencyFloorMs } = comparison.options;
  const lines = [
    `baseline ${files.baseline} (${describeRun(comparison.baseline)})`,
    `current  ${files.current} (${describeRun(comparison.current)})`,
    `latency  p95 regresses when more than ${latencyFactor}x slower and at least ${latencyFloorMs} ms slower`,
    ...comparison.notes.map((note) => `note     ${note}`),
    '',
    ...comparison.targets.flatMap((target) => [...targetText(target), '']),
    summaryLine(comparison),
  ];

  return `${lines.join('\n')}\n`;
}

const styles = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1d232a; }
h1 { font-size: 1.4rem; margin-bottom: .2rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .4rem; }
h3 { font-size: .95rem; margin: .8rem 0 .3rem; }
.meta, .none { color: #55606b; }
.verdict { font-weight: 600; padding: .3rem .6rem; display: inline-block; }
.bad { background: #fbdcdc; }
.good { background: #dcf5e1; }
table { border-collapse: collapse; margin-bottom: .5rem; }
th, td { border: 1px solid #c9d1d9; padding: .35rem .6rem; vertical-align: top; text-align: left; }
th { background: #f3f5f7; }
tr.regressed td:first-child { border-left: 4px solid #c62828; }
tr.improved td:first-child { border-left: 4px solid #2e7d32; }
tr.info td:first-child { border-left: 4px solid #9aa5b1; }
code { font-size: 13px; }
`;

function htmlTable(heading: string, direction: Change['direction'], changes: Change[]): string {
  if (changes.length === 0) return '';
  const rows = changes
    .map(
      (change) =>
        `<tr class="${direction}"><td>${escapeHtml(kindLabels[change.kind])}</td><td><code>${escapeHtml(change.subject)}</code></td><td>${escapeHtml(change.detail)}</td></tr>`,
    )
    .join('\n');

  return `<h3>${escapeHtml(heading)} (${changes.length})</h3>
<table><thead><tr><th>kind</th><th>what</th><th>change</th></tr></thead>
<tbody>
${rows}
</tbody></table>`;
}

function targetHtml(target: TargetComparison): string {
  const tables = [
    htmlTable('Regressed', 'regressed', target.regressed),
    htmlTable('Improved', 'improved', target.improved),
    htmlTable('Other changes', 'info', target.info),
  ].filter((table) => table !== '');
  const body = tables.length > 0 ? tables.join('\n') : '<p class="none">No change.</p>';

  return `<section><h2>Target ${escapeHtml(target.name)}</h2>\n${body}\n</section>`;
}

/** The HTML page. */
export function renderComparisonHtml(comparison: Comparison, files: ComparedFiles): string {
  const { latencyFactor, latencyFloorMs } = comparison.options;
  const notes = comparison.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('');
  const verdictClass = comparison.regressions > 0 ? 'bad' : 'good';

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Run comparison</title>
<style>${styles}</style>
</head>
<body>
<h1>Run comparison</h1>
<p class="meta">Baseline <code>${escapeHtml(files.baseline)}</code> (${escapeHtml(describeRun(comparison.baseline))})<br>
Current <code>${escapeHtml(files.current)}</code> (${escapeHtml(describeRun(comparison.current))})<br>
p95 latency regresses when more than ${latencyFactor}x slower and at least ${latencyFloorMs} ms slower.</p>
${notes ? `<ul class="meta">${notes}</ul>` : ''}
<p class="verdict ${verdictClass}">${escapeHtml(summaryLine(comparison))}</p>
${comparison.targets.map(targetHtml).join('\n')}
</body>
</html>
`;
}
