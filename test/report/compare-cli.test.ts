/**
 * `npm run compare` as a user runs it: exit codes 0, 1 and 2, the HTML page, clear messages for
 * missing and invalid files, and `--update-baseline`. Files are small and hand-built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { cell, finding, results } from './compare-support.ts';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');

/** Runs the CLI in a fresh folder (which also holds the default reports/ dir). */
function runCompare(args: string[], cwd: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: '0' };
  delete env.HARNESS_REPORTS_DIR;
  const run = spawnSync(tsx, [join(root, 'src/cli/compare.ts'), ...args], {
    cwd,
    env,
    encoding: 'utf8',
  });

  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function workspace(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'compare-cli-'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }

  return dir;
}

const kba = 'sendKbaAnswers 200';
const clean = results([cell(kba, 'passed')]);
const regressed = results([
  cell(kba, 'failed', [
    finding({ check: 'body_conforms', operation: 'sendKbaAnswers', status: 200, location: '/x' }),
  ]),
]);

interface UsageCase {
  id: string;
  given: { args: string[]; files?: Record<string, unknown> };
  want: RegExp;
}

const usageCases: UsageCase[] = [
  { id: 'no file given', given: { args: [] }, want: /give the baseline results file/ },
  {
    id: 'an unknown flag',
    given: { args: ['base.json', '--colour'], files: { 'base.json': clean } },
    want: /Unknown option '--colour'/,
  },
  {
    id: 'a latency factor that is not a number',
    given: { args: ['base.json', '--latency-factor', 'fast'], files: { 'base.json': clean } },
    want: /--latency-factor must be a number >= 0, got "fast"/,
  },
  {
    id: 'a missing baseline',
    given: { args: ['gone.json'] },
    want: /^compare: the baseline file gone\.json does not exist$/m,
  },
  {
    id: 'the default current file missing',
    given: { args: ['base.json'], files: { 'base.json': clean } },
    want: /the current file reports\/results\.json does not exist/,
  },
  {
    id: 'a current file that is not JSON',
    given: { args: ['base.json', 'now.json'], files: { 'base.json': clean, 'now.json': '{ nope' } },
    want: /the current file now\.json is not JSON/,
  },
  {
    id: 'a baseline that breaks the schema, with where',
    given: {
      args: ['base.json', 'now.json'],
      files: {
        'base.json': { ...clean, cells: [{ ...clean.cells[0], verdict: 'great' }] },
        'now.json': clean,
      },
    },
    want: /the baseline file base\.json is not a valid results file:\n {2}\/cells\/0\/verdict: must be equal to one of the allowed values \(passed, failed, not_exercised, not_provokable\)/,
  },
  {
    id: 'a current file of another kind entirely',
    given: { args: ['base.json', 'now.json'], files: { 'base.json': clean, 'now.json': [] } },
    want: /the current file now\.json is not a valid results file:\n {2}\/: must be object/,
  },
];

for (const { id, given, want } of usageCases) {
  test(`compare CLI: ${id} exits 2 with a clear message`, () => {
    const dir = workspace(given.files ?? {});

    const run = runCompare(given.args, dir);

    expect(run.stderr).toMatch(want);
    expect(run.code).toBe(2);
    expect(existsSync(join(dir, 'reports/compare.html'))).toBe(false);
  });
}

test('compare CLI: a regression exits 1, lists it and writes the HTML page', () => {
  const dir = workspace({ 'base.json': clean, 'now.json': regressed });

  const run = runCompare(['base.json', 'now.json'], dir);

  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('cell        sendKbaAnswers 200: passed -> failed');
  expect(run.stdout).toContain('finding     body_conforms sendKbaAnswers 200 /x');
  expect(run.stdout).toContain('REGRESSED: 2 regressions, 0 improvements');
  expect(run.code).toBe(1);
  const html = readFileSync(join(dir, 'reports/compare.html'), 'utf8');
  expect(html).toContain('<h2>Target mock</h2>');
  expect(html).toContain('body_conforms sendKbaAnswers 200 /x');
});

test('compare CLI: the way back exits 0 and lists improvements', () => {
  const dir = workspace({ 'base.json': regressed, 'now.json': clean });

  const run = runCompare(['base.json', 'now.json', '--html', 'out/page.html'], dir);

  expect(run.stdout).toContain('no regression: 0 regressions, 2 improvements');
  expect(run.code).toBe(0);
  expect(existsSync(join(dir, 'out/page.html'))).toBe(true);
});

test('compare CLI: --update-baseline copies the current file and still exits 1', () => {
  const dir = workspace({ 'base.json': clean, 'now.json': regressed });

  const first = runCompare(['base.json', 'now.json', '--update-baseline'], dir);
  const second = runCompare(['base.json', 'now.json'], dir);

  expect(first.code).toBe(1);
  expect(first.stdout).toContain('baseline updated: now.json copied over base.json');
  expect(readFileSync(join(dir, 'base.json'), 'utf8')).toBe(JSON.stringify(regressed));
  expect(second.code).toBe(0);
});

test('compare CLI: a usage error leaves the baseline alone even with --update-baseline', () => {
  const dir = workspace({ 'base.json': clean, 'now.json': '{ nope' });

  const run = runCompare(['base.json', 'now.json', '--update-baseline'], dir);

  expect(run.code).toBe(2);
  expect(readFileSync(join(dir, 'base.json'), 'utf8')).toBe(JSON.stringify(clean));
});
