/**
 * `npm run conformance [-- playwright args]`: runs the conformance suites with
 * playwright.config.ts (extra arguments pass through, so --grep and --shard work), then reads
 * reports/results.json and exits with the harness' own code:
 *   0 every exercised cell conforms, 1 a conformance failure, 2 a bad setting or command line
 *   (before any request), 3 the harness itself broke (an exception, a reporter error, no results file).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import type { RunResults } from '../report/results.ts';
import { exitWithResults, fail } from './results-exit.ts';

const root = resolve(import.meta.dirname, '../..');
// The same .env the config reads, so a reports folder set there is the one read back here.
loadDotenv({ path: resolve(process.env.HARNESS_ENV_FILE?.trim() || '.env'), quiet: true });
const reportsDir = resolve(process.env.HARNESS_REPORTS_DIR?.trim() || 'reports');

const cli = resolve(root, 'node_modules/@playwright/test/cli.js');
const config = resolve(root, 'playwright.config.ts');

function runPlaywright(args: string[]): Promise<number> {
  const child = spawn(process.execPath, [cli, 'test', '--config', config, ...args], {
    stdio: 'inherit',
    env: process.env,
  });
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
/**
 * Whether the suites load and list without the user's arguments. Playwright refuses a bad
 * command line (an unknown option, a missing option value, an invalid --grep pattern, an
 * unknown --project, a bad --shard or --workers) with exit 1 before any reporter runs, the same
 * code as a broken config: listing without those arguments tells the two apart.
 */
function suitesListWithoutArguments(): boolean {
  const listed = spawnSync(process.execPath, [cli, 'test', '--config', config, '--list'], {
    env: process.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return listed.status === 0;
}

/**
 * Whether the run never got to a test: no results file, or one with no test and only
 * run-level errors (an invalid --grep pattern reaches the reporter that way). A file whose
 * filters matched nothing carries its own usage error and is read as usual.
 */
function ranNoTest(resultsFile: string): boolean {
  if (!existsSync(resultsFile)) return true;
  try {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as Partial<RunResults>;
    return (
      (results.tests ?? []).length === 0 &&
      (results.usageErrors ?? []).length === 0 &&
      (results.harnessErrors ?? []).every((error) => error.code === 'RUN_ERROR')
    );
  } catch {
    return false;
  }
}

const userArgs = process.argv.slice(2);
const playwrightExit = await runPlaywright(userArgs);
// playwright.config.ts and its global setup exit with 2 on a bad setting, before any test.
if (playwrightExit === 2) process.exit(2);
if (
  playwrightExit === 1 &&
  userArgs.length > 0 &&
  ranNoTest(resolve(reportsDir, 'results.json')) &&
  suitesListWithoutArguments()
) {
  // Whatever the reporter managed to write describes no run; a usage error leaves no results.
  rmSync(resolve(reportsDir, 'results.json'), { force: true });
  fail(
    2,
    `Playwright refused the arguments "${userArgs.join(' ')}" (its message is above); \`npx playwright test --help\` lists the options`,
  );
}

exitWithResults(reportsDir, playwrightExit);
