/**
 * `npm run conformance [-- playwright args]`: runs the conformance suites with
 * playwright.config.ts (extra arguments pass through, so --grep and --shard work), then reads
 * reports/results.json and exits with the harness' own code:
 *   0 every exercised cell conforms, 1 a conformance failure, 2 a bad setting (before any
 *   request), 3 the harness itself broke (an exception, a reporter error, no results file).
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { exitWithResults } from './results-exit.ts';

const root = resolve(import.meta.dirname, '../..');
// The same .env the config reads, so a reports folder set there is the one read back here.
loadDotenv({ path: resolve(process.env.HARNESS_ENV_FILE?.trim() || '.env'), quiet: true });
const reportsDir = resolve(process.env.HARNESS_REPORTS_DIR?.trim() || 'reports');

function runPlaywright(args: string[]): Promise<number> {
  const cli = resolve(root, 'node_modules/@playwright/test/cli.js');
  const child = spawn(
    process.execPath,
    [cli, 'test', '--config', resolve(root, 'playwright.config.ts'), ...args],
    { stdio: 'inherit', env: process.env },
  );
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);

  return new Promise((done) => {
    child.on('exit', (code, signal) => done(code ?? (signal ? 130 : 3)));
    child.on('error', () => done(3));
  });
}

try {
  rmSync(resolve(reportsDir, 'results.json'), { force: true });
} catch {
  // An unusable reports folder is refused by the settings check, with exit 2, just below.
}
const playwrightExit = await runPlaywright(process.argv.slice(2));
// playwright.config.ts and its global setup exit with 2 on a bad setting, before any test.
if (playwrightExit === 2) process.exit(2);

exitWithResults(reportsDir, playwrightExit);
