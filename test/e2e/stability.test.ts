/**
 * `npm run stability`: repeated conformance runs with retries off, one seed each. A clean mock
 * gives stable runs (exit 0); a run with a conformance failure is reported unstable (exit 1),
 * with its output kept beside its reports.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { RunResults } from '../../src/report/results.ts';
import { runHarnessCommand } from './harness.ts';

test.describe.configure({ timeout: 180_000 });

const grep = ['--grep', 'createSendToken.*answers 401'];

test('runs the suites repeatedly, a seed each, and passes when every run is stable', async () => {
  const run = await runHarnessCommand(
    'scripts/stability.ts',
    { STABILITY_RUNS: '2', STABILITY_FIRST_SEED: '7' },
    grep,
  );

  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toContain('retries off, seeds 7..8');
  expect(run.stdout).toMatch(
    /run 2\/2 seed 8: exit 0, [\d.]+ s, [1-9]\d* passed, 0 failed, 0 flaky/,
  );
  expect(run.stdout).toContain('stability: 2 of 2 runs stable');
  for (const [folder, seed] of [
    ['run-01', 7],
    ['run-02', 8],
  ] as const) {
    const results = JSON.parse(
      readFileSync(join(run.reportsDir, 'stability', folder, 'results.json'), 'utf8'),
    ) as RunResults;
    expect(results.run.seed).toBe(seed);
    expect(results.summary.tests.failed).toBe(0);
  }
});

test('a run with a conformance failure is unstable: exit 1, its output kept', async () => {
  const run = await runHarnessCommand(
    'scripts/stability.ts',
    { STABILITY_RUNS: '1', HARNESS_MOCK_PROFILE: 'send-missing-status' },
    ['--grep', 'createSendToken.*answers 200'],
  );
  const output = join(run.reportsDir, 'stability', 'run-01', 'output.txt');

  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.stdout).toContain('stability: 0 of 1 runs stable');
  expect(run.stdout).toContain(`(see ${output})`);
  expect(existsSync(output)).toBe(true);
  expect(readFileSync(output, 'utf8')).toMatch(
    /conformance: 36 cells: \d+ passed, [1-9]\d* failed/,
  );
});

test('a refused command line stops the loop at its first run (exit 2)', async () => {
  const run = await runHarnessCommand('scripts/stability.ts', { STABILITY_RUNS: '5' }, [
    '--no-such-option',
  ]);

  expect(run.code, run.stdout + run.stderr).toBe(2);
  expect(run.stderr).toMatch(/^stability: run 1 was refused \(exit 2\), so the loop stops: /);
  expect(run.stdout).not.toContain('run 2/5');
});

test('a bad run count is a usage error in one line (exit 2)', async () => {
  const run = await runHarnessCommand('scripts/stability.ts', { STABILITY_RUNS: 'many' });

  expect(run.code).toBe(2);
  expect(run.stderr.trim()).toBe(
    'stability: STABILITY_RUNS must be a whole number between 1 and 1000, got "many"',
  );
});

test('a tenant in the environment or the env file is left out: the loop tests the embedded mock', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'stability-env-'));
  const envFile = join(folder, 'tenant.env');
  // A tenant nobody could reach, and a setting of the harness's own that must still apply.
  writeFileSync(
    envFile,
    'SAIL_CLIENT_ID=someone\nSAIL_CLIENT_SECRET=s3cret-of-a-tenant\nHARNESS_MOCK_PROFILE=send-missing-status\n',
  );
  const run = await runHarnessCommand(
    'scripts/stability.ts',
    { STABILITY_RUNS: '1', HARNESS_ENV_FILE: envFile, SAIL_BASE_URL: 'http://127.0.0.1:9' },
    ['--grep', 'createSendToken.*answers 200'],
  );
  const results = JSON.parse(
    readFileSync(join(run.reportsDir, 'stability', 'run-01', 'results.json'), 'utf8'),
  ) as RunResults;

  expect(run.stdout).toContain(
    'stability: the loop tests the embedded mock, not a tenant: SAIL_BASE_URL, SAIL_CLIENT_ID, SAIL_CLIENT_SECRET left out of its runs',
  );
  expect(results.targets.map((target) => target.kind)).toEqual(['mock']);
  // The profile from the same file applied: the mock broke the 200 cell, so the run is unstable.
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.stdout + run.stderr).not.toContain('s3cret-of-a-tenant');
});
