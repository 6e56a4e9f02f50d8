/**
 * `npm run bench`: what a conformance run costs, measured in one run on one machine.
 *
 *   ours, steered mock  the full conformance run (`src/cli/conformance.ts`) against a mock
 *                       started here with its controls on, as the embedded mock would be; the
 *                       mock counts the requests it gets
 *   ours, embedded mock `npm run conformance` as a user runs it (the mock it starts itself
 *                       cannot be counted from here: wall time and checks only)
 *   dredd               Dredd on the same spec against a fresh mock, with an admin token
 *   safe live run       the suites against a mock without controls, as if it were a live
 *                       tenant with the default opt-ins off: requests per exercised cell
 *
 * Checks evaluated come from reports/results.json: every response a test checked (the cells'
 * `observed`) goes through each check of the contract and of the strict profile. Dredd's
 * figure is its transactions times the three things Gavel compares (status, headers, body).
 * Figures are printed for the report, never asserted in a test.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse, stringify } from 'yaml';
import { contractChecks, strictChecks } from '../src/contract/checks/index.ts';
import { specFiles } from '../src/contract/spec.ts';
import { type MockTenantOptions, startMockTenant } from '../src/mock/server.ts';
import type { RunResults } from '../src/report/results.ts';

const root = resolve(import.meta.dirname, '..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);

/** The mock's documented default clients (src/mock/options.ts). */
const clients = {
  SAIL_CLIENT_ID: 'mock-admin',
  SAIL_CLIENT_SECRET: 'mock-admin-secret',
  SAIL_USER_CLIENT_ID: 'mock-user',
  SAIL_USER_CLIENT_SECRET: 'mock-user-secret',
  SAIL_APP_CLIENT_ID: 'mock-app',
  SAIL_APP_CLIENT_SECRET: 'mock-app-secret',
};

/** The small rate budget the embedded mock gets by default, so the 429 tests end quickly. */
const embeddedRate = { max: 5, windowMs: 1000 };

interface Counts {
  api: number;
  token: number;
  controls: number;
}

/** A mock started here that counts the requests it receives, by kind. */
async function countingMock(options: MockTenantOptions) {
  const mock = await startMockTenant({ seed: 1, ...options });
  const counts: Counts = { api: 0, token: 0, controls: 0 };
  mock.app.server.on('request', (request: { url?: string }) => {
    const url = request.url ?? '';
    if (url.startsWith('/__mock')) counts.controls += 1;
    else if (url.startsWith('/oauth/')) counts.token += 1;
    else counts.api += 1;
  });

  return { ...mock, counts };
}

/** The environment without any setting of ours, so a developer's .env cannot leak in. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(SAIL_|HARNESS_|MOCK_|CI$)/.test(name)) continue;
    env[name] = value;
  }

  return { ...env, HARNESS_ENV_FILE: '/dev/null', FORCE_COLOR: '0', ...extra };
}

interface Finished {
  code: number | null;
  wallMs: number;
  stdout: string;
}

/** Runs a command to its end, output captured (never printed: it may hold a token). */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd = root) {
  const started = performance.now();
  const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stdout += chunk;
  });

  return new Promise<Finished>((done) => {
    child.on('close', (code) => done({ code, wallMs: performance.now() - started, stdout }));
  });
}

const checksPerResponse = contractChecks.size + strictChecks.size;

/** One `src/cli/conformance.ts` run; its results file, and the checks it evaluated. */
async function conformance(settings: Record<string, string>) {
  const reportsDir = mkdtempSync(join(tmpdir(), 'bench-reports-'));
  const finished = await run(
    bin('tsx'),
    [join(root, 'src/cli/conformance.ts')],
    cleanEnv({ HARNESS_REPORTS_DIR: reportsDir, HARNESS_TRACE: 'off', ...settings }),
  );
  let results: RunResults | undefined;
  try {
    results = JSON.parse(readFileSync(join(reportsDir, 'results.json'), 'utf8')) as RunResults;
  } catch {
    results = undefined;
  }
  rmSync(reportsDir, { recursive: true, force: true });
  if (!results) throw new Error(`conformance run wrote no results (exit ${finished.code})`);

  const checked = results.cells.reduce((sum, cell) => sum + cell.observed, 0);
  const exercised = results.summary.cells.passed + results.summary.cells.failed;

  return { ...finished, results, checked, checks: checked * checksPerResponse, exercised };
}

interface Row {
  runner: string;
  exit: number | null;
  wallMs: number;
  /** Requests the target received (API, token and control routes), when counted. */
  requests: number | null;
  /** Of those, the API operations and the token endpoint (no mock control routes). */
  apiRequests?: number;
  checks: number | null;
  note: string;
}

const rows: Row[] = [];

async function benchOursSteered(): Promise<void> {
  const mock = await countingMock({ controls: true, rateLimit: embeddedRate });
  try {
    const ours = await conformance({
      ...clients,
      SAIL_BASE_URL: mock.url,
      HARNESS_MOCK_CONTROLS: 'on',
    });
    const { api, token, controls } = mock.counts;
    rows.push({
      runner: 'ours (mock with controls)',
      exit: ours.code,
      wallMs: ours.wallMs,
      requests: api + token + controls,
      apiRequests: api + token,
      checks: ours.checks,
      note: `${ours.exercised} cells exercised; ${api} API + ${token} token + ${controls} control requests; ${ours.checked} responses x ${checksPerResponse} checks`,
    });
  } finally {
    await mock.close();
  }
}

async function benchOursEmbedded(): Promise<void> {
  const ours = await conformance({});
  rows.push({
    runner: 'ours (npm run conformance)',
    exit: ours.code,
    wallMs: ours.wallMs,
    requests: null,
    checks: ours.checks,
    note: `${ours.exercised} cells exercised, embedded mock started by the run (not counted)`,
  });
}

async function benchDredd(): Promise<void> {
  // Dredd's YAML parser rejects flow sequences holding colons (`[idn:mfa:send]`): it gets the
  // same document re-serialised in block style.
  const work = mkdtempSync(join(tmpdir(), 'bench-dredd-'));
  const spec = join(work, 'mfa-controller.yaml');
  writeFileSync(
    spec,
    stringify(parse(readFileSync(specFiles.mfaController, 'utf8')), { collectionStyle: 'block' }),
  );
  const mock = await countingMock({});
  try {
    const response = await fetch(`${mock.url}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clients.SAIL_CLIENT_ID,
        client_secret: clients.SAIL_CLIENT_SECRET,
      }),
    });
    const { access_token: token } = (await response.json()) as { access_token: string };
    const dredd = await run(
      bin('dredd'),
      [spec, `${mock.url}/beta`, '--header', `Authorization: Bearer ${token}`, '--color', 'false'],
      cleanEnv({}),
      work,
    );
    const summary =
      /complete: (\d+) passing, (\d+) failing, (\d+) errors, (\d+) skipped, (\d+) total/.exec(
        dredd.stdout,
      );
    if (!summary) throw new Error(`Dredd printed no summary (exit ${dredd.code})`);
    const [passing, failing, errors, , total] = summary.slice(1).map(Number);
    const { api, token: tokens } = mock.counts;
    rows.push({
      runner: 'dredd 14',
      exit: dredd.code,
      wallMs: dredd.wallMs,
      requests: api + tokens,
      apiRequests: api + tokens,
      checks: (total ?? 0) * 3,
      note: `${total} transactions (${passing} passing, ${failing} failing, ${errors} errors): one example request per documented code`,
    });
  } finally {
    await mock.close();
    rmSync(work, { recursive: true, force: true });
  }
}

let perCell = '';

async function benchSafeLive(): Promise<void> {
  // No controls and SailPoint's documented rate budget: what a live tenant would see.
  const mock = await countingMock({});
  try {
    const live = await conformance({ ...clients, SAIL_BASE_URL: mock.url });
    const { api, token, controls } = mock.counts;
    const sent = api + token + controls;
    rows.push({
      runner: 'ours, safe live run',
      exit: live.code,
      wallMs: live.wallMs,
      requests: sent,
      checks: live.checks,
      note: `${live.exercised} of ${live.results.cells.length} cells exercised; ${api} API + ${token} token requests`,
    });
    perCell = [
      `safe live run: ${sent} requests (${api} API, ${token} token) for ${live.exercised} exercised cells:`,
      `${(sent / live.exercised).toFixed(2)} requests per exercised cell (${(api / live.exercised).toFixed(2)} API requests)`,
    ].join(' ');
  } finally {
    await mock.close();
  }
}

function perSecond(count: number | null, wallMs: number): string {
  return count === null ? '-' : (count / (wallMs / 1000)).toFixed(1);
}

await benchOursSteered();
await benchOursEmbedded();
try {
  await benchDredd();
} catch (error) {
  console.error(`bench: Dredd did not run: ${(error as Error).message}`);
}
await benchSafeLive();

const header = ['runner', 'exit', 'wall s', 'requests', 'req/s', 'checks', 'checks/s', 'notes'];
const lines = rows.map((row) => [
  row.runner,
  String(row.exit),
  (row.wallMs / 1000).toFixed(1),
  row.requests === null ? '-' : String(row.requests),
  perSecond(row.requests, row.wallMs),
  row.checks === null ? '-' : String(row.checks),
  perSecond(row.checks, row.wallMs),
  row.note,
]);
const widths = header.map((title, column) =>
  Math.max(title.length, ...lines.map((line) => (line[column] ?? '').length)),
);
const format = (cells: string[]) =>
  cells
    .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
    .join('  ');

console.log(format(header));
for (const line of lines) console.log(format(line));

const ours = rows.find((row) => row.runner.startsWith('ours (mock'));
const dredd = rows.find((row) => row.runner.startsWith('dredd'));
if (ours && dredd && ours.requests !== null && dredd.requests !== null) {
  const ratio = (a: number | null, b: number | null) =>
    a === null || b === null ? '-' : (a / ours.wallMs / (b / dredd.wallMs)).toFixed(2);
  console.log(
    `\nours / dredd: requests per second x${ratio(ours.requests, dredd.requests)} (without mock control requests x${ratio(ours.apiRequests ?? null, dredd.apiRequests ?? null)}), checks per second x${ratio(ours.checks, dredd.checks)}, wall time x${(ours.wallMs / dredd.wallMs).toFixed(2)}`,
  );
}
if (perCell) console.log(perCell);
