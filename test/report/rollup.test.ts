/**
 * The rollup from tests to cells, on hand-built Playwright tests against the real MFA spec: each
 * verdict and its reason, which exchanges count as observing a cell (only those provoked on
 * purpose), the coverage guard, the per-cell checks summary, and the schema's rules for cells.
 */
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { TestCase, TestResult } from '@playwright/test/reporter';
import type { Finding } from '../../src/contract/findings.ts';
import { loadSpec, specFiles } from '../../src/contract/spec.ts';
import type { CellResult, CellVerdict, RunResults, TestOutcome } from '../../src/report/results.ts';
import { buildResults, type CollectedTest, documentedCells } from '../../src/report/rollup.ts';
import { resultsFileProblems } from '../../src/report/validate-results.ts';
import { cell as resultCell, results as resultsFile } from './compare-support.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const kba200 = 'sendKbaAnswers 200';
const kba401 = 'sendKbaAnswers 401';
const kba429 = 'sendKbaAnswers 429';
const kba500 = 'sendKbaAnswers 500';

/** One hand-built test: the cells it declares, how it ended, what it attached. */
interface TestGiven {
  title: string;
  cells: string[];
  /** Default `passed`. */
  outcome?: TestOutcome;
  errors?: string[];
  /** Exchange attachment bodies, as fixtures/conform.ts writes them. */
  exchanges?: Array<Record<string, unknown>>;
  notProvokable?: string;
  skip?: string;
}

/** A sendKbaAnswers exchange: the status asked for, the one that came back. */
function exchange(
  expectedStatus: number | null,
  observedStatus: number | null,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    operationId: 'sendKbaAnswers',
    expectedStatus,
    observedStatus,
    durationMs: 10,
    findings: [],
    ...extra,
  };
}

/** A sendKbaAnswers finding of one check. */
function finding(check: Finding['check'], severity: Finding['severity'], status = 200): Finding {
  return {
    check,
    severity,
    profile: severity === 'failure' ? 'contract' : 'strict',
    operation: 'sendKbaAnswers',
    status,
    location: '/status',
    expected: 'what the spec says',
    received: 'what came back',
    message: `${check} at /status`,
  };
}

/** The test as the reporter collects it, shaped like Playwright's TestCase and TestResult. */
function collect(given: TestGiven, index: number): CollectedTest {
  const project = { name: 'mock' };
  const file = `${root}suites/kba.spec.ts`;
  const fileSuite = { type: 'file', location: { file }, project: () => project };
  const annotations = given.cells.map((description) => ({ type: 'cell', description }));
  if (given.notProvokable !== undefined) {
    annotations.push({ type: 'not-provokable', description: given.notProvokable });
  }
  if (given.skip !== undefined) annotations.push({ type: 'skip', description: given.skip });
  const testCase = {
    id: `t${index + 1}`,
    title: given.title,
    annotations,
    parent: fileSuite,
    location: { file, line: 10 + index, column: 1 },
    titlePath: () => ['', 'mock', 'kba.spec.ts', given.title],
    outcome: () => 'expected',
  } as unknown as TestCase;
  const result = {
    status: given.outcome ?? 'passed',
    duration: 25,
    annotations: [],
    attachments: (given.exchanges ?? []).map((body) => ({
      name: `exchange sendKbaAnswers ${String(body.observedStatus)}`,
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify(body)),
    })),
  } as unknown as TestResult;

  return { test: testCase, results: [result], errors: given.errors ?? [] };
}

/** Rolls the given tests up against the real spec, on the one target `mock`. */
async function rollUp(tests: TestGiven[], filtered = true): Promise<RunResults> {
  const spec = await loadSpec(specFiles.mfaController);

  return buildResults({
    spec,
    targets: [{ name: 'mock', kind: 'mock', baseUrl: null }],
    tests: tests.map(collect),
    runErrors: [],
    filtered,
    htmlLink: (testId) => `html/index.html#?testId=${testId}`,
    rootDir: root,
    run: {
      tool: { name: 'isc-mfa-conformance', version: '0.0.0' },
      spec: { title: spec.title, version: spec.version },
      startedAt: '2026-01-01T00:00:00.000Z',
      durationMs: 1000,
      seed: 1,
      strictProfile: true,
      warningsAsFailures: false,
      status: 'passed',
    },
  });
}

function cellOf(results: RunResults, key: string): CellResult {
  const found = results.cells.find((c) => `${c.operationId} ${c.status}` === key);
  if (!found) throw new Error(`no cell ${key}`);

  return found;
}

// A 200 test whose first request came back 401 (the token expired mid-run; the transport
// refreshed it and retried), and a 401 test that attached no 401.
const unplanned401: TestGiven[] = [
  {
    title: 'answers are checked (200)',
    cells: [kba200],
    exchanges: [exchange(200, 401), exchange(200, 200)],
  },
  { title: 'a missing token is refused (401)', cells: [kba401] },
];

interface VerdictCase {
  id: string;
  given: TestGiven[];
  /** The cell looked at. */
  cell: string;
  want: {
    verdict: CellVerdict;
    reason?: string | RegExp;
    observed: number;
    latencyCount?: number;
    /** `code message` of every harness error. */
    harnessErrors?: string[];
  };
}

const verdictCases: VerdictCase[] = [
  {
    id: 'an on-purpose 401 passes its cell and counts toward its latency',
    given: [
      {
        title: 'a missing token is refused (401)',
        cells: [kba401],
        exchanges: [exchange(401, 401, { durationMs: 12 })],
      },
    ],
    cell: kba401,
    want: { verdict: 'passed', observed: 1, latencyCount: 1 },
  },
  {
    id: 'an unexpected 401 in a 200 test leaves the 401 cell not exercised',
    given: unplanned401,
    cell: kba401,
    want: {
      verdict: 'not_exercised',
      reason: 'tests passed but never observed this status on purpose',
      observed: 0,
    },
  },
  {
    id: 'the 200 test that met an unexpected 401 passes its own cell on its 200',
    given: unplanned401,
    cell: kba200,
    want: { verdict: 'passed', observed: 1, latencyCount: 1 },
  },
  {
    id: 'with no status asked for, a 401 does not observe a cell its test does not declare',
    given: [
      { title: 'answers are checked (200)', cells: [kba200], exchanges: [exchange(null, 401)] },
      { title: 'a missing token is refused (401)', cells: [kba401] },
    ],
    cell: kba401,
    want: { verdict: 'not_exercised', reason: /never observed/, observed: 0 },
  },
  {
    id: 'with no status asked for, a 401 observes the cell its test declares',
    given: [
      {
        title: 'a missing token is refused (401)',
        cells: [kba401],
        exchanges: [exchange(null, 401)],
      },
    ],
    cell: kba401,
    want: { verdict: 'passed', observed: 1, latencyCount: 1 },
  },
  {
    id: "with no status asked for, a 401's findings stay off a 401 cell its test does not declare",
    given: [
      {
        title: 'answers are checked (200)',
        cells: [kba200],
        exchanges: [
          exchange(null, 401, { findings: [finding('headers_conform', 'failure', 401)] }),
        ],
      },
      {
        title: 'a missing token is refused (401)',
        cells: [kba401],
        exchanges: [exchange(401, 401)],
      },
    ],
    cell: kba401,
    want: { verdict: 'passed', observed: 1, latencyCount: 1 },
  },
  {
    id: 'a failed test fails its cell with its first error as the reason',
    given: [
      {
        title: 'answers are checked (200)',
        cells: [kba200],
        outcome: 'failed',
        errors: ['expect(response).toConform(sendKbaAnswers 200)', 'second error'],
        exchanges: [exchange(200, 200, { findings: [finding('body_conforms', 'failure')] })],
      },
    ],
    cell: kba200,
    want: {
      verdict: 'failed',
      reason: 'expect(response).toConform(sendKbaAnswers 200)',
      observed: 1,
      latencyCount: 1,
    },
  },
  {
    id: 'a timed-out test with a response_timely finding fails its cell',
    given: [
      {
        title: 'throttling answers with 429',
        cells: [kba429],
        outcome: 'timedOut',
        errors: ['ResponseTimelyError: sendKbaAnswers: no response within 10000 ms'],
        exchanges: [
          exchange(null, null, {
            durationMs: 10000,
            findings: [finding('response_timely', 'failure', 0)],
          }),
        ],
      },
    ],
    cell: kba429,
    want: { verdict: 'failed', reason: /no response within 10000 ms/, observed: 0 },
  },
  {
    id: 'a failure finding fails a cell whose test passed',
    given: [
      {
        title: 'answers are checked (200)',
        cells: [kba200],
        exchanges: [exchange(200, 200, { findings: [finding('body_conforms', 'failure')] })],
      },
    ],
    cell: kba200,
    want: {
      verdict: 'failed',
      reason: 'a failure finding was recorded',
      observed: 1,
      latencyCount: 1,
    },
  },
  {
    id: 'a warning finding leaves a cell passed',
    given: [
      {
        title: 'answers are checked (200)',
        cells: [kba200],
        exchanges: [exchange(200, 200, { findings: [finding('keys_documented', 'warning')] })],
      },
    ],
    cell: kba200,
    want: { verdict: 'passed', observed: 1, latencyCount: 1 },
  },
  {
    id: 'a test marked not provokable makes its cell not provokable with its note',
    given: [
      {
        title: 'a server error (500)',
        cells: [kba500],
        outcome: 'skipped',
        notProvokable: 'a live tenant cannot be made to fail on purpose',
        skip: 'not provokable on a live tenant',
      },
    ],
    cell: kba500,
    want: {
      verdict: 'not_provokable',
      reason: 'a live tenant cannot be made to fail on purpose',
      observed: 0,
    },
  },
  {
    id: 'a skipped test without the not-provokable note leaves its cell not exercised',
    given: [
      {
        title: 'a server error (500)',
        cells: [kba500],
        outcome: 'skipped',
        skip: 'needs the mock controls',
      },
    ],
    cell: kba500,
    want: { verdict: 'not_exercised', reason: 'needs the mock controls', observed: 0 },
  },
  {
    id: 'a test the harness broke leaves its cell not exercised and is a harness error',
    given: [
      {
        title: 'answers are checked (200)',
        cells: [kba200],
        outcome: 'failed',
        errors: ['TypeError: the seeded identity is missing'],
      },
    ],
    cell: kba200,
    want: {
      verdict: 'not_exercised',
      reason: 'harness error in "answers are checked (200)"',
      observed: 0,
      harnessErrors: [
        'HARNESS_INTERNAL answers are checked (200): TypeError: the seeded identity is missing',
      ],
    },
  },
  {
    id: 'a cell no test of a filtered run declares is not exercised, without a coverage gap',
    given: [
      { title: 'answers are checked (200)', cells: [kba200], exchanges: [exchange(200, 200)] },
    ],
    cell: kba401,
    want: {
      verdict: 'not_exercised',
      reason: 'no test in this (filtered) run declares this cell',
      observed: 0,
    },
  },
];

for (const { id, given, cell, want } of verdictCases) {
  test(`rollup verdict: ${id}`, async () => {
    const results = await rollUp(given);
    const found = cellOf(results, cell);

    expect(found.verdict).toBe(want.verdict);
    if (want.reason === undefined) expect(found.reason).toBeUndefined();
    else if (typeof want.reason === 'string') expect(found.reason).toBe(want.reason);
    else expect(found.reason).toMatch(want.reason);
    expect(found.observed).toBe(want.observed);
    expect(found.latency?.count).toBe(want.latencyCount);
    expect(results.harnessErrors.map((e) => `${e.code} ${e.message}`)).toEqual(
      want.harnessErrors ?? [],
    );
    expect(resultsFileProblems(results)).toEqual([]);
  });
}

const coverageCases = [
  {
    id: 'a full run reports every documented cell no test declares as a coverage gap',
    given: { filtered: false, declared: [kba200] },
    want: { gaps: 35, named: ['no test declares the cell sendKbaAnswers 401'] },
  },
  {
    id: 'a filtered run reports no coverage gap',
    given: { filtered: true, declared: [kba200] },
    want: { gaps: 0, named: [] },
  },
  {
    id: 'a full run declaring every documented cell reports no coverage gap',
    given: { filtered: false, declared: 'all' as const },
    want: { gaps: 0, named: [] },
  },
];

for (const { id, given, want } of coverageCases) {
  test(`rollup coverage guard: ${id}`, async () => {
    const spec = await loadSpec(specFiles.mfaController);
    const declared =
      given.declared === 'all'
        ? documentedCells(spec).map((c) => `${c.operationId} ${c.status}`)
        : given.declared;
    const results = await rollUp([{ title: 'declares cells', cells: declared }], given.filtered);
    const gaps = results.harnessErrors.filter((e) => e.code === 'COVERAGE_GAP');

    expect(gaps).toHaveLength(want.gaps);
    for (const message of want.named) expect(gaps.map((e) => e.message)).toContain(message);
    expect(gaps.map((e) => e.message)).not.toContain(`no test declares the cell ${kba200}`);
    if (given.filtered === false && want.gaps > 0) {
      expect(cellOf(results, kba401).reason).toBe('no test declares this cell');
    }
  });
}

const listed = ['status_documented', 'status_expected', 'body_conforms', 'keys_documented'];

const checksCases: Array<{
  id: string;
  given: TestGiven[];
  cell: string;
  want: CellResult['checks'];
}> = [
  {
    id: 'exchanges that list no checks give no summary',
    given: [{ title: 'answers (200)', cells: [kba200], exchanges: [exchange(200, 200)] }],
    cell: kba200,
    want: undefined,
  },
  {
    id: 'each listed check counts the exchanges it ran on and those it failed or warned on',
    given: [
      {
        title: 'answers (200)',
        cells: [kba200],
        exchanges: [
          exchange(200, 200, { checks: listed }),
          exchange(200, 200, {
            checks: listed,
            findings: [
              finding('body_conforms', 'failure'),
              finding('body_conforms', 'failure'),
              finding('keys_documented', 'warning'),
            ],
          }),
        ],
      },
    ],
    cell: kba200,
    want: {
      body_conforms: { evaluated: 2, failed: 1, warned: 0 },
      keys_documented: { evaluated: 2, failed: 0, warned: 1 },
      status_documented: { evaluated: 2, failed: 0, warned: 0 },
      status_expected: { evaluated: 2, failed: 0, warned: 0 },
    },
  },
  {
    id: 'a finding counts its check as run though the list leaves it out',
    given: [
      {
        title: 'answers (200)',
        cells: [kba200],
        exchanges: [
          exchange(200, 200, {
            checks: ['status_documented'],
            findings: [finding('response_timely', 'failure', 0)],
          }),
        ],
      },
    ],
    cell: kba200,
    want: {
      response_timely: { evaluated: 1, failed: 1, warned: 0 },
      status_documented: { evaluated: 1, failed: 0, warned: 0 },
    },
  },
  {
    id: 'only exchanges that list their checks are counted',
    given: [
      {
        title: 'answers (200)',
        cells: [kba200],
        exchanges: [exchange(200, 200, { checks: ['status_documented'] }), exchange(200, 200)],
      },
    ],
    cell: kba200,
    want: { status_documented: { evaluated: 1, failed: 0, warned: 0 } },
  },
  {
    id: 'an unexpected 401 counts its checks on the cell its test asked for',
    given: [
      {
        title: 'answers (200)',
        cells: [kba200],
        outcome: 'failed',
        errors: ['expect(response).toConform(sendKbaAnswers 200)'],
        exchanges: [
          exchange(200, 401, {
            checks: ['status_documented', 'status_expected'],
            findings: [finding('status_expected', 'failure', 401)],
          }),
        ],
      },
    ],
    cell: kba200,
    want: {
      status_documented: { evaluated: 1, failed: 0, warned: 0 },
      status_expected: { evaluated: 1, failed: 1, warned: 0 },
    },
  },
  {
    id: 'an unexpected 401 gives the 401 cell no summary',
    given: [
      {
        title: 'answers (200)',
        cells: [kba200],
        exchanges: [exchange(200, 401, { checks: ['status_documented'] })],
      },
    ],
    cell: kba401,
    want: undefined,
  },
];

for (const { id, given, cell, want } of checksCases) {
  test(`rollup checks summary: ${id}`, async () => {
    const results = await rollUp(given);

    expect(cellOf(results, cell).checks).toEqual(want);
    expect(resultsFileProblems(results)).toEqual([]);
  });
}

test('rollup checks summary: an exchange whose checks are not a list of names is a harness error', async () => {
  const results = await rollUp([
    {
      title: 'answers (200)',
      cells: [kba200],
      exchanges: [exchange(200, 200, { checks: 'status_documented' })],
    },
  ]);

  expect(results.harnessErrors).toEqual([
    {
      code: 'HARNESS_INTERNAL',
      message:
        'unreadable exchange attachment: exchange attachment whose checks are not a list of check names',
      testId: 't1',
    },
  ]);
});

/** A one-cell results file around a cell changed by `edit`. */
function fileWith(verdict: CellVerdict, edit: (cell: CellResult) => void): RunResults {
  const one = resultCell(kba200, verdict);
  edit(one);

  return resultsFile([one]);
}

const withoutReason = (c: CellResult) => {
  delete c.reason;
};
const withChecks = (checks: unknown) => (c: CellResult) => {
  (c as { checks?: unknown }).checks = checks;
};

/** `want`: every problem `resultsFileProblems` lists, in order. */
const schemaCases: Array<{ id: string; given: RunResults; want: string[] }> = [
  {
    id: 'a passed cell without a reason is accepted',
    given: fileWith('passed', withoutReason),
    want: [],
  },
  {
    id: 'a not-exercised cell with a reason is accepted',
    given: fileWith('not_exercised', () => {}),
    want: [],
  },
  ...(['failed', 'not_exercised', 'not_provokable'] as const).map((verdict) => ({
    id: `a ${verdict} cell without a reason is rejected`,
    given: fileWith(verdict, withoutReason),
    want: ["/cells/0: must have required property 'reason'", '/cells/0: must match "then" schema'],
  })),
  {
    id: 'an unknown verdict is rejected for the verdict alone, not for a missing reason',
    given: fileWith('passed', (c) => {
      (c as { verdict: string }).verdict = 'great';
    }),
    want: [
      '/cells/0/verdict: must be equal to one of the allowed values (passed, failed, not_exercised, not_provokable)',
    ],
  },
  {
    id: 'a cell with a checks summary is accepted',
    given: fileWith(
      'passed',
      withChecks({ body_conforms: { evaluated: 2, failed: 0, warned: 1 } }),
    ),
    want: [],
  },
  {
    id: 'a checks summary naming an unknown check is rejected',
    given: fileWith('passed', withChecks({ body_ok: { evaluated: 1, failed: 0, warned: 0 } })),
    want: [
      '/cells/0/checks: must be equal to one of the allowed values (status_documented, content_type_documented, headers_conform, body_conforms, not_server_error, status_expected, response_timely, retry_after_valid, error_field_is_string, error_body_shape, keys_documented, documented_keys_present, enum_extensible)',
      '/cells/0/checks: property name must be valid',
    ],
  },
  {
    id: 'a check tally without its warnings count is rejected',
    given: fileWith('passed', withChecks({ body_conforms: { evaluated: 1, failed: 0 } })),
    want: ["/cells/0/checks/body_conforms: must have required property 'warned'"],
  },
];

for (const { id, given, want } of schemaCases) {
  test(`the results schema: ${id}`, () => {
    const problems = resultsFileProblems(given);

    expect(problems).toEqual(want);
  });
}
