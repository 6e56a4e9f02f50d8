import { expect, test } from '@playwright/test';
import type { TestMock } from './helpers.ts';
import { isFullErrorResponse, startTestMock, validateResponse } from './helpers.ts';

let mock: TestMock;
test.beforeAll(async () => {
  mock = await startTestMock();
});
test.afterAll(async () => mock.close());
test.beforeEach(async () => mock.reset());

async function mintToken(client: string, expiresInSeconds: number): Promise<string> {
  const response = await mock.control('POST', '/tokens', { client, expiresInSeconds });
  return (response.json as { access_token: string }).access_token;
}

test.describe('API security: 401 for a missing or bad token', () => {
  const cases: { id: string; given: () => Promise<Record<string, string>>; want: RegExp }[] = [
    { id: 'no Authorization header', given: async () => ({}), want: /^JWT is required$/ },
    {
      id: 'an empty Authorization header',
      given: async () => ({ authorization: '' }),
      want: /^JWT is required$/,
    },
    {
      id: 'a Basic scheme',
      given: async () => ({ authorization: 'Basic bW9jazpzZWNyZXQ=' }),
      want: /not "Bearer <JWT>"/,
    },
    {
      id: 'a token that is not a JWT',
      given: async () => ({ authorization: 'Bearer not-a-jwt' }),
      want: /malformed/,
    },
    {
      id: 'a JWT signed by someone else',
      given: async () => {
        const [header, payload] = (await mock.token('admin')).split('.');
        return { authorization: `Bearer ${header}.${payload}.${'A'.repeat(43)}` };
      },
      want: /malformed or not signed/,
    },
    {
      id: 'an expired token',
      given: async () => ({ authorization: `Bearer ${await mintToken('admin', -60)}` }),
      want: /token has expired/,
    },
  ];
  for (const { id, given, want } of cases) {
    test(`createSendToken answers 401 with a string error for ${id}`, async () => {
      const headers = await given();

      const response = await mock.call('/beta/mfa/token/send', { body: {}, token: null, headers });

      expect(response.status).toBe(401);
      expect((response.json as { error: unknown }).error).toMatch(want);
      expect(await validateResponse('createSendToken', 401, response.json)).toEqual([]);
    });
  }

  test('a token that expires in one second works, then answers 401', async () => {
    const identity = await mock.identity(0);
    const token = await mintToken('admin', 1);
    const body = { userAlias: identity.alias, deliveryType: 'EMAIL_WORK' };

    const before = await mock.call('/beta/mfa/token/send', { body, token });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const after = await mock.call('/beta/mfa/token/send', { body, token });

    expect(before.status).toBe(200);
    expect(after.status).toBe(401);
  });
});

test.describe('API security: 403 for a caller the operation refuses', () => {
  const cases = [
    {
      id: 'the app client (no user) on send',
      role: 'app',
      path: '/beta/mfa/token/send',
      want: 403,
    },
    {
      id: 'the app client (no user) on kba on /v3',
      role: 'app',
      path: '/v3/mfa/kba/authenticate',
      want: 403,
    },
    {
      id: 'the USER-level client on poll',
      role: 'user',
      path: '/beta/mfa/okta-verify/poll',
      want: 403,
    },
    {
      id: 'the USER-level client on poll on /v3',
      role: 'user',
      path: '/v3/mfa/duo-web/poll',
      want: 403,
    },
  ] as const;
  for (const { id, role, path, want } of cases) {
    test(`answers ${want} ErrorResponseDto to ${id}`, async () => {
      const response = await mock.call(path, { role, body: { requestId: 'x' } });

      expect(response.status).toBe(want);
      expect(isFullErrorResponse(response.json)).toBe(true);
    });
  }

  test('lets the USER-level client send a code (only poll needs ORG_ADMIN)', async () => {
    const identity = await mock.identity(1);

    const response = await mock.call('/beta/mfa/token/send', {
      role: 'user',
      body: { userAlias: identity.alias, deliveryType: 'EMAIL_WORK' },
    });

    expect(response.status).toBe(200);
  });

  test('checks the token before the body: a bad body without a token is 401, not 400', async () => {
    const response = await mock.call('/beta/mfa/token/send', { raw: '{oops', token: null });

    expect(response.status).toBe(401);
  });

  test('checks the caller before the body: a bad body from the app client is 403, not 400', async () => {
    const response = await mock.call('/beta/mfa/token/send', { raw: '{oops', role: 'app' });

    expect(response.status).toBe(403);
  });
});
