/**
 * The Playwright reporter that masks secrets in trace archives. Playwright writes a trace per
 * failed test with raw headers and bodies; this reporter rewrites each one as soon as its test
 * ends, and once more at the end of the run every zip under the reports folder: the copies the
 * HTML reporter makes under `html/data/` and the blob report (listed before this reporter, so
 * their `onEnd` has run), with the literal secrets learnt from all of the run's traces.
 *
 * It runs in Playwright's main process, where the secrets the workers registered are unknown: it
 * masks the configured client secrets it is given, secrets by key and by shape, and the values
 * it harvests from the traces themselves (tokens the run was issued, codes, answers).
 */
import {
  existsSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { Redactor } from '../contract/redact.ts';
import { TraceRedaction } from './trace-redaction.ts';

/** Options given in playwright.config.ts. */
export interface TraceRedactorOptions {
  /** The reports folder: every zip under it is rewritten at the end of the run. */
  reportsDir: string;
  /** Client secrets of every configured role and target. */
  secrets: string[];
}

/** Folders never searched for archives, should the reports folder be a project root. */
const skippedFolders = new Set(['node_modules', '.git']);

function listArchives(folder: string): string[] {
  if (!existsSync(folder)) return [];

  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return skippedFolders.has(name) ? [] : listArchives(path);
    return name.endsWith('.zip') ? [path] : [];
  });
}

export default class TraceRedactor implements Reporter {
  readonly #options: TraceRedactorOptions;
  readonly #traces: TraceRedaction;
  readonly #unreadable = new Set<string>();

  constructor(options: TraceRedactorOptions) {
    this.#options = options;
    const redactor = new Redactor();
    for (const secret of options.secrets) redactor.addSecret(secret);
    this.#traces = new TraceRedaction(redactor);
  }

  printsToStdio(): boolean {
    return false;
  }

  /** Masks the test's traces at once, so an interrupted run leaves none raw behind. */
  onTestEnd(_test: TestCase, result: TestResult): void {
    const files = result.attachments.flatMap((attachment) =>
      attachment.name === 'trace' && attachment.path && existsSync(attachment.path)
        ? [attachment.path]
        : [],
    );
    this.#rewrite(files);
  }

  async onEnd(): Promise<void> {
    this.#rewrite(listArchives(this.#options.reportsDir));
    if (this.#unreadable.size > 0) {
      // Thrown, Playwright lists it as a reporter error and the run fails (harness error, exit 3).
      throw new Error(
        `trace redaction: could not read ${[...this.#unreadable].join(', ')}; deleted it so no ` +
          'secret stays behind',
      );
    }
  }

  /** Learns the secrets of all `files` first, then masks each in place. */
  #rewrite(files: string[]): void {
    const archives = new Map<string, Buffer>();
    for (const file of files) {
      try {
        const data = readFileSync(file);
        this.#traces.harvest(data);
        archives.set(file, data);
      } catch {
        this.#discard(file);
      }
    }

    for (const [file, data] of archives) {
      let masked: Uint8Array | undefined;
      try {
        masked = this.#traces.redact(data);
      } catch {
        this.#discard(file);
        continue;
      }
      if (!masked) continue;
      // Write beside it and rename, so a reader never sees half an archive.
      const partial = `${file}.partial`;
      writeFileSync(partial, masked);
      renameSync(partial, file);
    }
  }

  /** An archive that cannot be read cannot be masked: it is removed and reported. */
  #discard(file: string): void {
    rmSync(file, { force: true });
    this.#unreadable.add(file);
  }
}
