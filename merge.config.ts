/**
 * The reports of a sharded run: `npx playwright merge-reports --config merge.config.ts <blobs>`
 * (or `npm run conformance:merge -- <blob folders>`, which also maps the result to the exit
 * code) turns the shards' blob reports into the same HTML report, JUnit file, results.json and
 * matrix as one unsharded run. It needs no tenant settings: targets, seed and strictness come
 * from the metadata each shard's playwright.config.ts wrote into its blob.
 */
import { resolve } from 'node:path';
import { defineConfig } from '@playwright/test';
import { config as loadDotenv } from 'dotenv';
import type { ResultsReporterOptions } from './src/report/results-reporter.ts';
import type { TraceRedactorOptions } from './src/report/trace-redactor.ts';

// Only the reports folder is read from the environment (or .env), as playwright.config.ts does.
loadDotenv({ path: resolve(process.env.HARNESS_ENV_FILE?.trim() || '.env'), quiet: true });
const reports = resolve(process.env.HARNESS_REPORTS_DIR?.trim() || 'reports');
const htmlReportDir = resolve(reports, 'html');

const results: ResultsReporterOptions = {
  outputFile: resolve(reports, 'results.json'),
  matrixFile: resolve(reports, 'matrix.html'),
  htmlReportDir,
  suitesDir: resolve(import.meta.dirname, 'suites'),
};

// The shards' traces were masked before their blobs were written; masking the merged copies
// again costs little and keeps the rule "every archive under reports/ is redacted" local.
const traceRedaction: TraceRedactorOptions = {
  reportsDir: reports,
  secrets: Object.entries(process.env)
    .filter(([name]) => /SECRET(__\w+)?$/.test(name))
    .map(([, value]) => value ?? ''),
};

export default defineConfig({
  // Where the suites are on this machine: test paths in the blobs are resolved against it.
  testDir: './suites',
  reporter: [
    ['html', { outputFolder: htmlReportDir, open: 'never' }],
    ['junit', { outputFile: resolve(reports, 'junit.xml') }],
    ['./src/report/results-reporter.ts', results],
    ['./src/report/trace-redactor.ts', traceRedaction],
  ],
});
