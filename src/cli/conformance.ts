/**
 * `npm run conformance [-- playwright args]`: runs the conformance suites with
 * playwright.config.ts (extra arguments pass through, so --grep and --shard work), then reads
 * reports/results.json and exits with the harness' own code:
 *   0 every exercised cell conforms, 1 a conformance failure, 2 a bad setting (before any
 *   request), 3 the harness itself broke (an exception, a reporter error, no results file).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { exitCodeOf, type RunResults } from '../report/results.ts';

const root = resolve(import.meta.dirname, '../..');
const reportsDir = resolve(process.env.HARNESS_REPORTS_DIR?.trim() || 'reports');
const resultsFile = resolve(reportsDir, 'results.json');

function fail(code: 2 | 3, message: string): never {
  console.error(`conformance: ${message}`);
  process.exit(code);
}

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

function readResults(): RunResults {
  if (!existsSync(resultsFile)) {
    fail(3, `${resultsFile} was not written: the harness broke before or while reporting`);
  }

  let results: unknown;
  try {
    results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch (error) {
    fail(3, `${resultsFile} is unreadable: ${(error as Error).message}`);
  }

  const schema = JSON.parse(
    readFileSync(resolve(root, 'src/report/results.schema.json'), 'utf8'),
  ) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  if (!validate(results)) {
    fail(3, `${resultsFile} does not match its schema: ${ajv.errorsText(validate.errors)}`);
  }

  return results as RunResults;
}

function summarise(results: RunResults, code: number): string {
  const { cells, findings } = results.summary;
  const parts = [
    `${cells.passed} passed`,
    `${cells.failed} failed`,
    `${cells.not_exercised} not exercised`,
    `${cells.not_provokable} not provokable`,
  ];
  const lines = [
    `conformance: ${results.cells.length} cells: ${parts.join(', ')}; ${findings.failure} failure findings, ${findings.warning} warnings`,
    ...results.harnessErrors.map(
      (error) => `conformance: harness error (${error.code}): ${error.message}`,
    ),
    `conformance: matrix ${resolve(reportsDir, 'matrix.html')}, results ${resultsFile}; exit ${code}`,
  ];

  return lines.join('\n');
}

rmSync(resultsFile, { force: true });
const playwrightExit = await runPlaywright(process.argv.slice(2));
// playwright.config.ts and its global setup exit with 2 on a bad setting, before any test.
if (playwrightExit === 2) process.exit(2);

const results = readResults();
const code = exitCodeOf(results, playwrightExit);
console.log(summarise(results, code));
process.exit(code);
