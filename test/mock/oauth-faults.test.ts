/**
 * Faults armed for the token endpoint (`operationId: createOAuthToken`): the stalled or failing
 * `/oauth/token` the harness' token timeout tests need. The 500 uses the OAuthError shape, the
 * only error body spec/oauth-token.yaml documents for the endpoint.
 */
import { expect, test } from '@playwright/test';
import { schemaValidator } from '../../src/contract/schema.ts';
import { loadSpec, specFiles } from '../../src/contract/spec.ts';
import type { TestMock } from './helpers.ts';
import { startTestMock } from './helpers.ts';

let mock: TestMock;
let alias: string;
test.beforeAll(async () => {
  mock = await startTestMock();
  alias = (await mock.identity(0)).alias;
});
test.afterAll(async () => mock.close());
test.beforeEach(async () => mock.reset());

const grant = {
  grant_type: 'client_credentials',
  client_id: 'mock-admin',
  client_secret: 'mock-admin-secret',
};
const getToken = () => mock.oauth(grant);
const arm = (fault: Record<string, unknown>) =>
  mock.control('POST', '/faults', { operationId: 'createOAuthToken', ...fault });

async function validateOAuthError(body: unknown) {
  const spec = await loadSpec(specFiles.oauthToken);

  return schemaValidator(spec, '#/components/schemas/OAuthError')(body);
}

test.describe('faults armed for the token endpoint (createOAuthToken)', () => {
  test('latency delays POST /oauth/token, then it serves a token normally', async () => {
    const armed = await arm({ kind: 'latency', delayMs: 300 });

    const started = Date.now();
    const delayed = await getToken();
    const elapsed = Date.now() - started;
    const after = await getToken();

    expect(armed.status).toBe(201);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(delayed.status).toBe(200);
    expect(delayed.json).toMatchObject({ access_token: expect.any(String), token_type: 'bearer' });
    expect(after.status).toBe(200);
    expect((await mock.control('GET', '/faults')).json).toEqual([]);
  });

  test('server_error answers 500 with an OAuthError body, for count requests only', async () => {
    await arm({ kind: 'server_error', count: 2 });

    const failed = await getToken();
    const statuses = [failed.status, (await getToken()).status, (await getToken()).status];

    expect(statuses).toEqual([500, 500, 200]);
    expect(failed.headers['content-type']).toMatch(/^application\/json/);
    expect(failed.json).toMatchObject({ error: 'server_error' });
    expect(await validateOAuthError(failed.json)).toEqual([]);
  });

  test('rate_limit answers 429 with Retry-After', async () => {
    await arm({ kind: 'rate_limit' });

    const response = await getToken();

    expect(response.status).toBe(429);
    expect(response.json).toEqual({ message: 'Rate Limit Exceeded' });
    expect(response.headers['retry-after']).toBe('10');
  });

  test('gateway_html answers 502 with an HTML page', async () => {
    await arm({ kind: 'gateway_html' });

    const response = await getToken();

    expect(response.status).toBe(502);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.json).toBeUndefined();
  });

  test('a token endpoint fault leaves the API operations alone', async () => {
    const token = await mock.token('admin');
    await arm({ kind: 'server_error' });

    const api = await mock.call('/beta/mfa/token/send', {
      token,
      body: { userAlias: alias, deliveryType: 'SMS_WORK' },
    });

    expect(api.status).toBe(200);
    expect((await getToken()).status).toBe(500);
  });

  test('a fault armed for * leaves the token endpoint alone', async () => {
    await mock.control('POST', '/faults', { operationId: '*', kind: 'server_error' });

    const token = await getToken();
    const api = await mock.call('/beta/mfa/kba/authenticate', {
      token: (token.json as { access_token: string }).access_token,
      body: [],
    });

    expect(token.status).toBe(200);
    expect(api.status).toBe(500);
  });
});
