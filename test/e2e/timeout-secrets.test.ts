/**
 * The secret grep covers tests that time out. A standalone mock (steered by the harness) sits
 * behind a recording proxy that arms a latency fault, longer than HARNESS_REQUEST_TIMEOUT_MS,
 * for exactly the requests that carry a secret: the check of a delivered code and the right KBA
 * answers. Those requests go unanswered, their tests fail as `response_timely` with a trace,
 * other tests fail on a profile, and no file of the reports (traces unzipped) may hold a client
 * secret, an issued token, a code or an answer.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  listFiles,
  readableText,
  root,
  runConformance,
  startMock,
  tenantSettings,
  unzipText,
} from './harness.ts';
import { type BeforeForward, startRecordingProxy } from './recording-proxy.ts';

test.describe.configure({ timeout: 240_000 });

const secrets = {
  admin: 'adm1n-t1meout-5e2b81',
  user: 'us3r-t1meout-a07c3d',
  app: 'app-t1meout-66f1e9',
};
const timeoutMs = 2000;

const shapes = [
  /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/, // a JWT
  /Bearer (?!<redacted>)[A-Za-z0-9._~+/-]{8,}/, // a bearer token
  /AUTH\|[^|\s"]+\|[^:\s"]+:APP\|/, // a Duo Web signed response
];

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

test('no report of a run with timed-out tests carries a secret, traces included', async () => {
  const mock = await startMock(['--controls', '--rate-max', '1000', '--rate-window-ms', '1000'], {
    MOCK_ADMIN_CLIENT_SECRET: secrets.admin,
    MOCK_USER_CLIENT_SECRET: secrets.user,
    MOCK_APP_CLIENT_SECRET: secrets.app,
  });
  const identities = (await (await mock.control('GET', '/identities')).json()) as Array<{
    kba: Array<{ answer: string }>;
  }>;
  const answers = identities.flatMap((identity) => identity.kba.map((item) => item.answer));
  const codesSeen = new Set<string>();
  const stalled: string[] = [];

  // Arms the stall on the mock itself (not through the proxy), just before the request goes on.
  const stall = (operationId: string, url: string) => async () => {
    stalled.push(url);
    const armed = await mock.control('POST', '/faults', {
      operationId,
      kind: 'latency',
      delayMs: timeoutMs * 3,
      count: 1,
    });
    expect(armed.status).toBe(201);
  };
  const beforeForward: BeforeForward = async ({ method, url, body }) => {
    for (const exchange of proxy.exchanges.filter((each) => each.url.startsWith('/__mock/outbox')))
      for (const { code } of parse(exchange.responseBody) as Array<{ code: string }>)
        codesSeen.add(code);
    if (method !== 'POST') return;
    const sent = parse(body);
    if (url.endsWith('/mfa/token/authenticate')) {
      const token = (sent as { token?: unknown } | undefined)?.token;
      if (typeof token === 'string' && codesSeen.has(token))
        await stall('sendTokenAuthRequest', url)();
    }
    if (url.endsWith('/mfa/kba/authenticate') && Array.isArray(sent) && sent.length > 0) {
      if (sent.every((item) => answers.includes((item as { answer?: string }).answer ?? '')))
        await stall('sendKbaAnswers', url)();
    }
  };
  const proxy = await startRecordingProxy(mock.url, beforeForward);
  try {
    const run = await runConformance(
      {
        ...tenantSettings(proxy.url, secrets),
        HARNESS_MOCK_CONTROLS: 'on',
        HARNESS_REQUEST_TIMEOUT_MS: String(timeoutMs),
        HARNESS_MOCK_PROFILE: 'unauthorized-error-object',
        HARNESS_WARNINGS_AS_FAILURES: 'on',
      },
      ['--grep', 'answers 200|answers 401'],
    );

    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.results?.harnessErrors).toEqual([]);
    // Two tests timed out, one request each, and each carried a secret.
    expect(stalled).toEqual([
      expect.stringMatching(/\/kba\/authenticate$/),
      expect.stringMatching(/\/token\/authenticate$/),
    ]);
    const findings = run.results?.cells.flatMap((cell) => cell.findings) ?? [];
    const timely = findings.filter((finding) => finding.check === 'response_timely');
    expect(timely.map((finding) => finding.operation).sort()).toEqual([
      'sendKbaAnswers',
      'sendTokenAuthRequest',
    ]);
    const timedOut = run.results?.tests.filter((t) => /no response within/.test(t.reason ?? ''));
    expect(timedOut?.map((t) => t.outcome)).toEqual(['failed', 'failed']);
    // Others failed on the profile, and no test was skipped for a dead target.
    expect(findings.filter((f) => f.check === 'error_field_is_string').length).toBeGreaterThan(5);
    expect(run.results?.tests.filter((t) => /stopped answering/.test(t.reason ?? ''))).toEqual([]);

    const tokens = proxy.exchanges
      .filter((exchange) => /^\/(oauth\/token|__mock\/tokens)/.test(exchange.url))
      .map((exchange) => (parse(exchange.responseBody) as { access_token?: string })?.access_token)
      .filter((token): token is string => typeof token === 'string');
    const outbox = (await (await mock.control('GET', '/outbox')).json()) as Array<{
      code: string;
    }>;
    const codes = [...new Set([...codesSeen, ...outbox.map((message) => message.code)])];
    expect(tokens.length).toBeGreaterThan(3);
    expect(codes.length).toBeGreaterThan(0);
    const literal = [
      ...Object.values(secrets),
      ...tokens,
      ...codes,
      ...answers.filter((answer) => answer.length >= 4),
    ];

    // As in safety.test.ts: html/trace/ is Playwright's trace viewer app, checked byte for byte.
    const viewer = join(root, 'node_modules/playwright-core/lib/vite/traceViewer');
    const files = listFiles(run.reportsDir).filter((file) => {
      const app = relative(join(run.reportsDir, 'html/trace'), file);
      if (app.startsWith('..')) return true;
      expect(readFileSync(file).equals(readFileSync(join(viewer, app))), file).toBe(true);
      return false;
    });
    // Each timed-out test kept a trace that holds its unanswered request, masked.
    const traces = files.filter((file) => /test-output\/.+\/trace\.zip$/.test(file));
    for (const path of ['/mfa/kba/authenticate', '/mfa/token/authenticate']) {
      const holding = traces.filter((file) =>
        unzipText(readFileSync(file)).some((text) => text.includes(path)),
      );
      expect(holding.length, path).toBeGreaterThan(0);
    }
    const leaks: string[] = [];
    let masked = 0;
    for (const file of files) {
      const text = readableText(file);
      const whole = readFileSync(file).toString('latin1');
      masked += text.split('<redacted>').length - 1;
      // Literals only in what a reader sees: the HTML report's bundled app has CSS colour names
      // ("orchid") that seeded answers may equal. Shapes in the raw bytes too.
      for (const secret of literal)
        if (text.includes(secret))
          leaks.push(`${relative(run.reportsDir, file)}: ${secret.slice(0, 3)}...`);
      for (const shape of shapes)
        if (shape.test(text) || shape.test(whole))
          leaks.push(`${relative(run.reportsDir, file)}: ${shape}`);
    }
    // Soft, so the output checks below still report. Playwright's own step error for a timed-out
    // fetch quotes its call log ("authorization: Bearer ...") in the HTML report's embedded data.
    expect.soft(leaks).toEqual([]);
    expect(masked).toBeGreaterThan(50);
    const output = run.stdout + run.stderr;
    for (const secret of literal) expect(output.includes(secret), secret.slice(0, 3)).toBe(false);
    for (const shape of shapes) expect(output).not.toMatch(shape);
  } finally {
    await proxy.close();
    await mock.stop();
  }
});
