/**
 * `npm run compare -- <baseline> [<current>]`: what regressed and what improved between two
 * results files, per target. Prints the comparison, writes it as an HTML page, and exits
 *   0 no regression, 1 at least one regression, 2 a usage error (bad flag, missing or invalid
 *   file; nothing is written then).
 * `--update-baseline` copies the current file over the baseline after reporting; the exit code
 * still reflects the comparison, so a job can accept a run and still see that it regressed.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareResults, defaultCompareOptions } from '../report/compare.ts';
import { renderComparisonHtml, renderComparisonText } from '../report/compare-render.ts';
import type { RunResults } from '../report/results.ts';
import { resultsFileProblems } from '../report/validate-results.ts';

const usage = `usage: npm run compare -- <baseline.json> [<current.json>] [options]

  <current.json>            defaults to $HARNESS_REPORTS_DIR/results.json (reports/results.json)
  --html <path>             where the HTML page goes (default: <reports dir>/compare.html)
  --latency-factor <x>      p95 must be more than x times the baseline's to regress (default ${defaultCompareOptions.latencyFactor})
  --latency-floor <ms>      ...and at least this many ms slower (default ${defaultCompareOptions.latencyFloorMs})
  --update-baseline         copy the current file over the baseline after reporting
  -h, --help                this text

exit codes: 0 no regression, 1 a regression, 2 a usage error`;

function usageError(message: string): never {
  console.error(`compare: ${message}\n\n${usage}`);
  process.exit(2);
}

function fileError(message: string): never {
  console.error(`compare: ${message}`);
  process.exit(2);
}

function positiveNumber(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0) {
    usageError(`${flag} must be a number >= 0, got "${text}"`);
  }

  return value;
}

function readResultsFile(role: 'baseline' | 'current', path: string, shown: string): RunResults {
  if (!existsSync(path)) fileError(`the ${role} file ${shown} does not exist`);

  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    fileError(`the ${role} file ${shown} is not JSON: ${(error as Error).message}`);
  }
  const problems = resultsFileProblems(parsed);
  if (problems.length > 0) {
    const list = problems.map((problem) => `  ${problem}`).join('\n');
    fileError(`the ${role} file ${shown} is not a valid results file:\n${list}`);
  }

  return parsed as RunResults;
}

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        html: { type: 'string' },
        'latency-factor': { type: 'string' },
        'latency-floor': { type: 'string' },
        'update-baseline': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    usageError((error as Error).message);
  }
}

function main(): number {
  const { values, positionals } = parseCommandLine();
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals.length < 1) usageError('give the baseline results file');
  if (positionals.length > 2) usageError(`too many files: ${positionals.join(' ')}`);

  const reportsDir = resolve(process.env.HARNESS_REPORTS_DIR?.trim() || 'reports');
  const baselineFile = resolve(positionals[0] ?? '');
  const currentFile = resolve(positionals[1] ?? resolve(reportsDir, 'results.json'));
  const htmlFile = resolve(values.html ?? resolve(reportsDir, 'compare.html'));
  const options = {
    latencyFactor: positiveNumber(
      '--latency-factor',
      values['latency-factor'],
      defaultCompareOptions.latencyFactor,
    ),
    latencyFloorMs: positiveNumber(
      '--latency-floor',
      values['latency-floor'],
      defaultCompareOptions.latencyFloorMs,
    ),
  };

  // Show the paths as the user gave them.
  const files = {
    baseline: positionals[0] ?? baselineFile,
    current: positionals[1] ?? (relative(process.cwd(), currentFile) || currentFile),
  };
  const baseline = readResultsFile('baseline', baselineFile, files.baseline);
  const current = readResultsFile('current', currentFile, files.current);
  const comparison = compareResults(baseline, current, options);

  process.stdout.write(renderComparisonText(comparison, files));
  mkdirSync(dirname(htmlFile), { recursive: true });
  writeFileSync(htmlFile, renderComparisonHtml(comparison, files));
  console.log(`html     ${relative(process.cwd(), htmlFile) || htmlFile}`);

  if (values['update-baseline'] && baselineFile !== currentFile) {
    mkdirSync(dirname(baselineFile), { recursive: true });
    copyFileSync(currentFile, baselineFile);
    console.log(`baseline updated: ${files.current} copied over ${files.baseline}`);
  }

  return comparison.regressions > 0 ? 1 : 0;
}

process.exitCode = main();
