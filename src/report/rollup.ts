/**
 * Rolls tests up into cells: which tests declare which cell, what their exchanges found, and
 * each cell's verdict. Also the coverage guard (a documented cell no test declares) and the
 * line between conformance failures and harness errors.
 */

import { relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { Suite, TestCase, TestResult } from '@playwright/test/reporter';
import type { CheckName } from '../contract/findings.ts';
import type { LoadedSpec } from '../contract/spec.ts';
import {
  type AttachedExchange,
  cellAnnotation,
  exchangeAttachmentPrefix,
  notProvokableAnnotation,
  parseCell,
  parseExchange,
} from './attachments.ts';
import { operationLatencies } from './latency.ts';
import type {
  CellResult,
  CheckTally,
  HarnessError,
  Latency,
  ReportedFinding,
  RunResults,
  TargetResult,
  TestOutcome,
  TestRecord,
  UsageError,
} from './results.ts';
import { resultsFormatVersion } from './results.ts';

/** One test as the reporter saw it: every attempt, and the last attempt's errors (masked). */
export interface CollectedTest {
  test: TestCase;
  results: TestResult[];
  errors: string[];
}

/** Everything `buildResults` needs. */
export interface RollupInput {
  spec: LoadedSpec;
  /** The run's targets, one per Playwright project; a test belongs to its project's target. */
  targets: TargetResult[];
  tests: CollectedTest[];
  runErrors: HarnessError[];
  /** The command line's faults (exit code 2); none in a normal run. */
  usageErrors?: UsageError[];
  filtered: boolean;
  htmlLink: (testId: string) => string;
  rootDir: string;
  run: Omit<RunResults['run'], 'filtered'>;
}

interface TestFacts {
  record: TestRecord;
  exchanges: AttachedExchange[];
  /** True when the test failed because the harness broke, not because of the target. */
  harnessBroke: boolean;
  notProvokable: string | undefined;
}

const reasonLength = 300;

function trim(text: string): string {
  const line = stripVTControlCharacters(text).trim();
  return line.length > reasonLength ? `${line.slice(0, reasonLength)}...` : line;
}

/** The documented cells of a spec: each operation x each explicit status code. */
export function documentedCells(spec: LoadedSpec): Array<{ operationId: string; status: number }> {
  const cells = [];
  for (const operation of spec.operations.values()) {
    for (const code of Object.keys(operation.responses)) {
      if (/^\d{3}$/.test(code))
        cells.push({ operationId: operation.operationId, status: Number(code) });
    }
  }

  return cells;
}

/** The target a test ran against: its Playwright project's name. */
function targetOf(test: TestCase, input: RollupInput): string {
  return test.parent.project()?.name ?? input.targets[0]?.name ?? '';
}

/** The spec file a test belongs to (its location may be a shared helper in fixtures/). */
function fileOf(test: TestCase): string {
  let suite: Suite | undefined = test.parent;
  while (suite && suite.type !== 'file') suite = suite.parent;

  return suite?.location?.file ?? test.location.file;
}

function factsOf(input: RollupInput, collected: CollectedTest, errors: HarnessError[]): TestFacts {
  const { test, results } = collected;
  const last = results.at(-1);
  const annotations = [...test.annotations, ...(last?.annotations ?? [])];
  const cells = [
    ...new Set(
      annotations
        .filter((note) => note.type === cellAnnotation && parseCell(note.description))
        .map((note) => (note.description ?? '').trim()),
    ),
  ];
  const exchanges: AttachedExchange[] = [];
  for (const attachment of last?.attachments ?? []) {
    if (!attachment.name.startsWith(exchangeAttachmentPrefix) || !attachment.body) continue;
    try {
      exchanges.push(parseExchange(attachment.body));
    } catch (error) {
      errors.push({
        code: 'HARNESS_INTERNAL',
        message: `unreadable exchange attachment: ${(error as Error).message}`,
        testId: test.id,
      });
    }
  }

  const outcome: TestOutcome = last?.status ?? 'skipped';
  const failed = outcome === 'failed' || outcome === 'timedOut';
  const conformanceFailure =
    exchanges.some((exchange) => exchange.findings.some((f) => f.severity === 'failure')) ||
    collected.errors.some((message) => /expect\(/.test(message));
  const harnessBroke = failed && !conformanceFailure;
  const skipNote = annotations.find((note) => note.type === 'skip')?.description;
  const record: TestRecord = {
    id: test.id,
    title: test.titlePath().slice(3).join(' > ') || test.title,
    file: relative(input.rootDir, fileOf(test)),
    line: test.location.line,
    target: targetOf(test, input),
    outcome,
    flaky: test.outcome() === 'flaky',
    durationMs: Math.round(results.reduce((sum, result) => sum + result.duration, 0)),
    cells,
    htmlReportLink: input.htmlLink(test.id),
  };
  const reason = failed ? collected.errors[0] : outcome === 'skipped' ? skipNote : undefined;
  if (reason) record.reason = trim(reason);
  if (!last) record.reason = 'did not run';
  if (harnessBroke) {
    errors.push({
      code: 'HARNESS_INTERNAL',
      message: `${record.title}: ${trim(collected.errors[0] ?? `test ${outcome}`)}`,
      testId: test.id,
    });
  }

  const notProvokable = annotations.find((note) => note.type === notProvokableAnnotation);

  return { record, exchanges, harnessBroke, notProvokable: notProvokable?.description };
}

function latencyOf(durations: number[]): Latency | null {
  if (durations.length === 0) return null;
  const sorted = [...durations].sort((a, b) => a - b);

  return {
    count: sorted.length,
    minMs: sorted[0] ?? 0,
    medianMs: sorted[Math.floor((sorted.length - 1) / 2)] ?? 0,
    maxMs: sorted.at(-1) ?? 0,
  };
}

function verdictOf(
  cell: CellResult,
  declaring: TestFacts[],
  filtered: boolean,
): Pick<CellResult, 'verdict' | 'reason'> {
  const broke = declaring.find((facts) => facts.harnessBroke);
  if (broke)
    return { verdict: 'not_exercised', reason: `harness error in "${broke.record.title}"` };

  const failed = declaring.find(
    (f) => f.record.outcome === 'failed' || f.record.outcome === 'timedOut',
  );
  if (failed) return { verdict: 'failed', reason: failed.record.reason ?? 'test failed' };
  if (cell.findings.some((finding) => finding.severity === 'failure')) {
    return { verdict: 'failed', reason: 'a failure finding was recorded' };
  }

  if (declaring.some((facts) => facts.record.outcome === 'passed')) {
    if (cell.observed > 0) return { verdict: 'passed' };
    return {
      verdict: 'not_exercised',
      reason: 'tests passed but never observed this status on purpose',
    };
  }

  const unprovokable = declaring.find((facts) => facts.notProvokable);
  if (unprovokable) return { verdict: 'not_provokable', reason: unprovokable.notProvokable ?? '' };

  if (declaring.length === 0) {
    return {
      verdict: 'not_exercised',
      reason: filtered
        ? 'no test in this (filtered) run declares this cell'
        : 'no test declares this cell',
    };
  }

  const reasons = [...new Set(declaring.map((facts) => facts.record.reason ?? 'skipped'))];
  return { verdict: 'not_exercised', reason: reasons.join('; ') };
}

/**
 * Whether an exchange observed a cell on purpose: it came back with the cell's status and its
 * test asked for that status (`toConform`'s expected status) or, when none is on record,
 * declares the cell. A status nobody provoked (an expired token's 401 in a 200 test) does not
 * make its cell observed.
 */
function isProvokedFor(
  exchange: AttachedExchange,
  testCells: string[],
  operationId: string,
  status: number,
): boolean {
  if (exchange.operationId !== operationId || exchange.observedStatus !== status) return false;
  if (exchange.expectedStatus === null) return testCells.includes(`${operationId} ${status}`);

  return exchange.expectedStatus === status;
}

/**
 * The cell an exchange's findings (and checks) belong to: the documented cell it was meant to
 * provoke (its expected status, or with none on record its observed status if the test declares
 * that cell), else the test's first cell.
 */
function homeOf(
  exchange: AttachedExchange,
  testCells: string[],
  cellKeys: Set<string>,
): string | undefined {
  const meant = `${exchange.operationId} ${exchange.expectedStatus ?? exchange.observedStatus}`;
  const onPurpose = exchange.expectedStatus !== null || testCells.includes(meant);

  return onPurpose && cellKeys.has(meant) ? meant : testCells[0];
}

/**
 * Per check, over the exchanges that list the checks they ran: how many it ran on, and on how
 * many it found a failure or a warning. A finding counts its check as run even when the list
 * leaves it out. Undefined when no exchange lists its checks (older fixtures).
 */
function checksOf(exchanges: AttachedExchange[]): CellResult['checks'] {
  const listing = exchanges.filter((exchange) => exchange.checks !== undefined);
  if (listing.length === 0) return undefined;

  const tallies = new Map<CheckName, CheckTally>();
  for (const exchange of listing) {
    const ran = new Set([...(exchange.checks ?? []), ...exchange.findings.map((f) => f.check)]);
    for (const check of ran) {
      const tally = tallies.get(check) ?? { evaluated: 0, failed: 0, warned: 0 };
      const own = exchange.findings.filter((finding) => finding.check === check);
      tally.evaluated += 1;
      if (own.some((finding) => finding.severity === 'failure')) tally.failed += 1;
      if (own.some((finding) => finding.severity === 'warning')) tally.warned += 1;
      tallies.set(check, tally);
    }
  }

  return Object.fromEntries([...tallies].sort(([a], [b]) => a.localeCompare(b)));
}

/** The documented cells of one target, rolled up from that target's tests. */
function cellsOf(
  input: RollupInput,
  target: TargetResult,
  facts: TestFacts[],
  harnessErrors: HarnessError[],
): CellResult[] {
  const cells: CellResult[] = [];
  const documented = documentedCells(input.spec);
  const cellKeys = new Set(documented.map((c) => `${c.operationId} ${c.status}`));
  const gapWhere = input.targets.length > 1 ? ` on ${target.name}` : '';

  for (const { operationId, status } of documented) {
    const key = `${operationId} ${status}`;
    const declaring = facts.filter((f) => f.record.cells.includes(key));
    const findings: ReportedFinding[] = [];
    const homed: AttachedExchange[] = [];
    const durations: number[] = [];
    let observed = 0;
    for (const f of facts) {
      for (const exchange of f.exchanges) {
        if (homeOf(exchange, f.record.cells, cellKeys) === key) {
          homed.push(exchange);
          for (const finding of exchange.findings) {
            findings.push({ ...finding, target: target.name, testId: f.record.id });
          }
        }
        if (isProvokedFor(exchange, f.record.cells, operationId, status)) {
          observed += 1;
          if (exchange.durationMs !== null) durations.push(exchange.durationMs);
        }
      }
    }

    const cell: CellResult = {
      target: target.name,
      operationId,
      status,
      verdict: 'not_exercised',
      tests: declaring.map((f) => f.record.id),
      observed,
      latency: latencyOf(durations),
      findings,
    };
    const checks = checksOf(homed);
    if (checks) cell.checks = checks;
    Object.assign(cell, verdictOf(cell, declaring, input.filtered));
    if (declaring.length === 0 && !input.filtered) {
      harnessErrors.push({
        code: 'COVERAGE_GAP',
        message: `no test declares the cell ${key}${gapWhere}`,
      });
    }
    cells.push(cell);
  }

  return cells;
}

/** Builds the results file from what the reporter collected. */
export function buildResults(input: RollupInput): RunResults {
  const harnessErrors: HarnessError[] = [...input.runErrors];
  const facts = input.tests.map((collected) => factsOf(input, collected, harnessErrors));
  const cells: CellResult[] = [];
  for (const target of input.targets) {
    const own = facts.filter((f) => f.record.target === target.name);
    cells.push(...cellsOf(input, target, own, harnessErrors));
  }

  const count = <T extends string>(values: T[], keys: readonly T[]) =>
    Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<
      T,
      number
    >;
  const allFindings = cells.flatMap((cell) => cell.findings);
  const outcomes = facts.map((f) => f.record.outcome);

  return {
    formatVersion: resultsFormatVersion,
    run: { ...input.run, filtered: input.filtered },
    targets: input.targets,
    cells,
    tests: facts.map((f) => f.record),
    latency: input.targets.flatMap((target) =>
      operationLatencies(
        target.name,
        facts.filter((f) => f.record.target === target.name).flatMap((f) => f.exchanges),
      ),
    ),
    harnessErrors,
    ...(input.usageErrors?.length ? { usageErrors: input.usageErrors } : {}),
    summary: {
      cells: count(
        cells.map((cell) => cell.verdict),
        ['passed', 'failed', 'not_exercised', 'not_provokable'] as const,
      ),
      findings: {
        failure: allFindings.filter((f) => f.severity === 'failure').length,
        warning: allFindings.filter((f) => f.severity === 'warning').length,
      },
      tests: {
        ...count(outcomes, ['passed', 'failed', 'timedOut', 'skipped', 'interrupted'] as const),
        flaky: facts.filter((f) => f.record.flaky).length,
      },
    },
  };
}
