import { expect, test } from '@playwright/test';
import type { TestMock } from './helpers.ts';
import { isFullErrorResponse, startTestMock, validateErrorResponse } from './helpers.ts';

let mock: TestMock;
test.beforeAll(async () => {
  mock = await startTestMock({ bodyLimit: 4096 });
});
test.afterAll(async () => mock.close());
test.beforeEach(async () => mock.reset());

test.describe('request validation: 400 ErrorResponseDto', () => {
  const cases: {
    id: string;
    path: string;
    given: { raw?: string; body?: unknown; headers?: Record<string, string> };
    want: RegExp;
  }[] = [
    {
      id: 'malformed JSON',
      path: '/beta/mfa/token/send',
      given: { raw: '{"userAlias": ' },
      want: /not valid JSON/,
    },
    {
      id: 'an empty body',
      path: '/beta/mfa/token/send',
      given: { raw: '' },
      want: /body is required/,
    },
    {
      id: 'a JSON null body',
      path: '/beta/mfa/token/send',
      given: { raw: 'null' },
      want: /body: must be object/,
    },
    {
      id: 'a missing required field',
      path: '/beta/mfa/token/send',
      given: { body: { userAlias: 'a' } },
      want: /body\/deliveryType: must have required property/,
    },
    {
      id: 'a wrong type',
      path: '/beta/mfa/token/send',
      given: { body: { userAlias: 7, deliveryType: 'SMS_WORK' } },
      want: /body\/userAlias: must be string/,
    },
    {
      id: 'a value outside the enum',
      path: '/beta/mfa/token/send',
      given: { body: { userAlias: 'a', deliveryType: 'PIGEON' } },
      want: /body\/deliveryType: must be equal to one of the allowed values \("SMS_PERSONAL"/,
    },
    {
      id: 'null in a non-nullable field',
      path: '/beta/mfa/token/authenticate',
      given: { body: { userAlias: 'a', deliveryType: 'SMS_WORK', token: null } },
      want: /body\/token: must be string/,
    },
    {
      id: 'an object where KBA wants an array',
      path: '/beta/mfa/kba/authenticate',
      given: { body: { id: 'q', answer: 'a' } },
      want: /body: must be array/,
    },
    {
      id: 'a KBA item without an answer',
      path: '/beta/mfa/kba/authenticate',
      given: { body: [{ id: 'q' }] },
      want: /body\/0\/answer: must have required property/,
    },
    {
      id: 'Duo without signedResponse',
      path: '/beta/mfa/duo-web/verify',
      given: { body: { userId: 'x' } },
      want: /signedResponse/,
    },
    {
      id: 'a poll without requestId',
      path: '/beta/mfa/okta-verify/poll',
      given: { body: {} },
      want: /body\/requestId/,
    },
    {
      id: 'an unknown poll method',
      path: '/beta/mfa/sms/poll',
      given: { body: { requestId: 'x' } },
      want: /path\/method: must be equal to one of the allowed values/,
    },
    {
      id: 'a poll method in the wrong case',
      path: '/beta/mfa/OKTA-VERIFY/poll',
      given: { body: { requestId: 'x' } },
      want: /path\/method/,
    },
    {
      id: 'a percent-encoded slash in the poll method',
      path: '/beta/mfa/okta%2Fverify/poll',
      given: { body: { requestId: 'x' } },
      want: /path\/method/,
    },
    {
      id: 'a double-encoded poll method',
      path: '/beta/mfa/okta%252Dverify/poll',
      given: { body: { requestId: 'x' } },
      want: /path\/method/,
    },
    {
      id: 'text/plain',
      path: '/beta/mfa/token/send',
      given: { raw: '{}', headers: { 'content-type': 'text/plain' } },
      want: /must be sent as application\/json/,
    },
    {
      id: 'a form content type',
      path: '/beta/mfa/token/send',
      given: { raw: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      want: /application\/json/,
    },
    {
      id: 'a charset other than UTF-8',
      path: '/beta/mfa/token/send',
      given: { raw: '{}', headers: { 'content-type': 'application/json; charset=latin1' } },
      want: /must be UTF-8/,
    },
    {
      id: 'an oversized body',
      path: '/beta/mfa/token/send',
      given: { raw: JSON.stringify({ userAlias: 'x'.repeat(5000), deliveryType: 'SMS_WORK' }) },
      want: /too large/,
    },
    {
      id: 'Okta verify without slpt-forwarding',
      path: '/beta/mfa/okta-verify/verify',
      given: { body: { userId: 'x@acme.example' } },
      want: /slpt-forwarding header/,
    },
    {
      id: 'Okta verify with a non-IP slpt-forwarding',
      path: '/beta/mfa/okta-verify/verify',
      given: { body: { userId: 'x' }, headers: { 'slpt-forwarding': 'localhost' } },
      want: /IPv4 or IPv6/,
    },
    {
      id: 'an unknown alias on send',
      path: '/beta/mfa/token/send',
      given: { body: { userAlias: 'nobody', deliveryType: 'SMS_WORK' } },
      want: /No identity matches userAlias/,
    },
    {
      id: 'an unknown poll requestId',
      path: '/beta/mfa/duo-web/poll',
      given: { body: { requestId: 'f'.repeat(32) } },
      want: /No duo-web verification has requestId/,
    },
  ];
  for (const { id, path, given, want } of cases) {
    test(`answers 400 to ${id}`, async () => {
      const response = await mock.call(path, given);

      expect(response.status).toBe(400);
      expect(isFullErrorResponse(response.json)).toBe(true);
      const { messages = [], causes = [] } = response.json as {
        messages?: { text: string }[];
        causes?: { text: string }[];
      };
      expect([...messages, ...causes].map((message) => message.text).join('\n')).toMatch(want);
    });
  }

  test('accepts a body with no Content-Type only as a 400, never a 415', async () => {
    const token = await mock.token('admin');

    const response = await fetch(`${mock.url}/beta/mfa/token/send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: new TextEncoder().encode('{}'),
    });

    expect(response.status).toBe(400);
  });

  test('accepts application/json with charset=utf-8 and a BOM-free body', async () => {
    const identity = await mock.identity(0);

    const response = await mock.call('/beta/mfa/token/send', {
      body: { userAlias: identity.alias, deliveryType: 'SMS_WORK' },
      headers: { 'content-type': 'Application/JSON; charset=UTF-8' },
    });

    expect(response.status).toBe(200);
  });

  test('decodes a percent-encoded poll method once and routes it normally', async () => {
    const response = await mock.call('/beta/mfa/okta%2Dverify/poll', {
      body: { requestId: 'f'.repeat(32) },
    });

    expect(response.status).toBe(400);
    expect(JSON.stringify(response.json)).toMatch(/No okta-verify verification/);
  });
});

test.describe('unknown routes and methods: 404 ErrorResponseDto', () => {
  const cases = [
    { id: 'GET on an operation path', method: 'GET', path: '/beta/mfa/token/send' },
    { id: 'PUT on an operation path', method: 'PUT', path: '/v3/mfa/token/send' },
    { id: 'DELETE on a poll path', method: 'DELETE', path: '/beta/mfa/kba/poll' },
    { id: 'an unknown path', method: 'POST', path: '/beta/mfa/token/resend' },
    { id: 'an unknown version', method: 'POST', path: '/v2/mfa/token/send' },
    { id: 'a trailing slash', method: 'POST', path: '/beta/mfa/token/send/' },
    {
      id: 'the controls while they are on but the path is unknown',
      method: 'GET',
      path: '/__mock/nothing',
    },
  ];
  for (const { id, method, path } of cases) {
    test(`answers 404 to ${id}`, async () => {
      const response = await mock.call(path, { method, ...(method === 'GET' ? {} : { body: {} }) });

      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.text));
      expect(await validateErrorResponse(response.json)).toEqual([]);
      expect(isFullErrorResponse(response.json)).toBe(true);
    });
  }
});
