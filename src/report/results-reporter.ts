/**
 * The Playwright reporter behind `reports/results.json` and `reports/matrix.html`. It collects
 * each test's cells, outcome and attached exchanges, rolls them up per cell and target, runs the
 * coverage guard, and tells harness errors apart from conformance failures.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type {
  FullConfig,
  FullResult,
  Reporter,
  Suite,
  TestCase,
  TestError,
  TestResult,
} from '@playwright/test/reporter';
import { defaultRedactor } from '../contract/redact.ts';
import { loadSpec, specFiles } from '../contract/spec.ts';
import { renderMatrix } from './matrix.ts';
import type { HarnessError, RunResults, TargetResult } from './results.ts';
import { buildResults, type CollectedTest } from './rollup.ts';

/** Options given in playwright.config.ts. */
export interface ResultsReporterOptions {
  /** Where results.json goes. */
  outputFile: string;
  /** Where the matrix page goes. */
  matrixFile: string;
  /** The Playwright HTML report folder, to link cells to tests. */
  htmlReportDir: string;
  target: { name: string; kind: 'mock' | 'live'; baseUrl?: string };
  /** The folder holding the suites, for the coverage guard's "was every file loaded?". */
  suitesDir: string;
  seed: number;
  strictProfile: boolean;
  warningsAsFailures: boolean;
}

function readToolVersion(): { name: string; version: string } {
  const file = new URL('../../package.json', import.meta.url);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };

  return { name: parsed.name ?? 'unknown', version: parsed.version ?? '0.0.0' };
}

/** Masks secrets the main process knows of (configured client secrets) and secret shapes. */
function registerKnownSecrets(): void {
  for (const [name, value] of Object.entries(process.env)) {
    if (/SECRET$/.test(name)) defaultRedactor.addSecret(value);
  }
}

function errorText(error: TestError): string {
  return defaultRedactor.maskText(error.message ?? error.value ?? 'unknown error');
}

export default class ResultsReporter implements Reporter {
  readonly #options: ResultsReporterOptions;
  readonly #collected = new Map<string, CollectedTest>();
  readonly #runErrors: HarnessError[] = [];
  #config: FullConfig | undefined;
  #root: Suite | undefined;
  #startedAt = new Date();

  constructor(options: ResultsReporterOptions) {
    this.#options = options;
    registerKnownSecrets();
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.#config = config;
    this.#root = suite;
    this.#startedAt = new Date();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const previous = this.#collected.get(test.id);
    this.#collected.set(test.id, {
      test,
      results: [...(previous?.results ?? []), result],
      errors: result.errors.map(errorText),
    });
  }

  onError(error: TestError): void {
    this.#runErrors.push({ code: 'RUN_ERROR', message: errorText(error) });
  }

  /** Whether --grep, --shard, test.only or a file filter left tests out of this run. */
  #isFiltered(): boolean {
    const config = this.#config;
    if (!config || !this.#root) return true;
    if (config.shard || config.grepInvert) return true;
    const greps = Array.isArray(config.grep) ? config.grep : [config.grep];
    if (greps.some((grep) => grep.source !== '.*')) return true;
    // --grep and friends given on the command line do not show in FullConfig.
    const filterFlags =
      /^(-g|--grep|--grep-invert|--last-failed|--only-changed|--shard|--test-list)(=|$)/;
    if (process.argv.some((arg) => filterFlags.test(arg))) return true;

    const loaded = new Set(
      this.#root.suites.flatMap((project) =>
        project.suites.map((file) => resolve(file.location?.file ?? '')),
      ),
    );
    const onDisk = readdirSync(this.#options.suitesDir)
      .filter((name) => name.endsWith('.spec.ts'))
      .map((name) => resolve(this.#options.suitesDir, name));

    return onDisk.some((file) => !loaded.has(file));
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const options = this.#options;
    const spec = await loadSpec(specFiles.mfaController);
    const baseUrl = options.target.baseUrl ?? process.env.MOCK_URL ?? null;
    const target: TargetResult = {
      name: options.target.name,
      kind: options.target.kind,
      baseUrl: baseUrl ? defaultRedactor.maskUrl(baseUrl).replace(/\/+$/, '') : null,
    };
    const tests = (this.#root?.allTests() ?? []).map(
      (test) => this.#collected.get(test.id) ?? { test, results: [], errors: [] },
    );
    const results: RunResults = buildResults({
      spec,
      target,
      tests,
      runErrors: this.#runErrors,
      filtered: this.#isFiltered(),
      htmlLink: (testId) => {
        const folder = relative(dirname(options.outputFile), options.htmlReportDir);
        return `${folder || '.'}/index.html#?testId=${testId}`;
      },
      rootDir: this.#config?.configFile ? dirname(this.#config.configFile) : process.cwd(),
      run: {
        tool: readToolVersion(),
        spec: { title: spec.title, version: spec.version },
        startedAt: this.#startedAt.toISOString(),
        durationMs: Math.round(result.duration),
        seed: options.seed,
        strictProfile: options.strictProfile,
        warningsAsFailures: options.warningsAsFailures,
        status: result.status,
      },
    });

    mkdirSync(dirname(options.outputFile), { recursive: true });
    writeFileSync(options.outputFile, `${JSON.stringify(results, null, 2)}\n`);
    mkdirSync(dirname(options.matrixFile), { recursive: true });
    writeFileSync(options.matrixFile, renderMatrix(results));

    const gap = results.harnessErrors.some((error) => error.code === 'COVERAGE_GAP');
    return gap ? { status: 'failed' } : undefined;
  }
}
