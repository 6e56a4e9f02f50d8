/**
 * The conformance run: the suites in suites/ against one target, the embedded mock (started
 * here, on a free port) unless SAIL_BASE_URL names a tenant. Settings are checked before
 * anything starts; a bad one prints one line and exits with code 2. `npm run conformance`
 * wraps this config and turns reports/results.json into the exit code.
 */
import { resolve } from 'node:path';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import { exitOnUsageError } from './fixtures/preflight.ts';
import { loadSettings, type Settings } from './fixtures/settings.ts';
import type { ResultsReporterOptions } from './src/report/results-reporter.ts';

const isCI = Boolean(process.env.CI);

let settings: Settings;
try {
  settings = loadSettings();
} catch (error) {
  exitOnUsageError(error);
}

const reports = settings.reportsDir;
const htmlReportDir = resolve(reports, 'html');
const target = settings.target;

const results: ResultsReporterOptions = {
  outputFile: resolve(reports, 'results.json'),
  matrixFile: resolve(reports, 'matrix.html'),
  htmlReportDir,
  suitesDir: resolve(import.meta.dirname, 'suites'),
  target: target.hostUrl
    ? { name: target.name, kind: target.kind, baseUrl: target.hostUrl }
    : { name: target.name, kind: target.kind },
  seed: settings.seed,
  strictProfile: settings.strictProfile,
  warningsAsFailures: settings.warningsAsFailures,
};

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
].join(' ');

export default defineConfig({
  testDir: './suites',
  testMatch: '**/*.spec.ts',
  outputDir: resolve(reports, 'test-output'),
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  // One worker: the suites share one target and reset the mock before each test, and a live
  // tenant's rate budget is shared too.
  workers: 1,
  fullyParallel: false,
  // Each request has its own limit (HARNESS_REQUEST_TIMEOUT_MS); this only bounds a whole test.
  timeout: Math.max(60_000, settings.requestTimeoutMs * 6),
  reporter: isCI
    ? [['dot'], ['blob', { outputDir: resolve(reports, 'blob') }], ...common]
    : [['list'], ...common],
  globalSetup: './fixtures/preflight.ts',
  use: {
    // Traces record raw headers and bodies (tokens, codes): off unless asked for.
    trace: process.env.HARNESS_TRACE === 'on' ? 'retain-on-failure' : 'off',
  },
  projects: [{ name: target.name }],
  ...(target.kind === 'mock'
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
