/**
 * Results of several targets: the differences the matrix lists (verdict or findings differ from
 * the mock, or from the first target), the side-by-side page, and the schema's target names.
 */
import { expect, test } from '@playwright/test';
import { targetDifferences } from '../../src/report/differences.ts';
import { renderMatrix } from '../../src/report/matrix.ts';
import type {
  CellResult,
  CellVerdict,
  ReportedFinding,
  RunResults,
  TargetResult,
} from '../../src/report/results.ts';
import { resultsFileProblems } from '../../src/report/validate-results.ts';

function finding(target: string, check: string, severity: 'failure' | 'warning'): ReportedFinding {
  return {
    check: check as ReportedFinding['check'],
    severity,
    profile: severity === 'failure' ? 'contract' : 'strict',
    operation: 'createSendToken',
    status: 429,
    location: 'header:retry-after',
    expected: 'delta-seconds or HTTP-date',
    received: target === 'mock' ? '1' : 'absent',
    message: `createSendToken: ${check} (${target})`,
    target,
    testId: `t-${target}`,
  };
}

function cell(target: string, verdict: CellVerdict, findings: ReportedFinding[] = []): CellResult {
  return {
    target,
    operationId: 'createSendToken',
    status: 429,
    verdict,
    tests: [`t-${target}`],
    observed: 1,
    latency: null,
    findings,
  };
}

function resultsOf(targets: TargetResult[], cells: CellResult[]): RunResults {
  return {
    formatVersion: 1,
    run: {
      tool: { name: 'isc-mfa-conformance', version: '0.1.0' },
      spec: { title: 'spec', version: '1' },
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1,
      seed: 1,
      strictProfile: true,
      warningsAsFailures: false,
      status: 'passed',
      filtered: true,
    },
    targets,
    cells,
    tests: [],
    harnessErrors: [],
    summary: {
      cells: { passed: 0, failed: 0, not_exercised: 0, not_provokable: 0 },
      findings: { failure: 0, warning: 0 },
      tests: { passed: 0, failed: 0, timedOut: 0, skipped: 0, interrupted: 0, flaky: 0 },
    },
  };
}

const mock: TargetResult = { name: 'mock', kind: 'mock', baseUrl: null };
const acme: TargetResult = { name: 'acme', kind: 'live', baseUrl: 'https://acme.example' };
const beta: TargetResult = { name: 'beta', kind: 'live', baseUrl: 'https://beta.example' };

const differenceCases = [
  {
    id: 'the same verdict and findings: no difference',
    given: [cell('mock', 'passed'), cell('acme', 'passed')],
    want: [],
  },
  {
    id: 'the same findings with other received text: no difference',
    given: [
      cell('mock', 'passed', [finding('mock', 'error_field_is_string', 'warning')]),
      cell('acme', 'passed', [finding('acme', 'error_field_is_string', 'warning')]),
    ],
    want: [],
  },
  {
    id: 'a verdict that differs',
    given: [
      cell('mock', 'passed'),
      cell('acme', 'failed', [finding('acme', 'retry_after_valid', 'failure')]),
    ],
    want: [
      {
        target: 'acme',
        verdicts: ['passed', 'failed'],
        onlyOnOther: ['failure retry_after_valid at header:retry-after'],
        onlyOnReference: [],
      },
    ],
  },
  {
    id: 'the same verdict, a warning only on the mock',
    given: [
      cell('mock', 'passed', [finding('mock', 'keys_documented', 'warning')]),
      cell('acme', 'passed'),
    ],
    want: [
      {
        target: 'acme',
        verdicts: ['passed', 'passed'],
        onlyOnOther: [],
        onlyOnReference: ['warning keys_documented at header:retry-after'],
      },
    ],
  },
  {
    id: 'a cell the other target lacks counts as not exercised there',
    given: [cell('mock', 'passed')],
    want: [
      {
        target: 'acme',
        verdicts: ['passed', 'not_exercised'],
        onlyOnOther: [],
        onlyOnReference: [],
      },
    ],
  },
];

for (const { id, given, want } of differenceCases) {
  test(`differences from the mock: ${id}`, () => {
    const differences = targetDifferences(resultsOf([mock, acme], given));

    expect(
      differences.map((d) => ({
        target: d.other.target,
        verdicts: [d.reference.verdict, d.other.verdict],
        onlyOnOther: d.onlyOnOther,
        onlyOnReference: d.onlyOnReference,
      })),
    ).toEqual(want);
  });
}

test('without a mock, the first target is the reference, and the mock comes first when listed later', () => {
  const live = resultsOf([acme, beta], [cell('acme', 'passed'), cell('beta', 'failed')]);
  const mockLast = resultsOf([acme, mock], [cell('acme', 'failed'), cell('mock', 'passed')]);

  expect(targetDifferences(live).map((d) => [d.reference.target, d.other.target])).toEqual([
    ['acme', 'beta'],
  ]);
  expect(targetDifferences(mockLast).map((d) => [d.reference.target, d.other.target])).toEqual([
    ['mock', 'acme'],
  ]);
});

test('the matrix shows several targets side by side and lists their differences', () => {
  const page = renderMatrix(
    resultsOf(
      [mock, acme],
      [
        cell('mock', 'passed'),
        cell('acme', 'failed', [finding('acme', 'retry_after_valid', 'failure')]),
      ],
    ),
  );

  expect(page).toContain('<h2>Targets side by side</h2>');
  expect(page).toContain(
    '<th>mock (mock)</th><th>acme (live)<br><small>https://acme.example</small></th>',
  );
  expect(page).toContain('<h2>Differences: mock versus live</h2>');
  expect(page).toContain('<code>failure retry_after_valid at header:retry-after</code>');
});

test('the matrix of equal targets says there is no difference; one target keeps its grid', () => {
  const equal = renderMatrix(
    resultsOf([mock, acme], [cell('mock', 'passed'), cell('acme', 'passed')]),
  );
  const single = renderMatrix(resultsOf([mock], [cell('mock', 'passed')]));

  expect(equal).toContain('None: every cell has the same verdict and findings on every target.');
  expect(single).not.toContain('Targets side by side');
  expect(single).toContain('<h2>mock (mock)</h2>');
});

const schemaCases = [
  { id: 'two targets, each with its cells', given: ['mock', 'acme-sandbox'], want: [] },
  { id: 'an upper-case target name', given: ['mock', 'Acme'], want: ['/targets/1/name'] },
  { id: 'a target name with a space', given: ['mock', 'acme eu'], want: ['/targets/1/name'] },
];

for (const { id, given, want } of schemaCases) {
  test(`the results schema: ${id}`, () => {
    const targets = given.map((name) => ({ name, kind: 'live' as const, baseUrl: null }));
    const problems = resultsFileProblems(
      resultsOf(
        targets,
        given.map((name) => cell(name, 'passed')),
      ),
    );

    for (const pointer of want) expect(problems.join('\n')).toContain(pointer);
    if (want.length === 0) expect(problems).toEqual([]);
  });
}
