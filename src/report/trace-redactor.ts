/**
 * The Playwright reporter that masks secrets in trace archives. Playwright writes a trace per
 * failed test with raw headers and bodies; this reporter rewrites each one as soon as its test
 * ends, and once more at the end of the run every zip under the reports folder: the copies the
 * HTML reporter makes under `html/data/` and the blob report (listed before this reporter, so
 * their `onEnd` has run), with the literal secrets learnt from all of the run's traces.
 *
 * The HTML reporter also embeds its report data (tests, steps, their errors) as a base64 zip in
 * `index.html`; Playwright's own step error for a timed-out request quotes the request's call log,
 * headers included, so that embedded archive is masked the same way.
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
    return name.endsWith('.zip') || name.endsWith('.html') ? [path] : [];
  });
}

/** Where the HTML reporter embeds its data: a data URL inside a `<template>` of index.html. */
const embeddedZip = /(data:application\/zip;base64,)([A-Za-z0-9+/=]+)/;

/**
 * An archive file read as an archive: a zip as it is, an HTML page by the zip it embeds (with
 * the way to put a masked copy back), or undefined for a page that embeds none.
 */
function readArchive(
  file: string,
): { data: Buffer; write(masked: Uint8Array): Buffer } | undefined {
  const raw = readFileSync(file);
  if (!file.endsWith('.html')) return { data: raw, write: (masked) => Buffer.from(masked) };

  const page = raw.toString('latin1');
  const match = embeddedZip.exec(page);
  if (!match?.[2]) return undefined;
  const start = match.index + (match[1]?.length ?? 0);
  const end = start + match[2].length;

  return {
    data: Buffer.from(match[2], 'base64'),
    write: (masked) =>
      Buffer.from(
        page.slice(0, start) + Buffer.from(masked).toString('base64') + page.slice(end),
        'latin1',
      ),
  };
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
    const archives = new Map<string, NonNullable<ReturnType<typeof readArchive>>>();
    for (const file of files) {
      try {
        const archive = readArchive(file);
        if (!archive) continue;
        this.#traces.harvest(archive.data);
        archives.set(file, archive);
      } catch {
        this.#discard(file);
      }
    }

    for (const [file, archive] of archives) {
      let masked: Uint8Array | undefined;
      try {
        masked = this.#traces.redact(archive.data);
      } catch {
        this.#discard(file);
        continue;
      }
      if (!masked) continue;
      // Write beside it and rename, so a reader never sees half an archive.
      const partial = `${file}.partial`;
      writeFileSync(partial, archive.write(masked));
      renameSync(partial, file);
    }
  }

  /** An archive that cannot be read cannot be masked: it is removed and reported. */
  #discard(file: string): void {
    rmSync(file, { force: true });
    this.#unreadable.add(file);
  }
}
