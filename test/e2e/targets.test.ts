/**
 * Several targets in one run, end to end: the embedded mock next to a separately started mock
 * named as the tenant `beta` through HARNESS_TENANTS and its own `__BETA` variables, armed with a
 * deviation profile so the two differ. One project per target, cells per target, the matrix
 * side by side with the differences, each tenant's secret kept out of every report.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { resultsFileProblems } from '../../src/report/validate-results.ts';
import { listFiles, readableText, runConformance, startMock } from './harness.ts';

test.describe.configure({ timeout: 300_000 });

/** The tenant beta's own admin secret: the standalone mock is started with it. */
const betaSecret = 'beta-admin-3f9c1d';

function betaSettings(url: string): Record<string, string> {
  return {
    HARNESS_TENANTS: 'beta',
    HARNESS_INCLUDE_MOCK: 'on',
    SAIL_BASE_URL__BETA: url,
    SAIL_CLIENT_ID__BETA: 'mock-admin',
    SAIL_CLIENT_SECRET__BETA: betaSecret,
    SAIL_USER_CLIENT_ID__BETA: 'mock-user',
    SAIL_USER_CLIENT_SECRET__BETA: 'mock-user-secret',
    SAIL_APP_CLIENT_ID__BETA: 'mock-app',
    SAIL_APP_CLIENT_SECRET__BETA: 'mock-app-secret',
    HARNESS_MOCK_CONTROLS__BETA: 'on',
  };
}

test('the embedded mock and a second tenant run side by side, and their differences are listed', async () => {
  const beta = await startMock(['--controls', '--rate-max', '5', '--rate-window-ms', '1000'], {
    MOCK_ADMIN_CLIENT_SECRET: betaSecret,
  });
  try {
    const run = await runConformance({
      ...betaSettings(beta.url),
      HARNESS_MOCK_PROFILE__BETA: 'rate-limit-no-retry-after',
    });
    const results = run.results;

    // The profile makes beta's six 429 cells fail: a conformance failure, exit 1.
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(resultsFileProblems(results)).toEqual([]);
    expect(results?.run.filtered).toBe(false);
    expect(results?.harnessErrors).toEqual([]);
    expect(results?.targets).toEqual([
      { name: 'mock', kind: 'mock', baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
      { name: 'beta', kind: 'live', baseUrl: beta.url },
    ]);
    const cells = results?.cells ?? [];
    const onMock = cells.filter((c) => c.target === 'mock');
    const onBeta = cells.filter((c) => c.target === 'beta');
    expect(onMock).toHaveLength(36);
    expect(onBeta).toHaveLength(36);
    expect(onMock.every((c) => c.verdict === 'passed')).toBe(true);
    expect(onBeta.filter((c) => c.verdict === 'failed').map((c) => c.status)).toEqual(
      Array(6).fill(429),
    );
    for (const failed of onBeta.filter((c) => c.verdict === 'failed')) {
      expect(failed.findings.map((f) => [f.check, f.target])).toContainEqual([
        'retry_after_valid',
        'beta',
      ]);
    }
    // Tests and latency belong to their project's target.
    const testTargets = new Set(results?.tests.map((t) => t.target));
    expect([...testTargets].sort()).toEqual(['beta', 'mock']);
    expect(new Set(results?.latency?.map((l) => l.target))).toEqual(new Set(['mock', 'beta']));
    expect(run.stdout).toContain('conformance:   beta: 36 cells: 30 passed, 6 failed');

    const matrix = readFileSync(join(run.reportsDir, 'matrix.html'), 'utf8');
    expect(matrix).toContain('<th>mock (mock)');
    expect(matrix).toContain(`<th>beta (live)<br><small>${beta.url}</small></th>`);
    expect(matrix.match(/class="cell (passed|failed)"/g)).toHaveLength(72);
    expect(matrix).toContain('<h2>Differences: mock versus live</h2>');
    const differences = matrix.split('<table class="differences">')[1] ?? '';
    expect(differences.match(/<tr><td><code>\w+<\/code> 429<\/td><td>beta<\/td>/g)).toHaveLength(6);
    expect(differences).not.toMatch(/<\/code> (200|400|401|403|500)<\/td>/);

    for (const file of listFiles(run.reportsDir)) {
      expect(readableText(file), file).not.toContain(betaSecret);
    }
  } finally {
    await beta.stop();
  }
});

test('a tenant of the list with refused credentials stops the run in one line naming its variables (exit 2)', async () => {
  const beta = await startMock([]);
  try {
    const run = await runConformance(betaSettings(beta.url));
    const lines = run.stderr.trim().split('\n');

    expect(run.code, run.stderr).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('SAIL_CLIENT_ID__BETA/SAIL_CLIENT_SECRET__BETA: the tenant refused');
    expect(run.stderr).not.toContain(betaSecret);
  } finally {
    await beta.stop();
  }
});
