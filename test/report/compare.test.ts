/**
 * The comparison rules, case by case on small hand-built results files: each kind of regression
 * fires, and its look-alike stays quiet.
 */
import { expect, test } from '@playwright/test';
import { type Change, type CompareOptions, compareResults } from '../../src/report/compare.ts';
import { renderComparisonHtml, renderComparisonText } from '../../src/report/compare-render.ts';
import type { RunResults } from '../../src/report/results.ts';
import { resultsFileProblems } from '../../src/report/validate-results.ts';
import { cell, finding, latency, results } from './compare-support.ts';

interface Case {
  id: string;
  given: { baseline: RunResults; current: RunResults; options?: CompareOptions };
  /** Changes as `kind subject`, sorted as the report sorts them. */
  want: { regressed?: string[]; improved?: string[]; info?: string[] };
}

const kba = 'sendKbaAnswers 200';
const bodyFinding = finding({
  check: 'body_conforms',
  operation: 'sendKbaAnswers',
  status: 200,
  location: '/status',
});
const warning = finding({
  check: 'keys_documented',
  severity: 'warning',
  profile: 'strict',
  operation: 'sendKbaAnswers',
  status: 200,
  location: '/extra',
});
const undocumented418 = finding({
  check: 'status_documented',
  operation: 'sendKbaAnswers',
  status: 418,
  location: 'status',
  received: '418',
});
const mediaType = (received: string) =>
  finding({
    check: 'content_type_documented',
    operation: 'sendKbaAnswers',
    status: 200,
    location: 'header:content-type',
    received,
    message: `media type "${received}" is not documented for 200`,
  });
const latencyCase = (id: string, before: number, after: number, want: Case['want']): Case => ({
  id,
  given: {
    baseline: results([cell(kba, 'passed')], { latency: [latency('sendKbaAnswers', before)] }),
    current: results([cell(kba, 'passed')], { latency: [latency('sendKbaAnswers', after)] }),
  },
  want,
});

const cases: Case[] = [
  // Cells.
  {
    id: 'a cell that passed and now fails regresses',
    given: { baseline: results([cell(kba, 'passed')]), current: results([cell(kba, 'failed')]) },
    want: { regressed: [`cell ${kba}`] },
  },
  {
    id: 'a cell that passed and is no longer exercised regresses',
    given: {
      baseline: results([cell(kba, 'passed')]),
      current: results([cell(kba, 'not_exercised')]),
    },
    want: { regressed: [`cell ${kba}`] },
  },
  {
    id: 'a cell that passed and is now not provokable regresses',
    given: {
      baseline: results([cell(kba, 'passed')]),
      current: results([cell(kba, 'not_provokable')]),
    },
    want: { regressed: [`cell ${kba}`] },
  },
  {
    id: 'a cell that was not exercised and now fails regresses',
    given: {
      baseline: results([cell(kba, 'not_exercised')]),
      current: results([cell(kba, 'failed')]),
    },
    want: { regressed: [`cell ${kba}`] },
  },
  {
    id: 'a cell that failed and still fails is no change',
    given: { baseline: results([cell(kba, 'failed')]), current: results([cell(kba, 'failed')]) },
    want: {},
  },
  {
    id: 'a cell that failed and now passes improves',
    given: { baseline: results([cell(kba, 'failed')]), current: results([cell(kba, 'passed')]) },
    want: { improved: [`cell ${kba}`] },
  },
  {
    id: 'a cell that was not exercised and now passes improves',
    given: {
      baseline: results([cell(kba, 'not_exercised')]),
      current: results([cell(kba, 'passed')]),
    },
    want: { improved: [`cell ${kba}`] },
  },
  {
    id: 'a cell that failed and is now not exercised is only listed',
    given: {
      baseline: results([cell(kba, 'failed')]),
      current: results([cell(kba, 'not_exercised')]),
    },
    want: { info: [`cell ${kba}`] },
  },
  {
    id: 'reordering cells changes nothing',
    given: {
      baseline: results([cell(kba, 'passed'), cell('sendKbaAnswers 400', 'failed')]),
      current: results([cell('sendKbaAnswers 400', 'failed'), cell(kba, 'passed')]),
    },
    want: {},
  },
  {
    id: 'a cell in one file only is listed, not a regression',
    given: {
      baseline: results([cell(kba, 'passed'), cell('sendKbaAnswers 401', 'passed')]),
      current: results([cell(kba, 'passed'), cell('sendKbaAnswers 403', 'passed')]),
    },
    want: { info: ['cell sendKbaAnswers 401', 'cell sendKbaAnswers 403'] },
  },
  // Findings.
  {
    id: 'a new failure finding regresses',
    given: {
      baseline: results([cell(kba, 'passed')]),
      current: results([cell(kba, 'passed', [bodyFinding])]),
    },
    want: { regressed: ['finding body_conforms sendKbaAnswers 200 /status'] },
  },
  {
    id: 'the same finding with other text, received value and test is not new',
    given: {
      baseline: results([cell(kba, 'failed', [bodyFinding])]),
      current: results([
        cell(kba, 'failed', [
          { ...bodyFinding, message: 'worded otherwise', received: '"x"', testId: 'test-9' },
        ]),
      ]),
    },
    want: {},
  },
  {
    id: 'the same check at another location is a new finding',
    given: {
      baseline: results([cell(kba, 'failed', [bodyFinding])]),
      current: results([cell(kba, 'failed', [bodyFinding, { ...bodyFinding, location: '/id' }])]),
    },
    want: { regressed: ['finding body_conforms sendKbaAnswers 200 /id'] },
  },
  {
    id: 'a finding gone from an exercised cell improves',
    given: {
      baseline: results([cell(kba, 'failed', [bodyFinding])]),
      current: results([cell(kba, 'passed')]),
    },
    want: {
      improved: [`cell ${kba}`, 'finding body_conforms sendKbaAnswers 200 /status'],
    },
  },
  {
    id: 'a finding not seen because its cell was not exercised is only listed',
    given: {
      baseline: results([cell(kba, 'failed', [bodyFinding])]),
      current: results([cell(kba, 'not_exercised')]),
    },
    want: { info: [`cell ${kba}`, 'finding body_conforms sendKbaAnswers 200 /status'] },
  },
  {
    id: 'a warning that became a failure regresses',
    given: {
      baseline: results([cell(kba, 'passed', [warning])]),
      current: results([cell(kba, 'failed', [{ ...warning, severity: 'failure' }])]),
    },
    want: { regressed: [`cell ${kba}`, 'finding keys_documented sendKbaAnswers 200 /extra'] },
  },
  // Undocumented status codes and media types.
  {
    id: 'a new undocumented status code regresses',
    given: {
      baseline: results([cell(kba, 'failed', [bodyFinding])]),
      current: results([cell(kba, 'failed', [bodyFinding, undocumented418])]),
    },
    want: { regressed: ['undocumented_status sendKbaAnswers 418 (undocumented status)'] },
  },
  {
    id: 'the same undocumented status code with another message is not new',
    given: {
      baseline: results([cell(kba, 'failed', [undocumented418])]),
      current: results([cell(kba, 'failed', [{ ...undocumented418, message: 'teapot again' }])]),
    },
    want: {},
  },
  {
    id: 'a new undocumented media type regresses',
    given: {
      baseline: results([cell(kba, 'failed', [mediaType('text/plain')])]),
      current: results([cell(kba, 'failed', [mediaType('text/html')])]),
    },
    want: {
      regressed: ['undocumented_media_type sendKbaAnswers 200 text/html'],
      improved: ['undocumented_media_type sendKbaAnswers 200 text/plain'],
    },
  },
  {
    id: 'the same media type with other parameters or case is not new',
    given: {
      baseline: results([cell(kba, 'failed', [mediaType('text/plain')])]),
      current: results([cell(kba, 'failed', [mediaType('Text/Plain; charset=utf-8')])]),
    },
    want: {},
  },
  // Strict warnings.
  {
    id: 'a new strict warning regresses',
    given: {
      baseline: results([cell(kba, 'passed')]),
      current: results([cell(kba, 'passed', [warning])]),
    },
    want: { regressed: ['warning keys_documented sendKbaAnswers 200 /extra'] },
  },
  {
    id: 'the same strict warning with other text is not new',
    given: {
      baseline: results([cell(kba, 'passed', [warning])]),
      current: results([cell(kba, 'passed', [{ ...warning, expected: 'other', message: 'm' }])]),
    },
    want: {},
  },
  // Latency (default factor 2, floor 50 ms).
  latencyCase('p95 more than twice and 50 ms slower regresses', 40, 120, {
    regressed: ['latency sendKbaAnswers'],
  }),
  latencyCase('p95 slower within the factor is fine', 100, 190, {}),
  latencyCase('p95 many times slower but under the floor is fine (1 ms -> 3 ms)', 1, 3, {}),
  latencyCase('p95 much faster improves', 200, 50, { improved: ['latency sendKbaAnswers'] }),
  {
    ...latencyCase('a tighter factor catches a smaller slowdown', 100, 160, {
      regressed: ['latency sendKbaAnswers'],
    }),
    given: {
      ...latencyCase('', 100, 160, {}).given,
      options: { latencyFactor: 1.5, latencyFloorMs: 50 },
    },
  },
  {
    id: 'a baseline without latency percentiles (older file) compares the rest',
    given: {
      baseline: results([cell(kba, 'passed')]),
      current: results([cell(kba, 'failed')], { latency: [latency('sendKbaAnswers', 900)] }),
    },
    want: { regressed: [`cell ${kba}`] },
  },
  // Targets.
  {
    id: 'a target only in the baseline regresses',
    given: {
      baseline: results([cell(kba, 'passed'), cell(kba, 'passed', [], 'acme')]),
      current: results([cell(kba, 'passed')]),
    },
    want: { regressed: ['target acme'] },
  },
  {
    id: 'a target only in the current run is listed',
    given: {
      baseline: results([cell(kba, 'passed')]),
      current: results([cell(kba, 'failed', [], 'acme'), cell(kba, 'passed')]),
    },
    want: { info: ['target acme'] },
  },
  {
    id: 'targets are matched by name, whatever their order',
    given: {
      baseline: results([cell(kba, 'passed', [], 'acme'), cell(kba, 'failed')]),
      current: results([cell(kba, 'failed'), cell(kba, 'failed', [], 'acme')]),
    },
    want: { regressed: [`cell ${kba}`] },
  },
];

const named = (changes: Change[]) => changes.map((change) => `${change.kind} ${change.subject}`);

for (const { id, given, want } of cases) {
  test(`compare: ${id}`, () => {
    expect(resultsFileProblems(given.baseline)).toEqual([]);
    expect(resultsFileProblems(given.current)).toEqual([]);

    const comparison = compareResults(given.baseline, given.current, given.options);
    const changes = comparison.targets;

    expect(named(changes.flatMap((t) => t.regressed))).toEqual(want.regressed ?? []);
    expect(named(changes.flatMap((t) => t.improved))).toEqual(want.improved ?? []);
    expect(named(changes.flatMap((t) => t.info))).toEqual(want.info ?? []);
    expect(comparison.regressions).toBe(want.regressed?.length ?? 0);
  });
}

test('compare: a change is filed under the target it happened on', () => {
  const comparison = compareResults(
    results([cell(kba, 'passed', [], 'acme'), cell(kba, 'passed', [], 'zeta')]),
    results([cell(kba, 'passed', [], 'zeta'), cell(kba, 'failed', [], 'acme')]),
  );

  expect(comparison.targets.map((t) => [t.name, t.regressed.length])).toEqual([
    ['acme', 1],
    ['zeta', 0],
  ]);
});

test('compare: the notes say when latency or the full run is missing', () => {
  const comparison = compareResults(
    results([cell(kba, 'passed')]),
    results([cell(kba, 'passed')], { filtered: true, latency: [] }),
  );

  expect(comparison.notes).toEqual([
    expect.stringContaining('the current run was filtered'),
    'latency not compared: the baseline has no per-operation percentiles (older format)',
  ]);
});

test('compare: the text report is the same whatever the order of cells and findings', () => {
  const findings = [bodyFinding, warning, undocumented418];
  const before = results([cell(kba, 'passed'), cell('sendKbaAnswers 400', 'passed')]);
  const one = results([cell('sendKbaAnswers 400', 'failed'), cell(kba, 'failed', findings)]);
  const other = results([
    cell(kba, 'failed', [...findings].reverse()),
    cell('sendKbaAnswers 400', 'failed'),
  ]);
  const files = { baseline: 'base.json', current: 'now.json' };

  const text = renderComparisonText(compareResults(before, one), files);

  expect(renderComparisonText(compareResults(before, other), files)).toBe(text);
  expect(text).toContain('target mock\n  regressed (5)\n');
  expect(text).toContain('    cell        sendKbaAnswers 200: passed -> failed');
  expect(text.trimEnd().split('\n').at(-1)).toBe('REGRESSED: 5 regressions, 0 improvements');
});

test('compare: the HTML page escapes what the files say', () => {
  const hostile = { ...bodyFinding, message: '<script>alert(1)</script>' };
  const html = renderComparisonHtml(
    compareResults(results([cell(kba, 'passed')]), results([cell(kba, 'failed', [hostile])])),
    { baseline: 'a.json', current: 'b.json' },
  );

  expect(html).not.toContain('<script>');
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(html).toContain('REGRESSED: 2 regressions');
});
