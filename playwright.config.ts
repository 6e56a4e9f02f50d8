/**
 * The conformance run: the suites in suites/ against each target, one Playwright project per
 * target: the embedded mock (started here, on a free port) unless SAIL_BASE_URL or
 * HARNESS_TENANTS name tenants, and also with them when HARNESS_INCLUDE_MOCK=on. Settings are
 * checked before anything starts; a bad one prints one line and exits with code 2.
 * `npm run conformance` wraps this config and turns reports/results.json into the exit code;
 * merge.config.ts makes the same reports from sharded runs' blob reports.
 */
import { resolve } from 'node:path';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import { exitOnUsageError } from './fixtures/preflight.ts';
import { loadTargets, type Settings, SettingsError } from './fixtures/settings.ts';
import type { ResultsReporterOptions } from './src/report/results-reporter.ts';
import {
  isFilteredByArguments,
  type RunMetadata,
  runMetadataKey,
  type TargetMetadata,
  targetMetadataKey,
} from './src/report/run-metadata.ts';
import type { TraceRedactorOptions } from './src/report/trace-redactor.ts';

const isCI = Boolean(process.env.CI);

let targets: Settings[];
try {
  targets = loadTargets();
} catch (error) {
  exitOnUsageError(error);
}
// Run-wide settings (seed, timeout, strictness, reports folder) are the same on every target.
const settings = targets[0] as Settings;
const hasMock = targets.some((each) => each.target.kind === 'mock');
/** Sharded runs write a blob report to merge later (npm run conformance:merge). */
const isSharded = process.argv.some((arg) => /^--shard(=|$)/.test(arg));

const reports = settings.reportsDir;
const htmlReportDir = resolve(reports, 'html');

const results: ResultsReporterOptions = {
  outputFile: resolve(reports, 'results.json'),
  matrixFile: resolve(reports, 'matrix.html'),
  htmlReportDir,
  suitesDir: resolve(import.meta.dirname, 'suites'),
};

/** What the results reporter reads instead of settings; blob reports keep it for merging. */
const runMetadata: RunMetadata = {
  seed: settings.seed,
  strictProfile: settings.strictProfile,
  warningsAsFailures: settings.warningsAsFailures,
  filteredByArguments: isFilteredByArguments(process.argv),
};

function describeTarget({ target }: Settings): TargetMetadata {
  return target.hostUrl
    ? { name: target.name, kind: target.kind, baseUrl: target.hostUrl }
    : { name: target.name, kind: target.kind };
}

/** HARNESS_TRACE: keep traces of failed tests (on by default; the trace redactor masks them). */
const traceSetting = process.env.HARNESS_TRACE?.trim().toLowerCase() || 'on';
if (!['on', 'off', '1', '0', 'true', 'false', 'yes', 'no'].includes(traceSetting)) {
  exitOnUsageError(
    new SettingsError('HARNESS_TRACE', `"${traceSetting}" is not on or off`, 'use on or off'),
  );
}
const isTraceOn = ['on', '1', 'true', 'yes'].includes(traceSetting);

const traceRedaction: TraceRedactorOptions = {
  reportsDir: reports,
  // Every configured client secret: of the settings (the embedded mock's defaults included) and
  // any *SECRET variable, such as another tenant's SAIL_CLIENT_SECRET__<TENANT>.
  secrets: [
    ...targets.flatMap((each) => Object.values(each.credentials).map((c) => c.clientSecret)),
    ...Object.entries(process.env)
      .filter(([name]) => /SECRET(__\w+)?$/.test(name))
      .map(([, value]) => value ?? ''),
  ],
};

// Last: Playwright calls each reporter's onEnd in turn, so the HTML and blob reporters have
// copied the traces by the time this one rewrites every archive under the reports folder.
const traceReporter: ReporterDescription = ['./src/report/trace-redactor.ts', traceRedaction];

const common: ReporterDescription[] = [
  ['html', { outputFolder: htmlReportDir, open: 'never' }],
  ['junit', { outputFile: resolve(reports, 'junit.xml') }],
  ['./src/report/results-reporter.ts', results],
];

/** The embedded mock: a free port, the controls on, a small rate budget the 429 tests exhaust. */
const mockCommand = [
  'npx tsx src/mock/cli.ts --port 0 --controls',
  `--seed ${settings.seed}`,
  `--rate-max ${settings.mockRate.max}`,
  `--rate-window-ms ${settings.mockRate.windowMs}`,
  // Playwright starts the mock in its own process group; should the runner be killed without
  // its clean-up (SIGTERM to the job, a CI cancel), the mock exits on its own.
  `--exit-with-pid ${process.pid}`,
].join(' ');

export default defineConfig({
  testDir: './suites',
  testMatch: '**/*.spec.ts',
  outputDir: resolve(reports, 'test-output'),
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  // One worker per target (projects run side by side): a target's tests share its state, reset
  // the mock before each test, and spend one rate budget.
  workers: targets.length,
  fullyParallel: false,
  // Each request has its own limit (HARNESS_REQUEST_TIMEOUT_MS); this only bounds a whole test.
  timeout: Math.max(60_000, settings.requestTimeoutMs * 6),
  reporter:
    isCI || isSharded
      ? [
          [isCI ? 'dot' : 'list'],
          ['blob', { outputDir: resolve(reports, 'blob') }],
          ...common,
          traceReporter,
        ]
      : [['list'], ...common, traceReporter],
  globalSetup: './fixtures/preflight.ts',
  use: {
    // Traces record raw headers and bodies (tokens, codes); the trace redactor masks them.
    trace: isTraceOn ? 'retain-on-failure' : 'off',
  },
  metadata: { [runMetadataKey]: runMetadata },
  projects: targets.map((each) => ({
    name: each.target.name,
    workers: 1,
    metadata: { [targetMetadataKey]: describeTarget(each) },
  })),
  ...(hasMock
    ? {
        webServer: {
          command: mockCommand,
          // Playwright copies the named group into process.env.MOCK_URL for the workers.
          wait: { stdout: /listening on (?<mock_url>http:\/\/\S+)/ },
          timeout: 60_000,
          reuseExistingServer: false,
          gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
        },
      }
    : {}),
});
