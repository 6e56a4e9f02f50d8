/**
 * End to end: two real conformance runs against the mock (one operation only, to keep them
 * small), one clean and one with a deviation profile armed, then `npm run compare` on the files.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { root, runConformance } from '../e2e/harness.ts';

function runCompare(args: string[]) {
  const run = spawnSync(
    join(root, 'node_modules/.bin/tsx'),
    [join(root, 'src/cli/compare.ts'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0' },
    },
  );

  return { code: run.status, output: run.stdout + run.stderr };
}

test('compare: a real run with text/plain on sendOktaVerifyRequest 200 regresses against a clean one', async () => {
  test.setTimeout(240_000);
  const grep = ['--grep', 'sendOktaVerifyRequest'];

  // One after the other: each run starts its own mock and Playwright workers.
  const clean = await runConformance({}, grep);
  const deviant = await runConformance({ HARNESS_MOCK_PROFILE: 'okta-text-plain' }, grep);
  expect(clean.code, clean.stdout + clean.stderr).toBe(0);
  expect(deviant.code, deviant.stdout + deviant.stderr).toBe(1);
  const baseline = join(clean.reportsDir, 'results.json');
  const current = join(deviant.reportsDir, 'results.json');
  // Timing on a shared machine is noise; the latency rules are tested on hand-built files.
  const flags = ['--html', join(deviant.reportsDir, 'compare.html'), '--latency-floor', '60000'];

  const worse = runCompare([baseline, current, ...flags]);
  const same = runCompare([baseline, baseline, ...flags]);
  const better = runCompare([current, baseline, ...flags]);

  expect(worse.output).toContain('cell        sendOktaVerifyRequest 200: passed -> failed');
  expect(worse.output).toContain('media type  sendOktaVerifyRequest 200 text/plain:');
  expect(worse.code, worse.output).toBe(1);
  expect(same.output).toContain('no regression: 0 regressions, 0 improvements');
  expect(same.code, same.output).toBe(0);
  expect(better.output).toMatch(/no regression: 0 regressions, [1-9]\d* improvements/);
  expect(better.code, better.output).toBe(0);
});
