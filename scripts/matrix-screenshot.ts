/**
 * `npm run matrix:screenshot`: opens the conformance matrix (`reports/matrix.html`) in Debian's
 * Chromium, driven by playwright-core, and saves what it shows as `reports/matrix.png`. So the
 * page users open is looked at in a real browser, not assumed.
 *
 *   npm run matrix:screenshot -- [--matrix reports/matrix.html] [--out reports/matrix.png]
 *                                [--chromium /usr/bin/chromium] [--width 1280]
 *
 * Exit 0 with the PNG's path on stdout; exit 2 with one line on stderr when Chromium or the
 * matrix is missing or a flag is wrong.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Debian's Chromium package; Playwright's own browser builds cannot be downloaded here. */
export const debianChromium = '/usr/bin/chromium';

/** Flags for a quiet, headless, sandbox-free run (root in a container, no GPU, no network). */
export const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A usage problem: printed as one line, exit code 2. */
export class ScreenshotUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScreenshotUsageError';
  }
}

/** Starts Chromium with `chromiumFlags`; fails with the fix when it is not installed. */
export async function launchChromium(executablePath = debianChromium): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new ScreenshotUsageError(
      `chromium not found at ${executablePath}; install it (apt-get install chromium) or pass --chromium <path>`,
    );
  }

  // playwright-core adds --headless itself; the same flag twice is harmless.
  return chromium.launch({ executablePath, args: chromiumFlags, headless: true });
}

function requireMatrix(matrixFile: string): void {
  if (!existsSync(matrixFile)) {
    throw new ScreenshotUsageError(
      `no matrix at ${matrixFile}; run npm run conformance first, or pass --matrix <file>`,
    );
  }
}

/** Opens a matrix file in a new page of `browser` and waits until it has laid out. */
export async function openMatrix(
  browser: Browser,
  matrixFile: string,
  width = 1280,
): Promise<Page> {
  requireMatrix(matrixFile);
  const page = await browser.newPage({ viewport: { width, height: 800 } });
  await page.goto(pathToFileURL(matrixFile).href, { waitUntil: 'load' });

  return page;
}

/** Options of `screenshotMatrix`. */
export interface ScreenshotOptions {
  matrixFile: string;
  outFile: string;
  chromiumPath?: string;
  width?: number;
}

/** Renders the matrix in Chromium and writes a full-page PNG. */
export async function screenshotMatrix(options: ScreenshotOptions): Promise<void> {
  requireMatrix(options.matrixFile);
  const browser = await launchChromium(options.chromiumPath);
  try {
    const page = await openMatrix(browser, options.matrixFile, options.width);
    mkdirSync(dirname(options.outFile), { recursive: true });
    await page.screenshot({ path: options.outFile, fullPage: true });
  } finally {
    await browser.close();
  }
}

function readOptions(argv: string[]): ScreenshotOptions {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        matrix: { type: 'string' },
        out: { type: 'string' },
        chromium: { type: 'string' },
        width: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ScreenshotUsageError((error as Error).message);
  }
  const reports = process.env.HARNESS_REPORTS_DIR?.trim() || 'reports';
  const width = Number(values.width ?? 1280);
  if (!Number.isInteger(width) || width < 320 || width > 4000) {
    throw new ScreenshotUsageError(`--width "${values.width}" is not a whole number 320 to 4000`);
  }

  return {
    matrixFile: resolve(values.matrix ?? `${reports}/matrix.html`),
    outFile: resolve(values.out ?? `${reports}/matrix.png`),
    chromiumPath: values.chromium ?? debianChromium,
    width,
  };
}

async function main(): Promise<void> {
  try {
    const options = readOptions(process.argv.slice(2));
    await screenshotMatrix(options);
    console.log(`matrix:screenshot: ${options.outFile}`);
  } catch (error) {
    if (!(error instanceof ScreenshotUsageError)) throw error;
    console.error(`matrix:screenshot: ${error.message}`);
    process.exit(2);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
