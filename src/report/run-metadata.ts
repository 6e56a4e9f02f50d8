/**
 * What playwright.config.ts writes into the run's metadata for the results reporter: the run's
 * tuning in `config.metadata`, each target in its project's `metadata`. Playwright keeps both in
 * blob reports, so the reporter reads the same facts in a live run and under `merge-reports`,
 * where no settings (and no secrets) are at hand. Nothing secret belongs here.
 */

/** Key of the run's tuning in `config.metadata`. */
export const runMetadataKey = 'harness';

/** Key of a target's description in `project.metadata`. */
export const targetMetadataKey = 'harnessTarget';

/** The run's tuning, as set by the environment of the run (or of each shard). */
export interface RunMetadata {
  seed: number;
  strictProfile: boolean;
  warningsAsFailures: boolean;
  /** True when command-line filters (--grep, --last-failed, ...) other than --shard were given. */
  filteredByArguments: boolean;
}

/** One target (Playwright project), without credentials. */
export interface TargetMetadata {
  name: string;
  kind: 'mock' | 'live';
  /** The tenant host; absent for the embedded mock, whose port each run picks anew. */
  baseUrl?: string;
}

/** Command-line flags that leave tests out of a run. --shard is not one: merging restores it. */
const filterFlags = /^(-g|--grep|--grep-invert|--last-failed|--only-changed|--test-list)(=|$)/;

/** Whether the runner's command line filters tests (read where the config is evaluated). */
export function isFilteredByArguments(argv: readonly string[]): boolean {
  return argv.some((arg) => filterFlags.test(arg));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the run's tuning back; undefined when the config did not record it. */
export function readRunMetadata(metadata: unknown): RunMetadata | undefined {
  const value = isRecord(metadata) ? metadata[runMetadataKey] : undefined;
  if (!isRecord(value) || typeof value.seed !== 'number') return undefined;

  return {
    seed: value.seed,
    strictProfile: value.strictProfile !== false,
    warningsAsFailures: value.warningsAsFailures === true,
    filteredByArguments: value.filteredByArguments === true,
  };
}

/** Reads a target back from a project's metadata; undefined when it carries none. */
export function readTargetMetadata(metadata: unknown): TargetMetadata | undefined {
  const value = isRecord(metadata) ? metadata[targetMetadataKey] : undefined;
  if (!isRecord(value) || typeof value.name !== 'string') return undefined;
  const kind = value.kind === 'mock' ? 'mock' : 'live';

  return typeof value.baseUrl === 'string'
    ? { name: value.name, kind, baseUrl: value.baseUrl }
    : { name: value.name, kind };
}
