/**
 * Sharding on one machine: two shards (`--shard=1/2`, `--shard=2/2`), each writing its blob
 * report, merged by `npm run conformance:merge`, give the same results.json, matrix and HTML
 * report as one unsharded run, and the same exit code.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { RunResults } from '../../src/report/results.ts';
import { resultsFileProblems } from '../../src/report/validate-results.ts';
import { type ConformanceRun, readableText, runConformance, runHarnessCommand } from './harness.ts';

test.describe.configure({ timeout: 300_000 });

type MergeRun = ConformanceRun;

/** Runs `npm run conformance:merge -- <folders>` into a fresh reports folder. */
function runMerge(folders: string[], settings: Record<string, string> = {}): Promise<MergeRun> {
  return runHarnessCommand('src/cli/conformance-merge.ts', settings, folders);
}

/** What must match between runs: everything but timings, start times and mock ports. */
function comparable(results: RunResults | undefined) {
  if (!results) return undefined;
  const { startedAt: _s, durationMs: _d, status, ...run } = results.run;

  return {
    run: { ...run, status },
    targets: results.targets.map(({ name, kind }) => ({ name, kind })),
    cells: results.cells.map(({ latency: _l, tests, findings, ...cell }) => ({
      ...cell,
      tests: [...tests].sort(),
      findings: findings.map(({ received: _r, message: _m, ...finding }) => finding),
    })),
    tests: results.tests
      .map(({ durationMs: _d, ...record }) => record)
      .sort((a, b) => a.id.localeCompare(b.id)),
    harnessErrors: results.harnessErrors,
    summary: results.summary,
  };
}

/** The verdict classes of the matrix, in page order. */
function matrixCells(reportsDir: string): string[] {
  const page = readFileSync(join(reportsDir, 'matrix.html'), 'utf8');

  return [...page.matchAll(/class="cell (\w+)"/g)].map((match) => match[1] ?? '');
}

/** The test ids the HTML report holds (its data is a zip inside index.html). */
function htmlReportTests(reportsDir: string): Set<string> {
  const text = readableText(join(reportsDir, 'html/index.html'));

  return new Set([...text.matchAll(/"testId":"([^"]+)"/g)].map((match) => match[1] ?? ''));
}

test('two shards merged give the same results, matrix and HTML report as one unsharded run', async () => {
  const whole = await runConformance({});
  const first = await runConformance({}, ['--shard=1/2']);
  const second = await runConformance({}, ['--shard=2/2']);

  for (const shard of [first, second]) {
    expect(shard.code, shard.stdout + shard.stderr).toBe(0);
    expect(shard.results?.run.filtered).toBe(true);
  }
  // Each shard's blob is named after its shard, so both can share one folder in CI.
  expect(readdirSync(join(first.reportsDir, 'blob'))).toEqual(['report-1.zip']);
  expect(readdirSync(join(second.reportsDir, 'blob'))).toEqual(['report-2.zip']);
  const shardTests = (first.results?.tests.length ?? 0) + (second.results?.tests.length ?? 0);
  expect(shardTests).toBe(whole.results?.tests.length);

  const merged = await runMerge([join(first.reportsDir, 'blob'), join(second.reportsDir, 'blob')]);

  expect(merged.code, merged.stdout + merged.stderr).toBe(whole.code);
  expect(merged.code).toBe(0);
  expect(resultsFileProblems(merged.results)).toEqual([]);
  expect(merged.results?.run.filtered).toBe(false);
  expect(merged.results?.targets).toEqual([{ name: 'mock', kind: 'mock', baseUrl: null }]);
  expect(comparable(merged.results)).toEqual(comparable(whole.results));
  expect(matrixCells(merged.reportsDir)).toEqual(matrixCells(whole.reportsDir));
  expect(matrixCells(merged.reportsDir)).toHaveLength(36);

  const inReport = htmlReportTests(merged.reportsDir);
  expect(inReport.size).toBe(whole.results?.tests.length);
  expect([...inReport].sort()).toEqual([...htmlReportTests(whole.reportsDir)].sort());
  expect(readFileSync(join(merged.reportsDir, 'junit.xml'), 'utf8')).toContain(
    `tests="${whole.results?.tests.length}"`,
  );
});

test('merged shards earn the exit code of the whole run: a failure in one shard is exit 1', async () => {
  const settings = { HARNESS_MOCK_PROFILE: 'rate-limit-no-retry-after' };
  const first = await runConformance(settings, ['--grep', '429', '--shard=1/2']);
  const second = await runConformance(settings, ['--grep', '429', '--shard=2/2']);

  // Whole reports folders: the blobs are found inside, the traces of failed tests skipped.
  const merged = await runMerge([first.reportsDir, second.reportsDir]);

  expect(merged.code, merged.stdout + merged.stderr).toBe(1);
  // --grep was given to the shards: the merged run is still a filtered one.
  expect(merged.results?.run.filtered).toBe(true);
  expect(merged.results?.cells.filter((c) => c.verdict === 'failed')).toHaveLength(6);
  expect(merged.stdout).toContain('6 failed');
});

test('merging without blob reports is a usage error in one line (exit 2)', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'no-blobs-'));
  const cases = [
    { given: [empty], want: `conformance:merge: no blob report (report*.zip) in ${empty}` },
    { given: [join(empty, 'missing')], want: 'is not a folder' },
  ];

  for (const { given, want } of cases) {
    const run = await runMerge(given);
    const lines = run.stderr.trim().split('\n');

    expect(run.code, run.stderr).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(want);
    expect(run.results).toBeUndefined();
  }
});
