/**
 * An unexpected 429 on a live tenant: a test that did not ask for throttling waits out the
 * Retry-After within a 30 s budget per test, then skips with the reason, leaving its cell not
 * exercised rather than failed. The standalone mock plays the tenant (the harness is not given
 * its controls); a `rate_limit` fault armed on it answers 429 with a Retry-After of its rate
 * window, so a small window keeps the waits short.
 */
import { expect, test } from '@playwright/test';
import { runConformance, startMock, tenantSettings } from './harness.ts';

test.describe.configure({ timeout: 240_000 });

/** The one non-429 test every case runs: it sends one createSendToken request. */
const grep = 'createSendToken .*answers 400 to an empty body';

const throttleCases = [
  {
    id: 'one 429 with Retry-After 1 s is waited out and the test passes',
    given: { count: 1, windowMs: 1000 },
    want: { outcome: 'passed', verdict: 'passed', minMs: 1000, maxMs: 20_000, faultsLeft: 0 },
  },
  {
    id: 'two 429s of 1 s each stay within the 30 s budget: waited out, the test passes',
    given: { count: 2, windowMs: 1000 },
    want: { outcome: 'passed', verdict: 'passed', minMs: 2000, maxMs: 20_000, faultsLeft: 0 },
  },
  {
    id: '429s that outlast the 30 s budget skip the test with the reason',
    given: { count: 100, windowMs: 1000 },
    // At most the budget is waited, and at most one retry per Retry-After: no hammering.
    want: { outcome: 'skipped', verdict: 'not_exercised', minMs: 1000, maxMs: 45_000 },
  },
  {
    id: 'a Retry-After longer than the budget skips at once, without a retry',
    given: { count: 100, windowMs: 31_000 },
    want: { outcome: 'skipped', verdict: 'not_exercised', minMs: 0, maxMs: 5_000, faultsLeft: 99 },
  },
];

for (const { id, given, want } of throttleCases) {
  test(`unexpected 429 on a live tenant: ${id}`, async () => {
    const mock = await startMock(['--controls', '--rate-window-ms', String(given.windowMs)]);
    try {
      const armed = await mock.control('POST', '/faults', {
        operationId: 'createSendToken',
        kind: 'rate_limit',
        count: given.count,
      });
      expect(armed.status).toBe(201);

      const run = await runConformance(tenantSettings(mock.url), ['--grep', grep]);

      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.results?.harnessErrors).toEqual([]);
      const [record, ...others] = run.results?.tests ?? [];
      expect(others).toEqual([]);
      expect(record?.outcome, record?.reason).toBe(want.outcome);
      expect(record?.durationMs).toBeGreaterThanOrEqual(want.minMs);
      expect(record?.durationMs).toBeLessThan(want.maxMs);
      const cell = run.results?.cells.find(
        (each) => each.operationId === 'createSendToken' && each.status === 400,
      );
      expect(cell?.verdict, cell?.reason).toBe(want.verdict);
      if (want.outcome === 'skipped') {
        expect(record?.reason).toMatch(/throttled \(429, Retry-After \d+ s\)/);
        expect(cell?.reason).toContain('429');
        expect(cell?.reason).toContain('Retry-After');
        expect(run.results?.summary.findings.failure).toBe(0);
      } else {
        expect(cell?.observed).toBe(1);
      }

      // Every request used up one hit of the fault: what is left counts the requests sent.
      const left = (await (await mock.control('GET', '/faults')).json()) as Array<{
        count: number;
      }>;
      const faultsLeft = left[0]?.count ?? 0;
      if (want.faultsLeft !== undefined) expect(faultsLeft).toBe(want.faultsLeft);
      // Never more than one request per second of Retry-After, plus the first.
      expect(given.count - faultsLeft).toBeLessThanOrEqual(32);
    } finally {
      await mock.stop();
    }
  });
}
