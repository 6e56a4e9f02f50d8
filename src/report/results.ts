/**
 * The shape of `reports/results.json`: what a conformance run found, per target and per cell
 * (operation x documented status code). Scripts depend on it; `results.schema.json` describes
 * the same shape and a test validates every run's file against it. Change both together.
 */
import type { CheckName, Finding } from '../contract/findings.ts';

/** Bumped when a field is removed or changes meaning (adding fields does not bump it). */
export const resultsFormatVersion = 1;

/** A cell's verdict. */
export type CellVerdict = 'passed' | 'failed' | 'not_exercised' | 'not_provokable';

/** How one test ended, in Playwright's words. */
export type TestOutcome = 'passed' | 'failed' | 'timedOut' | 'skipped' | 'interrupted';

/** A finding as reported: the checks' own finding, plus the test and target it came from. */
export interface ReportedFinding extends Finding {
  target: string;
  testId: string;
}

/** One test of the run. */
export interface TestRecord {
  id: string;
  title: string;
  file: string;
  line: number;
  target: string;
  outcome: TestOutcome;
  /** True when the test passed only on a retry. */
  flaky: boolean;
  durationMs: number;
  /** Cells the test declares, `operationId status`. */
  cells: string[];
  /** Why it was skipped, or why it failed (first error, secrets masked). */
  reason?: string;
  /** Link into the Playwright HTML report, relative to the reports folder. */
  htmlReportLink: string;
}

/** Latency of the responses a cell counts as observed, milliseconds. */
export interface Latency {
  count: number;
  minMs: number;
  medianMs: number;
  maxMs: number;
}

/** Latency percentiles of one operation on one target (every status code), milliseconds. */
export interface OperationLatency {
  target: string;
  operationId: string;
  /** Responses measured. */
  count: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** One operation x status code on one target. */
export interface CellResult {
  target: string;
  operationId: string;
  status: number;
  verdict: CellVerdict;
  /** Why the verdict is not `passed`, in one sentence. */
  reason?: string;
  /** Ids of the tests that declare this cell. */
  tests: string[];
  /**
   * How many responses with this operation and status came back where a test provoked them on
   * purpose (it asked for this status, or, with no status asked for, declares this cell). A
   * status no test asked for (an expired token's 401 in a 200 test) is not counted.
   */
  observed: number;
  latency: Latency | null;
  findings: ReportedFinding[];
  /**
   * Per check run on this cell's exchanges (those whose findings land here): how often it ran and
   * found something. Absent when no exchange attachment lists the checks it ran.
   */
  checks?: Partial<Record<CheckName, CheckTally>>;
}

/** One check on one cell: exchanges it ran on, and how many of those it failed or warned on. */
export interface CheckTally {
  evaluated: number;
  /** Exchanges on which it recorded at least one `failure` finding. */
  failed: number;
  /** Exchanges on which it recorded at least one `warning` finding. */
  warned: number;
}

/** A target the run tested. */
export interface TargetResult {
  name: string;
  kind: 'mock' | 'live';
  /** The host URL, without credentials or query. */
  baseUrl: string | null;
}

/** Something that went wrong in the harness itself (never a conformance finding). */
export interface HarnessError {
  code: 'HARNESS_INTERNAL' | 'COVERAGE_GAP' | 'RUN_ERROR';
  message: string;
  testId?: string;
}

/**
 * A run the user's command line made empty: the filters (--grep, file arguments, --project)
 * matched no test. Not a harness error and not a conformance verdict: exit code 2.
 */
export interface UsageError {
  code: 'NO_TESTS_MATCHED';
  message: string;
}

/** The whole file. */
export interface RunResults {
  formatVersion: number;
  run: {
    tool: { name: string; version: string };
    spec: { title: string; version: string };
    startedAt: string;
    durationMs: number;
    seed: number;
    strictProfile: boolean;
    warningsAsFailures: boolean;
    /** Playwright's overall status. */
    status: 'passed' | 'failed' | 'timedout' | 'interrupted';
    /** True when --grep, --shard or file filters limited the run (the coverage guard is off). */
    filtered: boolean;
  };
  targets: TargetResult[];
  cells: CellResult[];
  tests: TestRecord[];
  /** Per operation and target; absent in files written before it was added. */
  latency?: OperationLatency[];
  harnessErrors: HarnessError[];
  /** Present only when the command line was at fault (exit code 2). */
  usageErrors?: UsageError[];
  summary: {
    cells: Record<CellVerdict, number>;
    findings: { failure: number; warning: number };
    tests: Record<TestOutcome | 'flaky', number>;
  };
}

/**
 * The exit code a run earns: 2 when the command line matched no test, 3 when the harness
 * broke, 1 for a conformance failure, else 0. `playwrightExit` is the runner's own exit code; a
 * failure it saw that the file does not explain counts as the harness breaking.
 */
export function exitCodeOf(results: RunResults, playwrightExit: number): 0 | 1 | 2 | 3 {
  if ((results.usageErrors ?? []).length > 0) return 2;
  if (results.harnessErrors.length > 0) return 3;
  if (results.run.status === 'interrupted' || results.run.status === 'timedout') return 3;
  if (results.summary.cells.failed > 0 || results.summary.findings.failure > 0) return 1;
  if (playwrightExit !== 0) return 3;

  return 0;
}
