/**
 * Three timeouts in a row stop the rest of one target's tests, not the run: a stalled tenant
 * next to the embedded mock ends early with its reason, while the mock's 36 cells still pass.
 */
import { expect, test } from '@playwright/test';
import { runConformance, startMock } from './harness.ts';

test.describe.configure({ timeout: 300_000 });

test('a stalled tenant stops after three timeouts while the other target runs to the end', async () => {
  const stalled = await startMock(['--controls']);
  try {
    const armed = await stalled.control('POST', '/faults', {
      operationId: '*',
      kind: 'latency',
      delayMs: 3000,
      count: 100_000,
    });
    expect(armed.status).toBe(201);

    const run = await runConformance({
      HARNESS_TENANTS: 'slow',
      HARNESS_INCLUDE_MOCK: 'on',
      SAIL_BASE_URL__SLOW: stalled.url,
      SAIL_CLIENT_ID__SLOW: 'mock-admin',
      SAIL_CLIENT_SECRET__SLOW: 'mock-admin-secret',
      SAIL_USER_CLIENT_ID__SLOW: 'mock-user',
      SAIL_USER_CLIENT_SECRET__SLOW: 'mock-user-secret',
      SAIL_APP_CLIENT_ID__SLOW: 'mock-app',
      SAIL_APP_CLIENT_SECRET__SLOW: 'mock-app-secret',
      HARNESS_REQUEST_TIMEOUT_MS: '300',
    });

    expect(run.code, run.stdout + run.stderr).toBe(1);
    const cells = run.results?.cells ?? [];
    const onMock = cells.filter((cell) => cell.target === 'mock');
    expect(onMock.filter((cell) => cell.verdict !== 'passed')).toEqual([]);
    expect(onMock).toHaveLength(36);

    const slowFindings = cells
      .filter((cell) => cell.target === 'slow')
      .flatMap((cell) => cell.findings);
    expect(slowFindings.filter((f) => f.check === 'response_timely')).toHaveLength(3);
    expect(slowFindings.every((f) => f.target === 'slow')).toBe(true);

    const tests = run.results?.tests ?? [];
    const stopped = tests.filter((t) => t.reason?.includes('stopped answering'));
    expect(stopped.length).toBeGreaterThan(50);
    expect(stopped.every((t) => t.target === 'slow')).toBe(true);
    expect(run.results?.harnessErrors).toEqual([]);
  } finally {
    await stalled.stop();
  }
});
