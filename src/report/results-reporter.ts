/**
 * The Playwright reporter behind `reports/results.json` and `reports/matrix.html`. It collects
 * each test's cells, outcome and attached exchanges, rolls them up per cell and target, runs the
 * coverage guard, and tells harness errors apart from conformance failures.
 *
 * It reads targets and tuning from the run's metadata (see run-metadata.ts), never from the
 * settings, so it works the same in a test run and under `playwright merge-reports`
 * (merge.config.ts), where the shards' blob reports carry the tests, attachments and metadata.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
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
import type { HarnessError, RunResults, TargetResult, UsageError } from './results.ts';
import { buildResults, type CollectedTest } from './rollup.ts';
import { isFilteredByArguments, readRunMetadata, readTargetMetadata } from './run-metadata.ts';

/** Options given in playwright.config.ts and merge.config.ts: where things are, nothing else. */
export interface ResultsReporterOptions {
  /** Where results.json goes. */
  outputFile: string;
  /** Where the matrix page goes. */
  matrixFile: string;
  /** The Playwright HTML report folder, to link cells to tests. */
  htmlReportDir: string;
  /** The folder holding the suites, for the coverage guard's "was every file loaded?". */
  suitesDir: string;
}

function readToolVersion(): { name: string; version: string } {
  const file = new URL('../../package.json', import.meta.url);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };

  return { name: parsed.name ?? 'unknown', version: parsed.version ?? '0.0.0' };
}

/** Masks secrets the main process knows of (configured client secrets) and secret shapes. */
function registerKnownSecrets(): void {
  for (const [name, value] of Object.entries(process.env)) {
    // SAIL_CLIENT_SECRET, MOCK_APP_CLIENT_SECRET, and per tenant SAIL_CLIENT_SECRET__ACME.
    if (/SECRET(__\w+)?$/.test(name)) defaultRedactor.addSecret(value);
  }
}

/** Whether Playwright reports that `--max-failures` ended the run. */
function isStoppedEarly(message: string, config: FullConfig | undefined): boolean {
  const plain = stripVTControlCharacters(message);
  return (
    Boolean(config?.maxFailures) &&
    /^Testing stopped early after \d+ maximum allowed failures/.test(plain)
  );
}

/** Playwright's own words when the filters leave no test ('No tests found', sometimes with a dot). */
function isNoTestsFound(message: string): boolean {
  return /^(Error: )?No tests found\b/.test(stripVTControlCharacters(message).trim());
}

/** The run's command-line arguments after `test`, for a message (secrets are never arguments). */
function describeArguments(argv: string[]): string {
  const at = argv.indexOf('test');
  const args = (at >= 0 ? argv.slice(at + 1) : []).filter(
    (arg, index, all) =>
      arg !== '--config' && all[index - 1] !== '--config' && !arg.startsWith('--config='),
  );
  return args.length > 0 ? args.join(' ') : 'no arguments';
}

function errorText(error: TestError): string {
  // Playwright colours some run-level messages; the file and the matrix get plain text.
  return defaultRedactor.maskText(
    stripVTControlCharacters(error.message ?? error.value ?? 'unknown error'),
  );
}

export default class ResultsReporter implements Reporter {
  readonly #options: ResultsReporterOptions;
  readonly #collected = new Map<string, CollectedTest>();
  readonly #runErrors: HarnessError[] = [];
  readonly #usageErrors: UsageError[] = [];
  #stoppedEarly = false;
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
    const message = errorText(error);
    // `--max-failures` (-x) stopping the run is the user's choice, not a harness fault: the
    // failures that stopped it decide the exit code, and the tests left out make it filtered.
    if (isStoppedEarly(message, this.#config)) {
      this.#stoppedEarly = true;
      return;
    }
    // Filters that match nothing are the command line's fault, not the harness': exit 2.
    if (isNoTestsFound(message) && (this.#root?.allTests().length ?? 0) === 0) {
      this.#usageErrors.push({
        code: 'NO_TESTS_MATCHED',
        message: `no test matched the command line's filters (${describeArguments(process.argv)}); \`npx playwright test --list --config playwright.config.ts\` lists the tests`,
      });
      return;
    }

    this.#runErrors.push({ code: 'RUN_ERROR', message });
  }

  /** Whether --grep, --shard, test.only or a file filter left tests out of this run. */
  #isFiltered(): boolean {
    const config = this.#config;
    if (!config || !this.#root || this.#stoppedEarly) return true;
    // A shard is a filtered run; merging the shards' blobs clears `shard` and restores the whole.
    if (config.shard || config.grepInvert) return true;
    const greps = Array.isArray(config.grep) ? config.grep : [config.grep];
    if (greps.some((grep) => grep.source !== '.*')) return true;
    // --grep and friends given on the command line do not show in FullConfig: the config
    // records them (also for merge-reports, whose own command line has none).
    if (readRunMetadata(config.metadata)?.filteredByArguments) return true;
    if (isFilteredByArguments(process.argv)) return true;

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

  /** The run's targets, one per project, from the metadata playwright.config.ts wrote. */
  #targets(): TargetResult[] {
    const targets = new Map<string, TargetResult>();
    // A run whose filters matched nothing has no project suites: it still names the targets
    // configured, so the file says what the run was aimed at.
    const projects =
      (this.#root?.suites.length ?? 0) > 0
        ? (this.#root?.suites ?? []).map((suite) => ({
            title: suite.title,
            metadata: suite.project()?.metadata,
          }))
        : (this.#config?.projects ?? []).map((project) => ({
            title: project.name,
            metadata: project.metadata,
          }));
    // Merged blobs repeat each project once per shard.
    for (const project of projects) {
      const described = readTargetMetadata(project.metadata);
      const name = described?.name ?? project.title;
      if (targets.has(name)) continue;
      const kind = described?.kind ?? (name === 'mock' ? 'mock' : 'live');
      // The embedded mock's address is known only inside its own run (MOCK_URL); merged shards
      // each had their own, so a merged file has none.
      const baseUrl = described?.baseUrl ?? (kind === 'mock' ? process.env.MOCK_URL : undefined);
      targets.set(name, {
        name,
        kind,
        baseUrl: baseUrl ? defaultRedactor.maskUrl(baseUrl).replace(/\/+$/, '') : null,
      });
    }

    return [...targets.values()];
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const options = this.#options;
    const spec = await loadSpec(specFiles.mfaController);
    const tuning = readRunMetadata(this.#config?.metadata);
    if (!tuning) {
      this.#runErrors.push({
        code: 'RUN_ERROR',
        message: 'the run carries no harness metadata: run it with playwright.config.ts',
      });
    }
    const tests = (this.#root?.allTests() ?? []).map(
      (test) => this.#collected.get(test.id) ?? { test, results: [], errors: [] },
    );
    const results: RunResults = buildResults({
      spec,
      targets: this.#targets(),
      tests,
      runErrors: this.#runErrors,
      usageErrors: this.#usageErrors,
      filtered: this.#isFiltered(),
      htmlLink: (testId) => {
        const folder = relative(dirname(options.outputFile), options.htmlReportDir);
        return `${folder || '.'}/index.html#?testId=${testId}`;
      },
      rootDir: this.#config?.configFile ? dirname(this.#config.configFile) : process.cwd(),
      run: {
        tool: readToolVersion(),
        spec: { title: spec.title, version: spec.version },
        // Under merge-reports, the earliest shard's start.
        startedAt: (result.startTime ?? this.#startedAt).toISOString(),
        durationMs: Math.round(result.duration),
        seed: tuning?.seed ?? 0,
        strictProfile: tuning?.strictProfile ?? true,
        warningsAsFailures: tuning?.warningsAsFailures ?? false,
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
