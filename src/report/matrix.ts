/**
 * The conformance matrix page (`reports/matrix.html`): operations x documented codes, each cell
 * coloured by verdict, with its findings (strict-profile warnings included) and links to its
 * tests in Playwright's HTML report. With several targets, one row per cell and one column per
 * target, then the cells where a target differs from the mock (or the first target). One
 * self-contained file: inline CSS, no script.
 */
import { referenceTarget, type TargetDifference, targetDifferences } from './differences.ts';
import { escapeHtml } from './html.ts';
import type { CellResult, CellVerdict, RunResults, TargetResult } from './results.ts';

const verdictLabels: Record<CellVerdict, string> = {
  passed: 'passed',
  failed: 'failed',
  not_exercised: 'not exercised',
  not_provokable: 'not provokable',
};

const styles = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem; color: #1d232a; }
h1 { font-size: 1.4rem; margin-bottom: .2rem; }
.meta { color: #55606b; margin: 0 0 1.5rem; }
table { border-collapse: collapse; margin-bottom: 2rem; }
th, td { border: 1px solid #c9d1d9; padding: .45rem .6rem; vertical-align: top; }
th { background: #f3f5f7; text-align: left; }
td.cell { min-width: 8rem; max-width: 15rem; }
.passed { background: #dcf5e1; }
.failed { background: #fbdcdc; box-shadow: inset 4px 0 #c62828; }
.not_exercised { background: #eef0f2; color: #55606b; }
.not_provokable { background: #fff1cc; }
.verdict { font-weight: 600; display: block; }
a.verdict { color: inherit; }
.fail { display: inline-block; margin: .2rem .25rem 0 0; padding: 0 .35rem; border-radius: .6rem;
  background: #c62828; color: #fff; font-size: 12px; }
.first-finding { font-size: 12px; overflow-wrap: anywhere; }
.warn { display: inline-block; margin-top: .2rem; padding: 0 .35rem; border-radius: .6rem;
  background: #ffd56b; color: #4a3500; font-size: 12px; }
details { margin-top: .25rem; font-size: 12px; }
details ul { margin: .25rem 0 0; padding-left: 1rem; }
a { color: #0b57a4; }
.differences td { font-size: 13px; }
.legend span { display: inline-block; padding: .1rem .5rem; margin-right: .4rem; border: 1px solid #c9d1d9; }
.legend span.fail, .legend span.warn { border: 0; margin: 0 .25rem 0 .6rem; }
`;

function renderCell(cell: CellResult, results: RunResults): string {
  const warnings = cell.findings.filter((finding) => finding.severity === 'warning');
  const failures = cell.findings.filter((finding) => finding.severity === 'failure');
  const links = cell.tests
    .map((id) => results.tests.find((test) => test.id === id))
    .filter((test) => test !== undefined)
    .map(
      (test) =>
        `<li><a href="${escapeHtml(test.htmlReportLink)}">${escapeHtml(test.title)}</a> (${test.outcome})</li>`,
    );
  const findingItems = [...failures, ...warnings].map(
    (finding) =>
      `<li>${finding.severity === 'failure' ? 'failure' : 'warning'} <code>${escapeHtml(finding.check)}</code> at <code>${escapeHtml(finding.location)}</code>: ${escapeHtml(finding.message)}</li>`,
  );
  const title = cell.reason ? ` title="${escapeHtml(cell.reason)}"` : '';
  // The verdict itself links to the test to look at first: a failed one, else the first.
  const cellTests = results.tests.filter((test) => cell.tests.includes(test.id));
  const lead = cellTests.find((test) => test.outcome === 'failed') ?? cellTests[0];
  const label = verdictLabels[cell.verdict];
  const first = failures[0];

  return [
    `<td class="cell ${cell.verdict}"${title}>`,
    lead
      ? `<a class="verdict" href="${escapeHtml(lead.htmlReportLink)}">${label}</a>`
      : `<span class="verdict">${label}</span>`,
    failures.length > 0
      ? `<span class="fail">${failures.length} failure${failures.length > 1 ? 's' : ''}</span>`
      : '',
    warnings.length > 0
      ? `<span class="warn">${warnings.length} strict warning${warnings.length > 1 ? 's' : ''}</span>`
      : '',
    cell.reason ? `<div>${escapeHtml(cell.reason)}</div>` : '',
    first
      ? `<div class="first-finding"><code>${escapeHtml(first.check)}</code> at <code>${escapeHtml(first.location)}</code></div>`
      : '',
    findingItems.length > 0
      ? `<details><summary>findings</summary><ul>${findingItems.join('')}</ul></details>`
      : '',
    links.length > 0
      ? `<details><summary>tests (${links.length})</summary><ul>${links.join('')}</ul></details>`
      : '',
    '</td>',
  ].join('');
}

function renderTarget(target: TargetResult, results: RunResults): string {
  const cells = results.cells.filter((cell) => cell.target === target.name);
  const operations = [...new Set(cells.map((cell) => cell.operationId))];
  const codes = [...new Set(cells.map((cell) => cell.status))].sort((a, b) => a - b);
  const header = `<tr><th>operation</th>${codes.map((code) => `<th>${code}</th>`).join('')}</tr>`;
  const rows = operations.map((operationId) => {
    const row = codes.map((code) => {
      const cell = cells.find((c) => c.operationId === operationId && c.status === code);
      return cell ? renderCell(cell, results) : '<td>-</td>';
    });
    return `<tr><th><code>${escapeHtml(operationId)}</code></th>${row.join('')}</tr>`;
  });
  const where = target.baseUrl ? ` at ${escapeHtml(target.baseUrl)}` : '';

  return `<h2>${escapeHtml(target.name)} (${target.kind})${where}</h2>
<table>${header}${rows.join('\n')}</table>`;
}

function targetHeading(target: TargetResult): string {
  const where = target.baseUrl ? `<br><small>${escapeHtml(target.baseUrl)}</small>` : '';

  return `<th>${escapeHtml(target.name)} (${target.kind})${where}</th>`;
}

/** Several targets: one row per documented cell, the targets side by side. */
function renderSideBySide(results: RunResults): string {
  const { targets } = results;
  const first = targets[0]?.name;
  const rows = results.cells
    .filter((cell) => cell.target === first)
    .map((row) => {
      const columns = targets.map((target) => {
        const cell = results.cells.find(
          (c) =>
            c.target === target.name &&
            c.operationId === row.operationId &&
            c.status === row.status,
        );
        return cell ? renderCell(cell, results) : '<td>-</td>';
      });
      return `<tr><th><code>${escapeHtml(row.operationId)}</code></th><th>${row.status}</th>${columns.join('')}</tr>`;
    });

  return `<h2>Targets side by side</h2>
<table><tr><th>operation</th><th>status</th>${targets.map(targetHeading).join('')}</tr>
${rows.join('\n')}</table>`;
}

function renderDifference(difference: TargetDifference): string {
  const { reference, other } = difference;
  const list = (keys: string[]) =>
    keys.length > 0 ? keys.map((key) => `<code>${escapeHtml(key)}</code>`).join('<br>') : '-';

  return `<tr><td><code>${escapeHtml(difference.operationId)}</code> ${difference.status}</td><td>${escapeHtml(other.target)}</td><td class="${reference.verdict}">${verdictLabels[reference.verdict]}</td><td class="${other.verdict}">${verdictLabels[other.verdict]}</td><td>${list(difference.onlyOnReference)}</td><td>${list(difference.onlyOnOther)}</td></tr>`;
}

/** The cells whose verdict or findings differ between the reference target and another. */
function renderDifferences(results: RunResults): string {
  const reference = referenceTarget(results);
  if (!reference) return '';
  const differences = targetDifferences(results);
  const title =
    reference.kind === 'mock'
      ? 'Differences: mock versus live'
      : `Differences from ${escapeHtml(reference.name)}`;
  if (differences.length === 0) {
    return `<h2>${title}</h2>
<p class="differences-none">None: every cell has the same verdict and findings on every target.</p>`;
  }
  const name = escapeHtml(reference.name);

  return `<h2>${title}</h2>
<p>${differences.length} cell${differences.length > 1 ? 's' : ''} where a target's verdict or findings differ from ${name}'s.</p>
<table class="differences"><tr><th>cell</th><th>target</th><th>${name}</th><th>target's verdict</th><th>findings only on ${name}</th><th>findings only on the target</th></tr>
${differences.map(renderDifference).join('\n')}</table>`;
}

/** Renders the whole page from a results file. */
export function renderMatrix(results: RunResults): string {
  const { run, summary } = results;
  const counts = Object.entries(summary.cells)
    .map(([verdict, n]) => `${n} ${verdictLabels[verdict as CellVerdict]}`)
    .join(', ');
  const legend = Object.entries(verdictLabels)
    .map(([verdict, label]) => `<span class="${verdict}">${label}</span>`)
    .join('');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Conformance matrix: ${escapeHtml(run.spec.title)}</title>
<style>${styles}</style>
</head>
<body>
<h1>Conformance matrix</h1>
<p class="meta">${escapeHtml(run.spec.title)} ${escapeHtml(run.spec.version)} &middot; ${escapeHtml(run.tool.name)} ${escapeHtml(run.tool.version)} &middot; started ${escapeHtml(run.startedAt)} &middot; ${Math.round(run.durationMs / 1000)} s &middot; seed ${run.seed} &middot; strict profile ${run.strictProfile ? 'on' : 'off'}${run.warningsAsFailures ? ' (warnings fail)' : ''}${run.filtered ? ' &middot; filtered run' : ''}</p>
<p>${counts}; ${summary.findings.failure} failure findings, ${summary.findings.warning} warnings.</p>
<p class="legend">${legend}<span class="fail">failures</span> fail the cell<span class="warn">strict warnings</span> strict-profile findings, ${run.warningsAsFailures ? 'counted as failures in this run' : 'reported only'}</p>
${
  results.targets.length > 1
    ? `${renderSideBySide(results)}\n${renderDifferences(results)}`
    : results.targets.map((target) => renderTarget(target, results)).join('\n')
}
${results.harnessErrors.length > 0 ? `<h2>Harness errors</h2><ul>${results.harnessErrors.map((e) => `<li><code>${e.code}</code> ${escapeHtml(e.message)}</li>`).join('')}</ul>` : ''}
</body>
</html>
`;
}
