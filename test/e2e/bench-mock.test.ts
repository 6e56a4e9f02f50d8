/**
 * `npm run bench:mock` measures what it says: a short run loads each server with requests the
 * route answers 200 (no non-2xx, no socket errors, so the figures are of the real flow, not of
 * refusals), prints a row per target and the mock's ratios, and leaves no server running. No
 * figure is asserted: the benchmark's numbers go in reports, not in tests.
 */
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { runHarnessCommand } from './harness.ts';

test.describe.configure({ timeout: 120_000 });

/** Process ids of the servers the benchmark starts, found by their command lines. */
function benchServers(): string[] {
  const listing = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });

  return listing
    .split('\n')
    .filter((line) =>
      /src\/mock\/cli\.ts .*--rate-max 1000000000|bench-bare-server\.ts|prism mock .*mfa-controller/.test(
        line,
      ),
    )
    .map((line) => line.trim().split(/\s+/)[0] ?? '');
}

test('a one-second bench:mock loads every target with answered requests and stops its servers', async () => {
  const before = benchServers();

  const run = await runHarnessCommand('scripts/bench-mock.ts', {
    BENCH_DURATION: '1',
    BENCH_CONNECTIONS: '2',
  });

  expect(run.code, run.stderr).toBe(0);
  const rows = run.stdout
    .split('\n')
    .filter((line) => /│ \d+\s+│ '/.test(line))
    .map((line) => line.split('│').map((cell) => cell.trim()));
  expect(rows.length).toBeGreaterThanOrEqual(2);
  const targets = rows.map((cells) => cells[2]);
  expect(targets.slice(0, 2)).toEqual(["'mock tenant (Fastify)'", "'bare node:http'"]);
  for (const cells of rows) {
    const [, , target, reqPerSec, , , non2xx, errors] = cells;
    expect(Number(reqPerSec), `${target} req/s`).toBeGreaterThan(0);
    expect(non2xx, `${target} non-2xx`).toBe('0');
    expect(errors, `${target} errors`).toBe('0');
  }
  expect(run.stdout).toMatch(/mock \/ bare req\/s: \d+\.\d\dx/);
  expect(benchServers().filter((pid) => !before.includes(pid))).toEqual([]);
});

test('bench:mock refuses a duration that is not a whole number, before starting anything', async () => {
  const run = await runHarnessCommand('scripts/bench-mock.ts', { BENCH_DURATION: 'ten' });

  expect(run.code).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toContain('BENCH_DURATION');
});
