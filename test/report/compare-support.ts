/**
 * Small hand-built results files for the compare tests: one target `mock` unless told, cells
 * given as `operationId status verdict`, findings and latency added where a case needs them.
 */
import type {
  CellResult,
  CellVerdict,
  OperationLatency,
  ReportedFinding,
  RunResults,
} from '../../src/report/results.ts';

/** A finding with the given identity; the text fields default to something plain. */
export function finding(
  fields: Partial<ReportedFinding> &
    Pick<ReportedFinding, 'check' | 'operation' | 'status' | 'location'>,
): ReportedFinding {
  return {
    severity: 'failure',
    profile: 'contract',
    expected: 'what the spec says',
    received: 'what came back',
    message: `${fields.check} at ${fields.location}`,
    target: 'mock',
    testId: 'test-1',
    ...fields,
  };
}

/** A cell, `cell('sendKbaAnswers 200', 'passed')`, with optional findings. */
export function cell(
  key: string,
  verdict: CellVerdict,
  findings: ReportedFinding[] = [],
  target = 'mock',
): CellResult {
  const [operationId = '', status = '0'] = key.split(' ');
  const result: CellResult = {
    target,
    operationId,
    status: Number(status),
    verdict,
    tests: ['test-1'],
    observed: verdict === 'passed' || verdict === 'failed' ? 1 : 0,
    latency: null,
    findings: findings.map((f) => ({ ...f, target })),
  };
  if (verdict !== 'passed') result.reason = `${verdict} for a reason`;

  return result;
}

/** p95 (and p50 half of it) for one operation. */
export function latency(operationId: string, p95Ms: number, target = 'mock'): OperationLatency {
  return { target, operationId, count: 20, p50Ms: p95Ms / 2, p95Ms, maxMs: p95Ms };
}

/** A whole results file around the given cells (targets taken from the cells unless given). */
export function results(
  cells: CellResult[],
  extra: { latency?: OperationLatency[]; targets?: string[]; filtered?: boolean } = {},
): RunResults {
  const names = extra.targets ?? [...new Set(cells.map((c) => c.target))];
  const verdicts = cells.map((c) => c.verdict);
  const count = (verdict: CellVerdict) => verdicts.filter((v) => v === verdict).length;
  const allFindings = cells.flatMap((c) => c.findings);
  const file: RunResults = {
    formatVersion: 1,
    run: {
      tool: { name: 'isc-mfa-conformance', version: '0.1.0' },
      spec: { title: 'MFA', version: '1.0' },
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1000,
      seed: 1,
      strictProfile: true,
      warningsAsFailures: false,
      status: count('failed') > 0 ? 'failed' : 'passed',
      filtered: extra.filtered ?? false,
    },
    targets: names.map((name) => ({ name, kind: 'mock', baseUrl: 'http://127.0.0.1:1' })),
    cells,
    tests: [],
    harnessErrors: [],
    summary: {
      cells: {
        passed: count('passed'),
        failed: count('failed'),
        not_exercised: count('not_exercised'),
        not_provokable: count('not_provokable'),
      },
      findings: {
        failure: allFindings.filter((f) => f.severity === 'failure').length,
        warning: allFindings.filter((f) => f.severity === 'warning').length,
      },
      tests: { passed: 1, failed: 0, timedOut: 0, skipped: 0, interrupted: 0, flaky: 0 },
    },
  };
  if (extra.latency) file.latency = extra.latency;

  return file;
}
