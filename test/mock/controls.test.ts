import { expect, test } from '@playwright/test';
import type { TestMock } from './helpers.ts';
import { startTestMock } from './helpers.ts';

let mock: TestMock;
test.beforeAll(async () => {
  mock = await startTestMock({ seed: 7 });
});
test.afterAll(async () => mock.close());
test.beforeEach(async () => mock.reset());

test.describe('the /__mock control routes', () => {
  test('GET /health answers {ok: true}', async () => {
    const response = await mock.control('GET', '/health');

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ok: true });
  });

  test('GET /identities lists the seeded directory with KBA plaintext', async () => {
    const identities = await mock.identities();

    expect(identities.length).toBeGreaterThanOrEqual(6);
    for (const identity of identities) {
      expect(identity.id).toMatch(/^[0-9a-f]{32}$/);
      expect(identity.oktaUserId).toBe(identity.workEmail);
      expect(identity.kba).toHaveLength(3);
      expect(Object.keys(identity.kba[0] ?? {}).sort()).toEqual(['answer', 'id', 'question']);
    }
    expect(new Set(identities.map((identity) => identity.alias)).size).toBe(identities.length);
  });

  test('the same seed gives the same directory, another seed another one', async () => {
    const again = await startTestMock({ seed: 7 });
    const other = await startTestMock({ seed: 8 });
    try {
      expect(await again.identities()).toEqual(await mock.identities());
      expect((await other.identities())[0]?.alias).not.toBe((await mock.identities())[0]?.alias);
    } finally {
      await again.close();
      await other.close();
    }
  });

  test('GET /outbox filters by alias and delivery type', async () => {
    const [first, second] = await mock.identities();
    await mock.call('/beta/mfa/token/send', {
      body: { userAlias: first?.alias, deliveryType: 'SMS_WORK' },
    });
    await mock.call('/beta/mfa/token/send', {
      body: { userAlias: first?.alias, deliveryType: 'EMAIL_WORK' },
    });
    await mock.call('/beta/mfa/token/send', {
      body: { userAlias: second?.alias, deliveryType: 'SMS_WORK' },
    });

    const all = (await mock.control('GET', '/outbox')).json as unknown[];
    const byAlias = (await mock.control('GET', `/outbox?alias=${first?.alias}`)).json as unknown[];
    const byBoth = (
      await mock.control('GET', `/outbox?alias=${first?.alias}&deliveryType=SMS_WORK`)
    ).json as unknown[];

    expect([all.length, byAlias.length, byBoth.length]).toEqual([3, 2, 1]);
  });

  test('POST /reset empties the outbox, pushes, faults and profile', async () => {
    const identity = await mock.identity(0);
    await mock.call('/beta/mfa/token/send', {
      body: { userAlias: identity.alias, deliveryType: 'SMS_WORK' },
    });
    await mock.control('POST', '/faults', { operationId: 'createSendToken', kind: 'server_error' });
    await mock.control('PUT', '/profile', { name: 'ignored-auth' });

    const reset = await mock.control('POST', '/reset');

    expect(reset.status).toBe(204);
    expect((await mock.control('GET', '/outbox')).json).toEqual([]);
    expect((await mock.control('GET', '/faults')).json).toEqual([]);
    expect((await mock.call('/beta/mfa/token/send', { body: {}, token: null })).status).toBe(401);
  });

  test('POST /tokens mints tokens per client with the lifetime asked for', async () => {
    const response = await mock.control('POST', '/tokens', {
      client: 'user',
      expiresInSeconds: 90,
    });

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ expires_in: 90, access_token: expect.any(String) });
  });

  test('POST /faults arms a fault on the token endpoint as createOAuthToken', async () => {
    const armed = await mock.control('POST', '/faults', {
      operationId: 'createOAuthToken',
      kind: 'latency',
      delayMs: 50,
    });

    expect(armed.status).toBe(201);
    expect((await mock.control('GET', '/faults')).json).toEqual([
      { operationId: 'createOAuthToken', kind: 'latency', count: 1, delayMs: 50 },
    ]);
  });

  test('POST /faults for an unknown operation names the operations it knows', async () => {
    const response = await mock.control('POST', '/faults', {
      operationId: 'oauthToken',
      kind: 'latency',
    });

    expect(response.status).toBe(400);
    expect((response.json as { message: string }).message).toBe(
      'unknown operationId "oauthToken"; known: createSendToken, pingVerificationStatus, ' +
        'sendDuoVerifyRequest, sendKbaAnswers, sendOktaVerifyRequest, sendTokenAuthRequest, ' +
        'createOAuthToken (POST /oauth/token), or * (all 6 API operations)',
    );
  });

  test('GET /profiles lists at least twelve profiles, each naming a check', async () => {
    const profiles = (await mock.control('GET', '/profiles')).json as {
      name: string;
      caughtBy: string;
    }[];

    expect(profiles.length).toBeGreaterThanOrEqual(12);
    expect(new Set(profiles.map((profile) => profile.name)).size).toBe(profiles.length);
  });

  const badInputs = [
    {
      id: 'tokens for an unknown client',
      method: 'POST',
      path: '/tokens',
      body: { client: 'root', expiresInSeconds: 60 },
    },
    { id: 'tokens without a lifetime', method: 'POST', path: '/tokens', body: { client: 'admin' } },
    {
      id: 'tokens with a string lifetime',
      method: 'POST',
      path: '/tokens',
      body: { client: 'admin', expiresInSeconds: '60' },
    },
    {
      id: 'a fault for an unknown operation',
      method: 'POST',
      path: '/faults',
      body: { operationId: 'nope', kind: 'latency' },
    },
    {
      id: 'a fault of an unknown kind',
      method: 'POST',
      path: '/faults',
      body: { operationId: 'createSendToken', kind: 'explode' },
    },
    {
      id: 'a fault with count 0',
      method: 'POST',
      path: '/faults',
      body: { operationId: 'createSendToken', kind: 'reset', count: 0 },
    },
    {
      id: 'a fault with an unknown field',
      method: 'POST',
      path: '/faults',
      body: { operationId: 'createSendToken', kind: 'reset', times: 2 },
    },
    { id: 'an unknown profile', method: 'PUT', path: '/profile', body: { name: 'made-up' } },
    { id: 'a profile body without name', method: 'PUT', path: '/profile', body: {} },
    {
      id: 'a rate limit of 0',
      method: 'PUT',
      path: '/rate-limit',
      body: { max: 0, windowMs: 1000 },
    },
    { id: 'a rate limit without a window', method: 'PUT', path: '/rate-limit', body: { max: 5 } },
    {
      id: 'a Duo signature for nobody',
      method: 'POST',
      path: '/duo/sign',
      body: { userId: 'nobody' },
    },
    {
      id: 'a Duo signature with expired as a string',
      method: 'POST',
      path: '/duo/sign',
      body: { userId: 'x', expired: 'yes' },
    },
    {
      id: 'an outbox filter with an unknown delivery type',
      method: 'GET',
      path: '/outbox?deliveryType=PIGEON',
      body: undefined,
    },
    {
      id: 'a body that is not JSON',
      method: 'POST',
      path: '/tokens',
      body: undefined,
      raw: '{client:',
    },
  ];
  for (const { id, method, path, body, raw } of badInputs) {
    test(`answers 400 with a message to ${id}`, async () => {
      const response = raw
        ? await fetch(`${mock.url}/__mock${path}`, {
            method,
            body: raw,
            headers: { 'content-type': 'application/json' },
          }).then(async (r) => ({ status: r.status, json: await r.json() }))
        : await mock.control(method, path, body);

      expect(response.status).toBe(400);
      expect((response.json as { message: unknown }).message).toEqual(expect.any(String));
    });
  }

  test('approving an unknown push is 404, answering it twice is 409', async () => {
    const identity = await mock.identity(0);
    const started = await mock.call('/beta/mfa/okta-verify/verify', {
      body: { userId: identity.oktaUserId },
      headers: { 'slpt-forwarding': '10.0.0.1' },
    });
    const requestId = (started.json as { requestId: string }).requestId;

    expect((await mock.control('POST', '/pushes/nope/approve')).status).toBe(404);
    expect((await mock.control('POST', `/pushes/${requestId}/deny`)).status).toBe(204);
    expect((await mock.control('POST', `/pushes/${requestId}/approve`)).status).toBe(409);
  });
});

test.describe('controls off', () => {
  let plain: TestMock;
  test.beforeAll(async () => {
    plain = await startTestMock({ controls: false });
  });
  test.afterAll(async () => plain.close());

  const routes = [
    ['GET', '/health'],
    ['POST', '/reset'],
    ['GET', '/identities'],
    ['GET', '/outbox'],
    ['GET', '/pushes'],
    ['POST', '/duo/sign'],
    ['POST', '/tokens'],
    ['POST', '/faults'],
    ['DELETE', '/faults'],
    ['GET', '/profiles'],
    ['PUT', '/profile'],
    ['PUT', '/rate-limit'],
  ] as const;
  for (const [method, path] of routes) {
    test(`${method} /__mock${path} is 404 when controls are off`, async () => {
      const response = await plain.control(method, path);

      expect(response.status).toBe(404);
    });
  }
});
