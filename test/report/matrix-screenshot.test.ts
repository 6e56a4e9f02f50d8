/**
 * The conformance matrix as a browser shows it: a page rendered from a small results file of
 * our own (test/report/fixtures/matrix-results.json), opened in Debian's Chromium through
 * playwright-core with the flags `npm run matrix:screenshot` uses, and asserted on through the
 * DOM: the 36 cells, their colours, their links and the strict warnings. Then the script itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Browser, Page } from 'playwright-core';
import { debianChromium, launchChromium, openMatrix } from '../../scripts/matrix-screenshot.ts';
import { renderMatrix } from '../../src/report/matrix.ts';
import type { CellVerdict, RunResults } from '../../src/report/results.ts';

const root = resolve(import.meta.dirname, '../..');
const fixture = join(import.meta.dirname, 'fixtures/matrix-results.json');
const results = JSON.parse(readFileSync(fixture, 'utf8')) as RunResults;
const hasChromium = existsSync(debianChromium);

/** Writes the fixture's matrix page into a fresh folder, as the results reporter would. */
function writeMatrix(): string {
  const dir = mkdtempSync(join(tmpdir(), 'matrix-'));
  const file = join(dir, 'matrix.html');
  writeFileSync(file, renderMatrix(results));

  return file;
}

function runScript(args: string[]) {
  return spawnSync(join(root, 'node_modules/.bin/tsx'), ['scripts/matrix-screenshot.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test.describe('the matrix page in Chromium', () => {
  test.skip(!hasChromium, `${debianChromium} is not installed (apt-get install chromium)`);
  test.describe.configure({ mode: 'serial' });

  let browser: Browser;
  let page: Page;
  let matrixFile: string;

  test.beforeAll(async () => {
    matrixFile = writeMatrix();
    browser = await launchChromium();
    page = await openMatrix(browser, matrixFile);
  });

  test.afterAll(async () => {
    await browser?.close();
  });

  /** The cell of one operation and status, found by the row and column headers. */
  async function cellAt(operationId: string, status: number) {
    const codes = await page.locator('table tr').first().locator('th').allInnerTexts();
    const column = codes.indexOf(String(status));
    const row = page.locator('table tr', {
      has: page.locator(`th code:text-is("${operationId}")`),
    });

    return row.locator('td').nth(column - 1);
  }

  test('shows the 36 cells: six operations by six documented codes', async () => {
    await expect(page.locator('td.cell')).toHaveCount(36);
    const codes = await page.locator('table tr').first().locator('th').allInnerTexts();
    expect(codes).toEqual(['operation', '200', '400', '401', '403', '429', '500']);
    const operations = await page.locator('table tr th code').allInnerTexts();
    expect(operations).toEqual([...new Set(results.cells.map((cell) => cell.operationId))]);
  });

  const colours: Array<{ id: string; given: CellVerdict; want: string }> = [
    { id: 'passed is green', given: 'passed', want: 'rgb(220, 245, 225)' },
    { id: 'failed is red', given: 'failed', want: 'rgb(251, 220, 220)' },
    { id: 'not exercised is grey', given: 'not_exercised', want: 'rgb(238, 240, 242)' },
    { id: 'not provokable is amber', given: 'not_provokable', want: 'rgb(255, 241, 204)' },
  ];
  for (const { id, given, want } of colours) {
    test(`colours each cell by its verdict: ${id}`, async () => {
      const cells = results.cells.filter((cell) => cell.verdict === given);
      expect(cells.length).toBeGreaterThan(0);

      for (const cell of cells) {
        const td = await cellAt(cell.operationId, cell.status);
        await expect(td).toHaveCSS('background-color', want);
        await expect(td.locator('.verdict')).toHaveText(given.replace('_', ' '));
      }
      // The legend shows the same colour under the same word.
      const swatch = page.locator(`.legend span.${given}`);
      await expect(swatch).toHaveCSS('background-color', want);
      await expect(swatch).toBeVisible();
    });
  }

  test('marks failed cells beyond colour: a bar and a failure badge', async () => {
    for (const cell of results.cells.filter((c) => c.verdict === 'failed')) {
      const td = await cellAt(cell.operationId, cell.status);
      await expect(td).toHaveCSS('box-shadow', /rgb\(198, 40, 40\).* inset/);
      await expect(td.locator('.fail')).toHaveText('1 failure');
      await expect(td.locator('.first-finding')).toHaveText('body_conforms at /status');
    }
    const passed = await cellAt('createSendToken', 200);
    await expect(passed).toHaveCSS('box-shadow', 'none');
    await expect(passed.locator('.fail')).toHaveCount(0);
  });

  test("links each cell's verdict to its test in the HTML report", async () => {
    for (const cell of results.cells) {
      const td = await cellAt(cell.operationId, cell.status);
      const test = results.tests.find((t) => t.id === cell.tests[0]);

      const link = td.locator('a.verdict');

      await expect(link).toHaveAttribute('href', test?.htmlReportLink ?? '');
      const target = new URL((await link.getAttribute('href')) ?? '', page.url());
      expect(target.href).toBe(
        `${pathToFileURL(join(matrixFile, '../html/index.html')).href}#?testId=${cell.tests[0]}`,
      );
    }
  });

  test('shows strict warnings on the cells that have them, and only there', async () => {
    const withWarnings = results.cells.filter((cell) =>
      cell.findings.some((finding) => finding.severity === 'warning'),
    );
    await expect(page.locator('td.cell .warn')).toHaveCount(withWarnings.length);

    for (const cell of withWarnings) {
      const count = cell.findings.filter((finding) => finding.severity === 'warning').length;
      const badge = (await cellAt(cell.operationId, cell.status)).locator('.warn');
      await expect(badge).toBeVisible();
      await expect(badge).toHaveText(`${count} strict warning${count > 1 ? 's' : ''}`);
      await expect(badge).toHaveCSS('background-color', 'rgb(255, 213, 107)');
    }
    await expect(page.locator('.legend')).toContainText('strict-profile findings, reported only');
  });

  test('fits the page width: no cell is cut off', async () => {
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );

    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('npm run matrix:screenshot', () => {
  test('saves a full-page PNG of the matrix', async () => {
    test.skip(!hasChromium, `${debianChromium} is not installed (apt-get install chromium)`);
    const matrixFile = writeMatrix();
    const out = join(matrixFile, '../shots/matrix.png');

    const run = runScript(['--matrix', matrixFile, '--out', out]);

    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim()).toBe(`matrix:screenshot: ${out}`);
    const size = pngSize(out);
    expect(size.width).toBe(1280);
    // Full page: taller than the 800-pixel viewport, as the table is.
    expect(size.height).toBeGreaterThan(800);
  });

  const refusals = [
    {
      id: 'a missing matrix',
      given: ['--matrix', '/nonexistent/matrix.html'],
      want: /^matrix:screenshot: no matrix at \/nonexistent\/matrix\.html; run npm run conformance first/,
    },
    {
      id: 'a missing chromium',
      given: ['--chromium', '/nonexistent/chromium'],
      want: /^matrix:screenshot: chromium not found at \/nonexistent\/chromium; install it \(apt-get install chromium\)/,
    },
    {
      id: 'an unknown flag',
      given: ['--colour', 'red'],
      want: /^matrix:screenshot: Unknown option '--colour'/,
    },
  ];
  for (const { id, given, want } of refusals) {
    test(`stops with exit 2 and one line on ${id}`, () => {
      const matrixFile = writeMatrix();

      const run = runScript([
        '--matrix',
        matrixFile,
        '--out',
        join(matrixFile, '../m.png'),
        ...given,
      ]);

      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(want);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(join(matrixFile, '../m.png'))).toBe(false);
    });
  }
});
