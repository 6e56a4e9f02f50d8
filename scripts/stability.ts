/**
 * `npm run stability [-- playwright args]`: the conformance run on the embedded mock, many times
 * in a row with retries off, each with its own seed and reports folder. A run is stable when it
 * exits 0 and no test failed, timed out or was flaky; the script prints one row per run and a
 * closing line, and exits 1 when any run was not stable (2 for a bad STABILITY_RUNS).
 *
 * Settings: STABILITY_RUNS (default 20), STABILITY_FIRST_SEED (default 1; run n uses seed
 * first + n - 1, so a failing run replays with HARNESS_SEED). Each run's output and reports
 * stay in reports/stability/run-NN/ until the next loop. A run refused for a bad setting or
 * argument (exit 2) stops the loop with exit 2.
 *
 * It always runs on the embedded mock: the live-target settings (`SAIL_*`, `HARNESS_TENANTS`),
 * from the environment or the env file, are left out of the runs, and the loop says so, so a
 * tenant configured in `.env` is never sent twenty runs. Other settings there still apply.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { devNull } from 'node:os';
import { join, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import type { RunResults } from '../src/report/results.ts';
import { readCount } from './read-count.ts';

const root = resolve(import.meta.dirname, '..');

const runs = readCount('stability', 'STABILITY_RUNS', 20, 1, 1000);
const firstSeed = readCount('stability', 'STABILITY_FIRST_SEED', 1, 0, 2 ** 31 - 1 - runs);
const passThrough = process.argv.slice(2);
const baseDir = resolve(root, process.env.HARNESS_REPORTS_DIR?.trim() || 'reports', 'stability');

/** Settings that point a run at a live tenant instead of the embedded mock. */
const isLiveTargetSetting = (name: string) =>
  name.startsWith('SAIL_') || name === 'HARNESS_TENANTS';

/**
 * The runs' environment: the env file's values under the environment's (as the harness reads
 * them), minus every live-target setting; the env file is then not read again by the runs.
 */
function mockOnlyEnvironment(): { env: NodeJS.ProcessEnv; ignored: string[] } {
  const named = process.env.HARNESS_ENV_FILE?.trim();
  const file = resolve(named || '.env');
  if (named && !existsSync(file)) {
    console.error(
      `stability: HARNESS_ENV_FILE: ${file} does not exist; point it at your settings file, or unset it to read .env`,
    );
    process.exit(2);
  }
  const fromFile = existsSync(file) ? parseDotenv(readFileSync(file)) : {};
  const merged: NodeJS.ProcessEnv = { ...fromFile, ...process.env };
  const ignored = Object.keys(merged)
    .filter((name) => isLiveTargetSetting(name) && merged[name]?.trim())
    .sort();
  for (const name of Object.keys(merged)) if (isLiveTargetSetting(name)) delete merged[name];
  merged.HARNESS_ENV_FILE = devNull;

  return { env: merged, ignored };
}

const runEnvironment = mockOnlyEnvironment();

interface Row {
  run: number;
  seed: number;
  exit: number;
  seconds: number;
  passed: number;
  failed: number;
  flaky: number;
  cells: string;
  stable: boolean;
}

/** One `npm run conformance` (the wrapper itself), its output kept beside its reports. */
function runOnce(reportsDir: string, seed: number): Promise<{ exit: number; seconds: number }> {
  rmSync(reportsDir, { recursive: true, force: true });
  mkdirSync(reportsDir, { recursive: true });
  const log = createWriteStream(join(reportsDir, 'output.txt'));
  const started = performance.now();
  const child = spawn(
    join(root, 'node_modules/.bin/tsx'),
    [join(root, 'src/cli/conformance.ts'), '--retries', '0', ...passThrough],
    {
      cwd: root,
      env: { ...runEnvironment.env, HARNESS_REPORTS_DIR: reportsDir, HARNESS_SEED: String(seed) },
    },
  );
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });

  return new Promise((done) => {
    child.on('close', (code) => {
      log.end();
      done({ exit: code ?? 3, seconds: (performance.now() - started) / 1000 });
    });
  });
}

function readResults(reportsDir: string): RunResults | undefined {
  const file = join(reportsDir, 'results.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunResults;
  } catch {
    return undefined;
  }
}

// The folder holds this loop's runs only: a longer earlier loop's extra runs would mislead.
rmSync(baseDir, { recursive: true, force: true });
if (runEnvironment.ignored.length > 0) {
  console.log(
    `stability: the loop tests the embedded mock, not a tenant: ${runEnvironment.ignored.join(', ')} left out of its runs`,
  );
}
console.log(
  `stability: ${runs} conformance runs on the embedded mock, retries off, seeds ${firstSeed}..${firstSeed + runs - 1}`,
);
const rows: Row[] = [];
for (let run = 1; run <= runs; run += 1) {
  const seed = firstSeed + run - 1;
  const reportsDir = join(baseDir, `run-${String(run).padStart(2, '0')}`);
  const { exit, seconds } = await runOnce(reportsDir, seed);
  if (exit === 2) {
    // A bad setting or command line fails every run alike: say so once and stop.
    const output = readFileSync(join(reportsDir, 'output.txt'), 'utf8').trim().split('\n');
    console.error(
      `stability: run ${run} was refused (exit 2), so the loop stops: ${output.at(-1)} (its whole output: ${join(reportsDir, 'output.txt')})`,
    );
    process.exit(2);
  }
  const results = readResults(reportsDir);
  const tests = results?.summary.tests;
  const cells = results?.summary.cells;
  const failed = (tests?.failed ?? 0) + (tests?.timedOut ?? 0) + (tests?.interrupted ?? 0);
  const row: Row = {
    run,
    seed,
    exit,
    seconds: Math.round(seconds * 10) / 10,
    passed: tests?.passed ?? 0,
    failed,
    flaky: tests?.flaky ?? 0,
    cells: cells ? `${cells.passed}/${results.cells.length} passed` : 'no results',
    stable: exit === 0 && results !== undefined && failed === 0 && (tests?.flaky ?? 0) === 0,
  };
  rows.push(row);
  console.log(
    `stability: run ${run}/${runs} seed ${seed}: exit ${exit}, ${row.seconds} s, ${row.passed} passed, ${failed} failed, ${row.flaky} flaky, cells ${row.cells}${row.stable ? '' : ` (see ${join(reportsDir, 'output.txt')})`}`,
  );
}

console.table(rows);
const unstable = rows.filter((row) => !row.stable);
const seconds = rows.map((row) => row.seconds);
console.log(
  `stability: ${rows.length - unstable.length} of ${rows.length} runs stable; ${seconds.length ? `${Math.min(...seconds)}-${Math.max(...seconds)} s per run` : ''}; reports in ${baseDir}`,
);
process.exit(unstable.length > 0 ? 1 : 0);
