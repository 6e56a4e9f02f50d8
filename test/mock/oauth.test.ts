import { expect, test } from '@playwright/test';
import { decodeJwt } from 'jose';
import { schemaValidator } from '../../src/contract/schema.ts';
import { loadSpec, specFiles } from '../../src/contract/spec.ts';
import type { TestMock } from './helpers.ts';
import { startTestMock } from './helpers.ts';

let mock: TestMock;
test.beforeAll(async () => {
  mock = await startTestMock();
});
test.afterAll(async () => mock.close());

const admin = {
  grant_type: 'client_credentials',
  client_id: 'mock-admin',
  client_secret: 'mock-admin-secret',
};

test.describe('POST /oauth/token', () => {
  const encodings: { id: string; send: (url: string) => Promise<Response> }[] = [
    {
      id: 'urlencoded body',
      send: (url) => fetch(url, { method: 'POST', body: new URLSearchParams(admin) }),
    },
    {
      id: 'multipart form data',
      send: (url) => {
        const form = new FormData();
        for (const [key, value] of Object.entries(admin)) form.append(key, value);
        return fetch(url, { method: 'POST', body: form });
      },
    },
    {
      id: 'query string',
      send: (url) => fetch(`${url}?${new URLSearchParams(admin)}`, { method: 'POST' }),
    },
  ];
  for (const { id, send } of encodings) {
    test(`issues a token for credentials sent as ${id}`, async () => {
      const response = await send(`${mock.url}/oauth/token`);
      const body = (await response.json()) as Record<string, unknown>;

      expect(response.status).toBe(200);
      expect(body).toMatchObject({
        token_type: 'bearer',
        expires_in: 43_200,
        scope: 'sp:scopes:all',
      });
      expect(typeof body.access_token).toBe('string');
    });
  }

  test('puts the user fields in the response and the JWT for a client with a user', async () => {
    const identity = await mock.identity(0);

    const response = await mock.oauth(admin);
    const body = response.json as Record<string, string>;
    const claims = decodeJwt(body.access_token ?? '');

    expect(body).toMatchObject({
      identity_id: identity.id,
      user_id: identity.id,
      user_name: identity.alias,
    });
    expect(claims).toMatchObject({
      client_id: 'mock-admin',
      identity_id: identity.id,
      authorities: ['ORG_ADMIN'],
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(43_200);
  });

  test('gives the user client USER level and the app client no user at all', async () => {
    const user = await mock.oauth({
      ...admin,
      client_id: 'mock-user',
      client_secret: 'mock-user-secret',
    });
    const app = await mock.oauth({
      ...admin,
      client_id: 'mock-app',
      client_secret: 'mock-app-secret',
    });

    expect(decodeJwt((user.json as { access_token: string }).access_token).authorities).toEqual([
      'USER',
    ]);
    expect(app.json).not.toHaveProperty('identity_id');
    expect(decodeJwt((app.json as { access_token: string }).access_token)).not.toHaveProperty(
      'identity_id',
    );
  });

  const refusals = [
    {
      id: 'a wrong secret',
      given: { ...admin, client_secret: 'nope' },
      want: { status: 401, error: 'invalid_client' },
    },
    {
      id: 'an unknown client',
      given: { ...admin, client_id: 'stranger' },
      want: { status: 401, error: 'invalid_client' },
    },
    {
      id: 'no credentials',
      given: { grant_type: 'client_credentials' },
      want: { status: 401, error: 'invalid_client' },
    },
    {
      id: 'no grant_type',
      given: { client_id: 'mock-admin', client_secret: 'mock-admin-secret' },
      want: { status: 400, error: 'invalid_request' },
    },
    {
      id: 'another grant type',
      given: { ...admin, grant_type: 'password' },
      want: { status: 400, error: 'unsupported_grant_type' },
    },
  ];
  for (const { id, given, want } of refusals) {
    test(`refuses ${id} with the OAuth error body`, async () => {
      const response = await mock.oauth(given);

      expect(response.status).toBe(want.status);
      expect(response.json).toMatchObject({ error: want.error });
      expect(typeof (response.json as { error_description: unknown }).error_description).toBe(
        'string',
      );
    });
  }

  const jsonBodies = [
    {
      id: 'JSON under a urlencoded content type',
      contentType: 'application/x-www-form-urlencoded',
    },
    { id: 'JSON under its own content type', contentType: 'application/json' },
    { id: 'JSON as text/plain', contentType: 'text/plain' },
    { id: 'JSON with no content type', contentType: undefined },
  ];
  for (const { id, contentType } of jsonBodies) {
    test(`refuses ${id} with 400 invalid_request`, async () => {
      const headers: Record<string, string> = contentType ? { 'content-type': contentType } : {};

      // Bytes, not a string: fetch adds no Content-Type of its own to a Uint8Array.
      const body = new TextEncoder().encode(JSON.stringify(admin));
      const response = await fetch(`${mock.url}/oauth/token`, { method: 'POST', headers, body });

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    });
  }
});

test.describe('POST /oauth/token against spec/oauth-token.yaml', () => {
  const cases = [
    { id: 'a granted token', given: admin, want: 200 },
    { id: 'refused credentials', given: { ...admin, client_secret: 'nope' }, want: 401 },
    { id: 'a malformed grant', given: { ...admin, grant_type: 'password' }, want: 400 },
  ];
  for (const { id, given, want } of cases) {
    test(`the ${want} body for ${id} matches the documented schema`, async () => {
      const spec = await loadSpec(specFiles.oauthToken);
      const pointer = `#/paths/~1oauth~1token/post/responses/${want}/content/application~1json/schema`;

      const response = await mock.oauth(given);

      expect(response.status).toBe(want);
      expect(schemaValidator(spec, pointer)(response.json)).toEqual([]);
    });
  }
});
