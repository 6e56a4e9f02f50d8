/**
 * `npm run conformance [-- playwright args]`: runs the conformance suites with
 * playwright.config.ts (extra arguments pass through, so --grep and --shard work), then reads
 * reports/results.json and exits with the harness' own code:
 *   0 every exercised cell conforms, 1 a conformance failure, 2 a bad setting or command line
 *   (before any request), 3 the harness itself broke (an exception, a reporter error, no
 *   results file) or the run was interrupted or timed out.
 * The previous run's reports stay as they were until Playwright writes new ones; a results file
 * older than this run is never read as this run's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import type { RunResults } from '../report/results.ts';
import { exitWithResults, fail } from './results-exit.ts';

const root = resolve(import.meta.dirname, '../..');
// The same .env the config reads, so a reports folder set there is the one read back here.
loadDotenv({ path: resolve(process.env.HARNESS_ENV_FILE?.trim() || '.env'), quiet: true });
const reportsDir = resolve(process.env.HARNESS_REPORTS_DIR?.trim() || 'reports');
const resultsFile = resolve(reportsDir, 'results.json');

const cli = resolve(root, 'node_modules/@playwright/test/cli.js');
const config = resolve(root, 'playwright.config.ts');

/** The signal that asked this run to stop, if one did. */
let stoppedBy: NodeJS.Signals | undefined;

/**
 * Runs Playwright. A SIGINT or SIGTERM sent to the wrapper reaches Playwright as SIGINT, the
 * signal it stops on gracefully (the tests end, the reporters write an interrupted run).
 */
function runPlaywright(args: string[]): Promise<number> {
  const child = spawn(process.execPath, [cli, 'test', '--config', config, ...args], {
    stdio: 'inherit',
    env: process.env,
  });
  const forward = (signal: NodeJS.Signals) => {
    stoppedBy ??= signal;
    child.kill('SIGINT');
  };
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);

  return new Promise((done) => {
    child.on('exit', (code, signal) => {
      if (signal) stoppedBy ??= signal;
      done(code ?? (signal ? 130 : 3));
    });
    child.on('error', () => done(3));
  });
}

/**
 * Lists the suites without the user's arguments, its reporters off and its reports in a
 * scratch folder, so the check writes nothing of the user's. Exit 0: the suites and config are
 * fine, so Playwright refused the arguments; 2: a bad setting (its line is returned); else the
 * harness is broken.
 */
function listWithoutArguments(): { status: number | null; settingsError: string } {
  const scratch = mkdtempSync(join(tmpdir(), 'conformance-list-'));
  try {
    const listed = spawnSync(
      process.execPath,
      [cli, 'test', '--config', config, '--list', '--reporter=null'],
      {
        env: { ...process.env, HARNESS_REPORTS_DIR: scratch },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    return { status: listed.status, settingsError: (listed.stderr ?? '').trim() };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The results file if this run wrote it (not a previous run's), parsed loosely. */
function freshResults(startedAt: number): Partial<RunResults> | 'missing' | 'unreadable' {
  if (!existsSync(resultsFile) || statSync(resultsFile).mtimeMs < startedAt) return 'missing';
  try {
    return JSON.parse(readFileSync(resultsFile, 'utf8')) as Partial<RunResults>;
  } catch {
    return 'unreadable';
  }
}

/**
 * Whether the run never got to a test: no fresh results file, or one with no test and only
 * run-level errors from a run that was neither interrupted nor timed out (an invalid --grep
 * pattern reaches the reporter that way). Filters that matched nothing carry their own usage
 * error in the file and are read as usual.
 */
function ranNoTest(results: ReturnType<typeof freshResults>): boolean {
  if (results === 'missing') return true;
  if (results === 'unreadable') return false;
  return (
    results.run?.status === 'failed' &&
    (results.tests ?? []).length === 0 &&
    (results.usageErrors ?? []).length === 0 &&
    (results.harnessErrors ?? []).every((error) => error.code === 'RUN_ERROR')
  );
}

const userArgs = process.argv.slice(2);
const has = (...names: string[]) =>
  userArgs.some((arg) => names.some((name) => arg === name || arg.startsWith(`${name}=`)));

// The harness' reports come from the config's reporters; --reporter would replace them all.
if (has('--reporter')) {
  fail(
    2,
    '--reporter would replace the harness reporters (results.json, matrix.html, the HTML report, junit.xml); leave it out: the console shows list locally and dot on CI',
  );
}

// Help, version and listing run no test: Playwright answers, its exit code is the answer, and
// no report is written or read.
if (has('--help', '-h', '--version', '-V', '--list')) {
  const listing = has('--list') && !has('--help', '-h', '--version', '-V');
  process.exit(await runPlaywright(listing ? [...userArgs, '--reporter=list'] : userArgs));
}

// mtime has at most millisecond steps; a file from this run is never older than its start.
const startedAt = Date.now() - 1;
const playwrightExit = await runPlaywright(userArgs);
// playwright.config.ts and its global setup exit with 2 on a bad setting, before any test.
if (playwrightExit === 2) process.exit(2);

if (playwrightExit === 1 && userArgs.length > 0 && ranNoTest(freshResults(startedAt))) {
  const listed = listWithoutArguments();
  if (listed.status === 2) {
    // A bad setting as well as a bad argument: the setting's one line, as without arguments.
    console.error(listed.settingsError);
    process.exit(2);
  }
  if (listed.status === 0) {
    // What the reporter managed to write describes no run.
    if (freshResults(startedAt) !== 'missing') rmSync(resultsFile, { force: true });
    fail(
      2,
      `Playwright refused the arguments ${JSON.stringify(userArgs.join(' '))} (its message is above); \`npx playwright test --help\` lists the options`,
    );
  }
}

if (freshResults(startedAt) === 'missing') {
  const left = existsSync(resultsFile) ? " (the results file there is a previous run's)" : '';
  if (stoppedBy) {
    fail(3, `the run was stopped by ${stoppedBy} before it wrote ${resultsFile}${left}`);
  }
  fail(3, `${resultsFile} was not written: the harness broke before or while reporting${left}`);
}
exitWithResults(reportsDir, playwrightExit);
