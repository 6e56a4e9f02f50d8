/**
 * A live tenant is safe by default: against a standalone mock the harness is not told to steer
 * (no HARNESS_MOCK_CONTROLS, no opt-ins, no test identity), a full run sends no code or push,
 * locks nobody out and floods nothing, and the cells that need an opt-in say which. The mock is
 * started with its controls only so that this test can look inside it afterwards; a recording
 * proxy in front of it shows every request the harness sent.
 */
import { expect, test } from '@playwright/test';
import type { RunResults } from '../../src/report/results.ts';
import { runConformance, type StartedMock, startMock, tenantSettings } from './harness.ts';
import { startRecordingProxy } from './recording-proxy.ts';

test.describe.configure({ timeout: 240_000 });

const operations = [
  'createSendToken',
  'pingVerificationStatus',
  'sendDuoVerifyRequest',
  'sendKbaAnswers',
  'sendOktaVerifyRequest',
  'sendTokenAuthRequest',
];

/** The cells a live run may only exercise with an opt-in, and the setting its reason names. */
const optInCells = [
  { cell: 'createSendToken 200', setting: 'HARNESS_ALLOW_SEND=on' },
  { cell: 'sendOktaVerifyRequest 200', setting: 'HARNESS_ALLOW_SEND=on' },
  { cell: 'pingVerificationStatus 200', setting: 'HARNESS_ALLOW_SEND=on' },
  { cell: 'sendTokenAuthRequest 200', setting: 'HARNESS_ALLOW_LOCKOUT=on' },
  ...operations.map((operationId) => ({
    cell: `${operationId} 429`,
    setting: 'HARNESS_ALLOW_FLOOD=on',
  })),
];

interface Identity {
  alias: string;
  deliveryTypes: string[];
  kba: Array<{ id: string; answer: string }>;
}

async function json<T>(response: Response | Promise<Response>): Promise<T> {
  const answered = await response;
  expect(answered.ok, `${answered.url}: ${answered.status}`).toBe(true);

  return (await answered.json()) as T;
}

function cellOf(results: RunResults | undefined, name: string) {
  return results?.cells.find((cell) => `${cell.operationId} ${cell.status}` === name);
}

/**
 * Whether the mock has locked anyone out, asked the way a person would find out: a fresh code
 * for every identity and the right KBA answers of the admin's and the user's own identity must
 * still succeed. (It sends codes, so it runs after the outbox was found empty.)
 */
async function lockedOut(mock: StartedMock, identities: Identity[]): Promise<string[]> {
  const mint = async (client: 'admin' | 'user') =>
    (
      await json<{ access_token: string }>(
        mock.control('POST', '/tokens', {
          client,
          expiresInSeconds: 600,
        }),
      )
    ).access_token;
  const call = async (token: string, path: string, body: unknown) =>
    json<{ status: string }>(
      fetch(`${mock.url}/beta/mfa/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  // Fresh counters and room for the probe; unlike a reset, this keeps every lockout.
  await mock.control('PUT', '/rate-limit', { max: 10_000, windowMs: 10_000 });
  const admin = await mint('admin');
  const locked: string[] = [];

  for (const { alias, deliveryTypes } of identities) {
    const deliveryType = deliveryTypes[0];
    if (!deliveryType) continue;
    await call(admin, 'token/send', { userAlias: alias, deliveryType });
    const [message] = await json<Array<{ code: string }>>(
      mock.control(
        'GET',
        `/outbox?alias=${encodeURIComponent(alias)}&deliveryType=${deliveryType}`,
      ),
    );
    const { status } = await call(admin, 'token/authenticate', {
      userAlias: alias,
      deliveryType,
      token: message?.code ?? '',
    });
    if (status !== 'SUCCESS') locked.push(`${alias}: token ${status}`);
  }
  for (const [client, identity] of [
    ['admin', identities[0]],
    ['user', identities[1]],
  ] as const) {
    const answers = (identity?.kba ?? []).map(({ id, answer }) => ({ id, answer }));
    const { status } = await call(await mint(client), 'kba/authenticate', answers);
    if (status !== 'SUCCESS') locked.push(`${identity?.alias}: kba ${status}`);
  }

  return locked;
}

test('a full live run sends no code or push, locks nobody out and floods nothing', async () => {
  // SailPoint's documented budget (100 requests per 10 s), as a tenant would have.
  const mock = await startMock(['--controls', '--rate-max', '100', '--rate-window-ms', '10000']);
  const proxy = await startRecordingProxy(mock.url);
  try {
    const run = await runConformance(tenantSettings(proxy.url));

    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.results?.targets[0]).toMatchObject({ name: 'tenant', kind: 'live' });
    expect(run.results?.run.filtered).toBe(false);
    expect(run.results?.harnessErrors).toEqual([]);
    expect(run.results?.cells.filter((cell) => cell.verdict === 'failed')).toEqual([]);

    // Nothing reached a person, and nothing asked the mock for its controls.
    expect(await json<unknown[]>(mock.control('GET', '/outbox'))).toEqual([]);
    expect(await json<unknown[]>(mock.control('GET', '/pushes'))).toEqual([]);
    const api = proxy.exchanges.filter((exchange) => exchange.url.startsWith('/beta/'));
    expect(api.length).toBeGreaterThan(30);
    expect(proxy.exchanges.filter((exchange) => exchange.url.startsWith('/__mock'))).toEqual([]);
    const sends = api.filter(
      (exchange) =>
        /\/(token\/send|okta-verify\/verify)$/.test(exchange.url) && exchange.status === 200,
    );
    expect(sends.map((exchange) => exchange.url)).toEqual([]);

    // No flood: the tenant never throttled, and no operation took more than a handful of calls.
    expect(proxy.exchanges.filter((exchange) => exchange.status === 429)).toEqual([]);
    const perPath = new Map<string, number>();
    for (const { url } of api) perPath.set(url, (perPath.get(url) ?? 0) + 1);
    for (const [path, count] of perPath) expect(count, path).toBeLessThan(40);
    for (const cell of run.results?.cells.filter((each) => each.status === 429) ?? []) {
      expect(cell.observed, `${cell.operationId} 429`).toBe(0);
    }

    for (const { cell, setting } of optInCells) {
      expect(cellOf(run.results, cell), cell).toMatchObject({ verdict: 'not_exercised' });
      expect(cellOf(run.results, cell)?.reason, cell).toContain(setting);
    }
    for (const record of run.results?.tests ?? []) {
      if (
        record.outcome !== 'skipped' ||
        !/sends a code|floods|wrong codes/.test(record.reason ?? '')
      )
        continue;
      expect(record.reason, record.title).toMatch(/set HARNESS_ALLOW_(SEND|LOCKOUT|FLOOD)=on/);
    }

    const identities = await json<Identity[]>(mock.control('GET', '/identities'));
    expect(await lockedOut(mock, identities)).toEqual([]);
  } finally {
    await proxy.close();
    await mock.stop();
  }
});

/** Narrow runs of the code-sending test under each combination of the send opt-ins. */
const sendCases = [
  {
    id: 'the test identity alone does not send',
    given: (alias: string) => ({ HARNESS_TEST_IDENTITY: alias }),
    want: { code: 0, outcome: 'skipped', reason: 'set HARNESS_ALLOW_SEND=on', sent: 0 },
  },
  {
    id: 'HARNESS_ALLOW_SEND without a test identity is refused before any request (exit 2)',
    given: () => ({ HARNESS_ALLOW_SEND: 'on' }),
    want: { code: 2, stderr: 'HARNESS_TEST_IDENTITY', sent: 0 },
  },
  {
    id: 'HARNESS_ALLOW_SEND with the test identity sends one code to that identity',
    given: (alias: string) => ({ HARNESS_ALLOW_SEND: 'on', HARNESS_TEST_IDENTITY: alias }),
    want: { code: 0, outcome: 'passed', sent: 1 },
  },
];

for (const { id, given, want } of sendCases) {
  test(`live opt-ins: ${id}`, async () => {
    const mock = await startMock(['--controls']);
    const proxy = await startRecordingProxy(mock.url);
    try {
      const identities = await json<Identity[]>(mock.control('GET', '/identities'));
      // Not the first identity, so a code for it cannot come from a default.
      const alias = identities[3]?.alias ?? '';

      const run = await runConformance({ ...tenantSettings(proxy.url), ...given(alias) }, [
        '--grep',
        'createSendToken .*answers 200 SUCCESS and delivers the code',
      ]);

      expect(run.code, run.stdout + run.stderr).toBe(want.code);
      const outbox = await json<Array<{ alias: string; deliveryType: string }>>(
        mock.control('GET', '/outbox'),
      );
      expect(outbox).toHaveLength(want.sent);
      for (const message of outbox) {
        expect(message).toMatchObject({ alias, deliveryType: 'EMAIL_WORK' });
      }
      expect(await json<unknown[]>(mock.control('GET', '/pushes'))).toEqual([]);
      if (want.stderr) {
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
        expect(run.stderr).toContain(want.stderr);
        expect(proxy.exchanges).toEqual([]);
        return;
      }

      expect(run.results?.tests.map((record) => record.outcome)).toEqual([want.outcome]);
      const cell = cellOf(run.results, 'createSendToken 200');
      if (want.outcome === 'passed') {
        expect(cell).toMatchObject({ verdict: 'passed', observed: 1 });
      } else {
        expect(cell?.verdict).toBe('not_exercised');
        expect(cell?.reason).toContain(want.reason);
      }
    } finally {
      await proxy.close();
      await mock.stop();
    }
  });
}
