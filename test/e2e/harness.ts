/**
 * Helpers for the end-to-end tests: run `npm run conformance`'s wrapper in a child process with
 * a clean environment and its own reports folder, and start a standalone mock to point it at.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import type { RunResults } from '../../src/report/results.ts';

export const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');

/** What one wrapper run left behind. */
export interface ConformanceRun {
  code: number | null;
  stdout: string;
  stderr: string;
  reportsDir: string;
  results: RunResults | undefined;
}

/** The parent's environment without any setting of ours, so a developer's .env cannot leak in. */
function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || /^(SAIL_|HARNESS_|MOCK_|CI$)/.test(name)) continue;
    env[name] = value;
  }

  return { ...env, HARNESS_ENV_FILE: '/dev/null', FORCE_COLOR: '0', ...extra };
}

/** Runs the wrapper with settings and extra Playwright arguments. */
export function runConformance(
  settings: Record<string, string>,
  args: string[] = [],
): Promise<ConformanceRun> {
  return runHarnessCommand('src/cli/conformance.ts', settings, args);
}

/**
 * Runs one of the harness's commands (`src/cli/*.ts`) with settings and arguments, in a clean
 * environment and a fresh reports folder, and reads the results file it wrote, if any.
 */
export function runHarnessCommand(
  script: string,
  settings: Record<string, string>,
  args: string[] = [],
): Promise<ConformanceRun> {
  const reportsDir = mkdtempSync(join(tmpdir(), 'conformance-reports-'));
  const child = spawn(tsx, [join(root, script), ...args], {
    cwd: root,
    env: cleanEnv({ HARNESS_REPORTS_DIR: reportsDir, ...settings }),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });

  return new Promise((done) => {
    child.on('close', (code) => {
      const file = join(reportsDir, 'results.json');
      const results = existsSync(file)
        ? (JSON.parse(readFileSync(file, 'utf8')) as RunResults)
        : undefined;
      done({ code, stdout, stderr, reportsDir, results });
    });
  });
}

/**
 * Starts the wrapper as the leader of its own process group (as a CI job's shell would be),
 * output discarded, so a test can signal the whole group with `process.kill(-pid, ...)`.
 */
export function runConformanceDetached(settings: Record<string, string>): {
  pid: number;
  exited: Promise<number | null>;
  reportsDir: string;
  /** Everything it printed so far, stdout and stderr together. */
  output: () => string;
} {
  const reportsDir = mkdtempSync(join(tmpdir(), 'conformance-reports-'));
  const child = spawn(tsx, [join(root, 'src/cli/conformance.ts')], {
    cwd: root,
    env: cleanEnv({ HARNESS_REPORTS_DIR: reportsDir, ...settings }),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('the wrapper did not start');
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  return {
    pid: child.pid,
    exited: new Promise((done) => child.on('close', (code) => done(code))),
    reportsDir,
    output: () => output,
  };
}

/** A standalone mock tenant started for one test. */
export interface StartedMock {
  url: string;
  /** POSTs/PUTs JSON to a control route. */
  control: (method: string, path: string, body?: unknown) => Promise<Response>;
  stop: () => Promise<void>;
}

/** Starts `src/mock/cli.ts` on a free port and waits for its address line. */
export function startMock(args: string[], env: Record<string, string> = {}): Promise<StartedMock> {
  const child: ChildProcess = spawn(tsx, [join(root, 'src/mock/cli.ts'), '--port', '0', ...args], {
    cwd: root,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'inherit'],
  });

  return new Promise((done, fail) => {
    let seen = '';
    child.stdout?.on('data', (chunk) => {
      seen += chunk;
      const url = /listening on (http:\/\/\S+)/.exec(seen)?.[1];
      if (!url) return;
      done({
        url,
        control: (method, path, body) =>
          fetch(`${url}/__mock${path}`, {
            method,
            headers: body === undefined ? {} : { 'content-type': 'application/json' },
            ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          }),
        stop: () =>
          new Promise((stopped) => {
            child.once('exit', () => stopped());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => fail(new Error(`mock exited with ${code} before listening`)));
  });
}

/** Every file under a folder, recursively. */
export function listFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Settings that point the harness at a standalone mock as if it were a tenant. */
export function tenantSettings(url: string, secrets = mockSecrets): Record<string, string> {
  return {
    SAIL_BASE_URL: url,
    SAIL_CLIENT_ID: 'mock-admin',
    SAIL_CLIENT_SECRET: secrets.admin,
    SAIL_USER_CLIENT_ID: 'mock-user',
    SAIL_USER_CLIENT_SECRET: secrets.user,
    SAIL_APP_CLIENT_ID: 'mock-app',
    SAIL_APP_CLIENT_SECRET: secrets.app,
  };
}

/** The mock's documented default secrets. */
export const mockSecrets = {
  admin: 'mock-admin-secret',
  user: 'mock-user-secret',
  app: 'mock-app-secret',
};

/**
 * The entries of a zip archive as text, nested archives (a blob report's traces) unpacked too.
 * Base64 request bodies a trace records (`"postData":"..."`) are decoded and added, so a grep
 * sees what the trace viewer would show.
 */
export function unzipText(zip: Uint8Array): string[] {
  return Object.entries(unzipSync(zip)).flatMap(([name, data]) => {
    if (name.endsWith('.zip')) return unzipText(data);
    const text = Buffer.from(data).toString('utf8');
    const bodies = [...text.matchAll(/"postData":"([A-Za-z0-9+/=]+)"/g)].map((match) =>
      Buffer.from(match[1] ?? '', 'base64').toString('utf8'),
    );

    return [text, ...bodies];
  });
}

/**
 * The text of a report file as a reader could see it: Playwright's HTML report keeps its data
 * (attachments included) as a base64 zip inside index.html, so that is unpacked. For such a
 * file only the data is returned: the rest is Playwright's bundled app, whose CSS colour names
 * ("orchid", "violet") would match seeded answers by accident.
 */
export function readableText(file: string): string {
  const raw = readFileSync(file);
  const text = raw.toString('latin1');
  const embedded = /data:application\/zip;base64,([A-Za-z0-9+/=]+)/.exec(text)?.[1];
  if (embedded) return unzipText(Buffer.from(embedded, 'base64')).join('\n');
  if (file.endsWith('.zip')) return unzipText(raw).join('\n');

  return text;
}
