/**
 * The conformance run: the suites in suites/ against one target, the embedded mock (started
 * here, on a free port) unless SAIL_BASE_URL names a tenant. Settings are checked before
 * anything starts; a bad one prints one line and exits with code 2. `npm run conformance`
 * wraps this config and turns reports/results.json into the exit code.
 */
import { resolve } from 'node:path';
import { defineConfig, type ReporterDescription } from '@playwright/test';
import { exitOnUsageError } from './fixtures/preflight.ts';
import { loadSettings, type Settings, SettingsError } from './fixtures/settings.ts';
import type { ResultsReporterOptions } from './src/report/results-reporter.ts';
import type { TraceRedactorOptions } from './src/report/trace-redactor.ts';

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
    ...Object.values(settings.credentials).map((c) => c.clientSecret),
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
    ? [['dot'], ['blob', { outputDir: resolve(reports, 'blob') }], ...common, traceReporter]
    : [['list'], ...common, traceReporter],
  globalSetup: './fixtures/preflight.ts',
  use: {
    // Traces record raw headers and bodies (tokens, codes); the trace redactor masks them.
    trace: isTraceOn ? 'retain-on-failure' : 'off',
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
