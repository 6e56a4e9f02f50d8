/**
 * `npm run conformance` end to end: a full run on the embedded mock, the exit codes, the strict
 * defaults, and the same suites against a second, separately started tenant via SAIL_BASE_URL.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { RunResults } from '../../src/report/results.ts';
import {
  root,
  runConformance,
  runConformanceDetached,
  startMock,
  tenantSettings,
} from './harness.ts';

test.describe.configure({ timeout: 240_000 });

const schema = JSON.parse(readFileSync(join(root, 'src/report/results.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
const validateResults = ajv.compile(schema);

test('a full run on the mock passes all 36 cells and writes every report', async () => {
  const run = await runConformance({});

  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(validateResults(run.results), ajv.errorsText(validateResults.errors)).toBe(true);
  expect(run.results?.cells).toHaveLength(36);
  expect(run.results?.summary.cells).toEqual({
    passed: 36,
    failed: 0,
    not_exercised: 0,
    not_provokable: 0,
  });
  expect(run.results?.run.filtered).toBe(false);
  expect(run.results?.targets[0]).toMatchObject({ name: 'mock', kind: 'mock' });
  const matrix = readFileSync(join(run.reportsDir, 'matrix.html'), 'utf8');
  expect(matrix.match(/class="cell passed"/g)).toHaveLength(36);
  expect(matrix).toContain('html/index.html#?testId=');
  expect(existsSync(join(run.reportsDir, 'junit.xml'))).toBe(true);
  expect(existsSync(join(run.reportsDir, 'html/index.html'))).toBe(true);
});

/** Runs that show each exit code and strict default, filtered to the cells that matter. */
const exitCases = [
  {
    id: 'a 429 without Retry-After fails by default (exit 1)',
    given: { HARNESS_MOCK_PROFILE: 'rate-limit-no-retry-after' },
    grep: '429',
    want: { code: 1, check: 'retry_after_valid', severity: 'failure' },
  },
  {
    id: 'the strict profile off leaves the bare contract: the same 429 passes (exit 0)',
    given: { HARNESS_MOCK_PROFILE: 'rate-limit-no-retry-after', HARNESS_STRICT_PROFILE: 'off' },
    grep: '429',
    want: { code: 0 },
  },
  {
    id: 'a non-string 401 error only warns (exit 0)',
    given: { HARNESS_MOCK_PROFILE: 'unauthorized-error-object' },
    grep: '401',
    want: { code: 0, check: 'error_field_is_string', severity: 'warning' },
  },
  {
    id: 'warnings as failures turn that warning into exit 1',
    given: {
      HARNESS_MOCK_PROFILE: 'unauthorized-error-object',
      HARNESS_WARNINGS_AS_FAILURES: 'on',
    },
    grep: '401',
    want: { code: 1, check: 'error_field_is_string', severity: 'failure' },
  },
  {
    id: 'a run stopped early by --max-failures is a conformance failure, not a harness error (exit 1)',
    given: { HARNESS_MOCK_PROFILE: 'rate-limit-no-retry-after' },
    grep: '429',
    args: ['--max-failures', '1'],
    want: { code: 1, check: 'retry_after_valid', severity: 'failure' },
  },
];

for (const { id, given, grep, want, ...rest } of exitCases) {
  test(`exit code: ${id}`, async () => {
    const args = 'args' in rest ? rest.args : [];
    const run = await runConformance(given, ['--grep', grep, ...args]);

    expect(run.code, run.stdout + run.stderr).toBe(want.code);
    expect(validateResults(run.results), ajv.errorsText(validateResults.errors)).toBe(true);
    expect(run.results?.run.filtered).toBe(true);
    const findings = run.results?.cells.flatMap((cell) => cell.findings) ?? [];
    if (want.check) {
      expect(findings.map((f) => [f.check, f.severity])).toContainEqual([
        want.check,
        want.severity,
      ]);
    } else {
      expect(findings.filter((f) => f.severity === 'failure')).toEqual([]);
    }
    expect(run.results?.harnessErrors).toEqual([]);
  });
}

/**
 * A proxy in front of a mock with controls whose profile listing also names `no-such-profile`:
 * the preflight accepts that name, and the fixture's attempt to arm it then throws.
 */
async function startLyingProxy(upstream: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))
        headers[name] = value;
    }
    const answer = await fetch(`${upstream}${request.url}`, {
      method: request.method ?? 'GET',
      headers,
      ...(body.length > 0 ? { body } : {}),
    });
    let text = await answer.text();
    if (request.url === '/__mock/profiles') {
      text = JSON.stringify([...JSON.parse(text), { name: 'no-such-profile' }]);
    }
    response.writeHead(answer.status, {
      'content-type': answer.headers.get('content-type') ?? 'text/plain',
    });
    response.end(text);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));

  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

test('exit code: an exception in a fixture is a harness error (exit 3)', async () => {
  const mock = await startMock(['--controls']);
  const proxy = await startLyingProxy(mock.url);
  try {
    const given = {
      ...tenantSettings(proxy.url),
      HARNESS_MOCK_CONTROLS: 'on',
      HARNESS_MOCK_PROFILE: 'no-such-profile',
    };
    const run = await runConformance(given, ['--grep', '401 without a token']);

    expect(run.code, run.stdout + run.stderr).toBe(3);
    expect(validateResults(run.results), ajv.errorsText(validateResults.errors)).toBe(true);
    expect(run.results?.harnessErrors.map((e) => e.code)).toContain('HARNESS_INTERNAL');
    expect(run.results?.summary.findings.failure).toBe(0);
  } finally {
    proxy.server.close();
    await mock.stop();
  }
});

test('exit code: bad settings stop the run with one line naming the setting (exit 2)', async () => {
  const mock = await startMock([]);
  try {
    const cases = [
      { given: { SAIL_BASE_URL: 'acme.api.identitynow.com' }, want: 'SAIL_BASE_URL' },
      { given: { SAIL_BASE_URL: 'https://acme.example' }, want: 'SAIL_CLIENT_ID' },
      {
        given: { SAIL_BASE_URL: 'https://acme.example', SAIL_CLIENT_ID: 'x' },
        want: 'SAIL_CLIENT_SECRET',
      },
      { given: { HARNESS_REQUEST_TIMEOUT_MS: 'soon' }, want: 'HARNESS_REQUEST_TIMEOUT_MS' },
      { given: { HARNESS_STRICT_PROFILE: 'maybe' }, want: 'HARNESS_STRICT_PROFILE' },
      {
        given: { HARNESS_MOCK_RATE_MAX: '0' },
        want: 'HARNESS_MOCK_RATE_MAX: must be between 1 and 100000, got 0',
      },
      { given: { HARNESS_ENV_FILE: join(root, 'no-such.env') }, want: 'HARNESS_ENV_FILE:' },
      { given: { ...tenantSettings('http://127.0.0.1:9') }, want: 'SAIL_BASE_URL: cannot reach' },
      {
        given: { ...tenantSettings(mock.url), SAIL_CLIENT_SECRET: 'wrong' },
        want: 'SAIL_CLIENT_ID/SAIL_CLIENT_SECRET: the tenant refused',
      },
    ];
    for (const { given, want } of cases) {
      const run = await runConformance(given);
      const lines = run.stderr.trim().split('\n');

      expect(run.code, `${JSON.stringify(given)}: ${run.stderr}`).toBe(2);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(want);
      expect(run.stderr).not.toContain('wrong');
      expect(run.results).toBeUndefined();
    }
  } finally {
    await mock.stop();
  }
});

test('exit code: a command line Playwright refuses is a usage error in one line (exit 2)', async () => {
  const cases = [
    { args: ['--bogus-flag'], playwrightSays: "unknown option '--bogus-flag'" },
    { args: ['--timeout'], playwrightSays: 'argument missing' },
    { args: ['--grep', '('], playwrightSays: 'Invalid regular expression' },
    { args: ['--project', 'no-such-project'], playwrightSays: 'not found' },
  ];
  for (const { args, playwrightSays } of cases) {
    const run = await runConformance({}, args);
    const ours = run.stderr
      .trim()
      .split('\n')
      .filter((line) => line.startsWith('conformance:'));

    expect(run.code, `${args.join(' ')}: ${run.stdout}${run.stderr}`).toBe(2);
    expect(run.stdout + run.stderr).toContain(playwrightSays);
    expect(ours).toEqual([
      `conformance: Playwright refused the arguments "${args.join(' ')}" (its message is above); \`npx playwright test --help\` lists the options`,
    ]);
    expect(run.results).toBeUndefined();
  }
});

test("a refused command line leaves the previous run's reports as they were", async () => {
  const reportsDir = mkdtempSync(join(tmpdir(), 'conformance-previous-'));
  const previous = ['results.json', 'junit.xml', 'matrix.html'];
  for (const name of previous) writeFileSync(join(reportsDir, name), `previous ${name}`);

  for (const args of [['--bogus-flag'], ['--project', 'no-such-project'], ['--reporter=dot']]) {
    const run = await runConformance({ HARNESS_REPORTS_DIR: reportsDir }, args);

    expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
    for (const name of previous) {
      expect(readFileSync(join(reportsDir, name), 'utf8'), name).toBe(`previous ${name}`);
    }
  }
});

test('a bad setting and a bad argument together: the setting is named (exit 2)', async () => {
  const run = await runConformance({ HARNESS_SEED: 'abc' }, ['--bogus-flag']);

  expect(run.code, run.stderr).toBe(2);
  expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^conformance: HARNESS_SEED: /);
});

test('--reporter is refused in one line; --list and --version answer without a report (exit 0)', async () => {
  const reporter = await runConformance({}, ['--reporter=dot']);
  expect(reporter.code).toBe(2);
  expect(reporter.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(/^conformance: --reporter would replace the harness reporters/),
  ]);

  const list = await runConformance({}, ['--list', '--grep', 'createSendToken']);
  expect(list.code, list.stderr).toBe(0);
  expect(list.stdout).toMatch(/Total: \d+ tests in \d+ files/);
  expect(list.results).toBeUndefined();

  const version = await runConformance({}, ['--version']);
  expect(version.code, version.stderr).toBe(0);
  expect(version.stdout).toMatch(/Version \d+\.\d+/);
  expect(version.results).toBeUndefined();
});

test('exit code: filters that match no test are a usage error, recorded in the results file (exit 2)', async () => {
  const run = await runConformance({}, ['--grep', 'no test has this title']);

  expect(run.code, run.stdout + run.stderr).toBe(2);
  expect(run.stderr.trim().split('\n')).toEqual([
    expect.stringMatching(
      /^conformance: no test matched the command line's filters \(--grep no test has this title\)/,
    ),
  ]);
  expect(validateResults(run.results), ajv.errorsText(validateResults.errors)).toBe(true);
  expect(run.results?.usageErrors?.map((error) => error.code)).toEqual(['NO_TESTS_MATCHED']);
  expect(run.results?.harnessErrors).toEqual([]);
  expect(run.results?.tests).toEqual([]);
  expect(run.results?.targets.map((target) => target.name)).toEqual(['mock']);
});

/** Pids of running processes whose command line contains every one of `parts`. */
function processesWith(parts: string[]): number[] {
  const listing = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).stdout ?? '';
  return listing
    .split('\n')
    .filter((line) => parts.every((part) => line.includes(part)))
    .map((line) => Number.parseInt(line.trim(), 10));
}

test('a run killed with SIGTERM (a CI cancel) leaves no mock behind', async () => {
  test.skip(process.platform === 'win32', 'process groups and ps are POSIX');
  // A seed no other run uses marks this run's mock on its command line.
  const seed = String(700_000 + Math.floor(Math.random() * 100_000));
  const mockParts = ['src/mock/cli.ts', `--seed ${seed}`, '--exit-with-pid'];
  const run = await runConformanceDetached({ HARNESS_SEED: seed });
  try {
    let mocks: number[] = [];
    for (let waited = 0; waited < 60_000 && mocks.length === 0; waited += 250) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
      mocks = processesWith(mockParts);
    }
    expect(mocks.length, 'the embedded mock never started').toBeGreaterThan(0);
    // Into the tests, past Playwright's start-up.
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 5_000));

    // The whole job's group, as a CI runner or `timeout` signals it: Playwright dies at once,
    // without stopping its web server (which sits in a process group of its own).
    process.kill(-run.pid, 'SIGTERM');
    expect(await run.exited).toBe(3);
    expect(run.output()).toMatch(/conformance: the run was stopped by SIGTERM before it wrote /);
    let left = mocks;
    for (let waited = 0; waited < 10_000 && left.length > 0; waited += 250) {
      await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
      left = processesWith(mockParts);
    }
    expect(left, 'mock processes still running after the run was killed').toEqual([]);
  } finally {
    for (const pid of processesWith(mockParts)) process.kill(pid, 'SIGKILL');
  }
});

test('SIGTERM to the wrapper alone stops the run gracefully: an interrupted run, its reports, exit 3', async () => {
  test.skip(process.platform === 'win32', 'POSIX signals');
  const run = runConformanceDetached({});
  // Into the tests, past Playwright's start-up and the embedded mock's.
  for (let waited = 0; waited < 60_000 && !/✓|·/.test(run.output()); waited += 250) {
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 250));
  }

  process.kill(run.pid, 'SIGTERM');

  expect(await run.exited, run.output()).toBe(3);
  expect(run.output()).toContain(
    'conformance: the run was interrupted (Ctrl-C or a signal) before it finished',
  );
  const results = JSON.parse(
    readFileSync(join(run.reportsDir, 'results.json'), 'utf8'),
  ) as RunResults;
  expect(validateResults(results), ajv.errorsText(validateResults.errors)).toBe(true);
  expect(results.run.status).toBe('interrupted');
  expect(results.summary.tests.passed).toBeGreaterThan(0);
  expect(results.summary.tests.passed).toBeLessThan(106);
  expect(existsSync(join(run.reportsDir, 'matrix.html'))).toBe(true);
});

test('a rate budget beyond the flood cap leaves the 429 cell not exercised, not failed', async () => {
  const mock = await startMock(['--controls', '--rate-max', '100000']);
  try {
    const run = await runConformance({ ...tenantSettings(mock.url), HARNESS_MOCK_CONTROLS: 'on' }, [
      '--grep',
      'createSendToken.*answers 429',
    ]);
    const cell = run.results?.cells.find(
      (each) => each.operationId === 'createSendToken' && each.status === 429,
    );

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(cell?.verdict).toBe('not_exercised');
    expect(cell?.reason).toContain('no 429 within 500 requests');
  } finally {
    await mock.stop();
  }
});

test('the same suites run against a separately started tenant through SAIL_BASE_URL', async () => {
  const mock = await startMock(['--controls', '--rate-max', '5', '--rate-window-ms', '1000']);
  try {
    const steered = await runConformance({
      ...tenantSettings(`${mock.url}/beta/`),
      HARNESS_MOCK_CONTROLS: 'on',
    });
    expect(steered.code, steered.stdout + steered.stderr).toBe(0);
    expect(steered.results?.targets[0]).toEqual({
      name: 'tenant',
      kind: 'live',
      baseUrl: mock.url,
    });
    expect(steered.results?.summary.cells.passed).toBe(36);

    // Without controls it is treated as a live tenant: safe by default, 500 not provokable.
    const live = await runConformance(tenantSettings(mock.url), ['--grep', '500|401']);
    expect(live.code, live.stdout + live.stderr).toBe(0);
    const cells = live.results?.cells ?? [];
    for (const cell of cells.filter((c) => c.status === 500)) {
      expect(cell).toMatchObject({
        verdict: 'not_provokable',
        reason: 'not provokable on a live tenant',
      });
    }
    expect(cells.filter((c) => c.status === 401).every((c) => c.verdict === 'passed')).toBe(true);
  } finally {
    await mock.stop();
  }
});
