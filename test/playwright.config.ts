/**
 * The project's own tests (`npm test`): the contract library, the mock tenant, the tools,
 * and a full conformance run against the mock. Not the conformance suites themselves:
 * those are configured in the root playwright.config.ts.
 */
import { defineConfig } from '@playwright/test';

const isCI = Boolean(process.env.CI);

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.test.ts',
  outputDir: '../test-results/project',
  forbidOnly: isCI,
  retries: 0,
  reporter: [isCI ? ['dot'] : ['list'], ['./skip-reasons.ts']],
  timeout: 60_000,
});
