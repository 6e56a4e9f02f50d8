/**
 * From reports/results.json to the harness' exit code and a closing summary, shared by
 * `npm run conformance` (one run) and `npm run conformance:merge` (merged shards).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { exitCodeOf, type RunResults } from '../report/results.ts';
import { resultsFileProblems } from '../report/validate-results.ts';

/** Prints one line and exits: 2 for a usage error, 3 when the harness broke. */
export function fail(code: 2 | 3, message: string, tool = 'conformance'): never {
  console.error(`${tool}: ${message}`);
  process.exit(code);
}

/** Reads and validates a results file; exits 3 when it is missing, unreadable or invalid. */
export function readResults(resultsFile: string): RunResults {
  if (!existsSync(resultsFile)) {
    fail(3, `${resultsFile} was not written: the harness broke before or while reporting`);
  }

  let results: unknown;
  try {
    results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  } catch (error) {
    fail(3, `${resultsFile} is unreadable: ${(error as Error).message}`);
  }

  const problems = resultsFileProblems(results);
  if (problems.length > 0) {
    fail(3, `${resultsFile} does not match its schema: ${problems.join('; ')}`);
  }

  return results as RunResults;
}

/** The closing lines: cells per verdict (per target when there are several), errors, files. */
export function summarise(results: RunResults, code: number, reportsDir: string): string {
  const countCells = (cells: RunResults['cells']) => {
    const count = (verdict: string) => cells.filter((cell) => cell.verdict === verdict).length;
    return `${cells.length} cells: ${count('passed')} passed, ${count('failed')} failed, ${count('not_exercised')} not exercised, ${count('not_provokable')} not provokable`;
  };
  const { findings } = results.summary;
  const perTarget =
    results.targets.length > 1
      ? results.targets.map(
          (target) =>
            `conformance:   ${target.name}: ${countCells(results.cells.filter((c) => c.target === target.name))}`,
        )
      : [];
  const lines = [
    `conformance: ${countCells(results.cells)}; ${findings.failure} failure findings, ${findings.warning} warnings`,
    ...perTarget,
    ...results.harnessErrors.map(
      (error) => `conformance: harness error (${error.code}): ${error.message}`,
    ),
    ...(results.run.status === 'interrupted'
      ? ['conformance: the run was interrupted (Ctrl-C or a signal) before it finished']
      : []),
    ...(results.run.status === 'timedout'
      ? [
          "conformance: the run hit Playwright's global timeout (--global-timeout) before it finished",
        ]
      : []),
    `conformance: matrix ${resolve(reportsDir, 'matrix.html')}, results ${resolve(reportsDir, 'results.json')}; exit ${code}`,
  ];

  return lines.join('\n');
}

/** Reads the results file, prints the summary and exits with the code it earns. */
export function exitWithResults(reportsDir: string, runnerExit: number): never {
  const results = readResults(resolve(reportsDir, 'results.json'));
  const code = exitCodeOf(results, runnerExit);
  const usage = results.usageErrors?.[0];
  if (code === 2 && usage) fail(2, usage.message);
  console.log(summarise(results, code, reportsDir));
  process.exit(code);
}
