import { expect, test } from '@playwright/test';
import { loadContract, MASK, Redactor } from '../../src/contract/index.ts';
import { respond } from './support.ts';

const jwt =
  'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJ0ZW5hbnRfaWQiOiJhY21lIiwidXNlcl9pZCI6IjEyMyJ9.c2lnbmF0dXJlLXBhcnQ';
const duo =
  'AUTH|YWRhLmxvdmVsYWNlfERJWFh8MTg5MzQ1NjAwMA==|0a1b2c3d4e5f60718293a4b5c6d7e8f901234567:APP|YWRhLmxvdmVsYWNlfERJWFh8MTg5MzQ1OTYwMA==|76543210fedcba9876543210fedcba9876543210';

test.describe('Redactor.maskText', () => {
  const cases = [
    {
      id: 'a bearer token',
      given: `Authorization: Bearer abc.def-123`,
      want: `Authorization: Bearer ${MASK}`,
    },
    { id: 'a bare JWT', given: `token was ${jwt} ok`, want: `token was ${MASK} ok` },
    {
      id: 'client_secret in a form',
      given: 'grant_type=client_credentials&client_secret=s3cr3t&client_id=abc',
      want: `grant_type=client_credentials&client_secret=${MASK}&client_id=abc`,
    },
    { id: 'a Duo signed response', given: `signed ${duo} end`, want: `signed ${MASK} end` },
    {
      id: 'a key in truncated JSON',
      given: '{"userAlias":"ada","token":"480913',
      want: `{"userAlias":"ada","token":"${MASK}"`,
    },
    {
      id: 'a multipart secret part',
      given: 'Content-Disposition: form-data; name="client_secret"\r\n\r\nhunter22\r\n--b',
      want: `Content-Disposition: form-data; name="client_secret"\r\n\r\n${MASK}\r\n--b`,
    },
    // Look-alikes that must stay as they are.
    {
      id: 'words that contain token and code',
      given: 'tokenization and code review',
      want: 'tokenization and code review',
    },
    {
      id: 'detailCode in JSON',
      given: '{"detailCode":"400.1 Bad Request Content"}',
      want: '{"detailCode":"400.1 Bad Request Content"}',
    },
    { id: 'a plain status body', given: '{"status":"SUCCESS"}', want: '{"status":"SUCCESS"}' },
    { id: 'the word AUTH alone', given: 'AUTH|only one part', want: 'AUTH|only one part' },
  ];
  for (const { id, given, want } of cases) {
    test(`masks ${id}`, () => {
      expect(new Redactor().maskText(given)).toBe(want);
    });
  }

  test('masks a registered runtime secret wherever it appears, also percent-encoded', () => {
    const redactor = new Redactor();
    redactor.addSecret('p@ss word/1');

    expect(redactor.maskText('x p@ss word/1 y')).toBe(`x ${MASK} y`);
    expect(redactor.maskText(`q=${encodeURIComponent('p@ss word/1')}`)).toBe(`q=${MASK}`);
  });

  test('ignores secrets too short to mask safely', () => {
    const redactor = new Redactor();
    redactor.addSecret('200');
    redactor.addSecret('');

    expect(redactor.maskText('status 200')).toBe('status 200');
  });

  test('keeps secrets apart between instances', () => {
    const one = new Redactor();
    one.addSecret('only-in-one');

    expect(new Redactor().maskText('only-in-one')).toBe('only-in-one');
  });
});

test.describe('Redactor on headers, URLs and bodies', () => {
  test('masks credential headers, keeping the scheme, and leaves others', () => {
    const masked = new Redactor().maskHeaders({
      Authorization: `Bearer ${jwt}`,
      cookie: 'session=abc',
      'set-cookie': 'session=abc; HttpOnly',
      'content-type': 'application/json',
      'slpt-forwarding': '203.0.113.9',
    });

    expect(masked).toEqual({
      Authorization: `Bearer ${MASK}`,
      cookie: MASK,
      'set-cookie': MASK,
      'content-type': 'application/json',
      'slpt-forwarding': '203.0.113.9',
    });
  });

  test('masks every credential key of a JSON body, at any depth', () => {
    const body = {
      client_secret: 'a',
      access_token: 'b',
      refresh_token: 'c',
      token: '480913',
      signedResponse: duo,
      password: 'd',
      code: '123456',
      nested: [{ id: 'q1', answer: 'Biscuit' }],
      detailCode: '400.1',
      status: 'SUCCESS',
      errorMessage: null,
    };

    const masked = new Redactor().maskJson(body);

    expect(masked).toEqual({
      client_secret: MASK,
      access_token: MASK,
      refresh_token: MASK,
      token: MASK,
      signedResponse: MASK,
      password: MASK,
      code: MASK,
      nested: [{ id: 'q1', answer: MASK }],
      detailCode: '400.1',
      status: 'SUCCESS',
      errorMessage: null,
    });
    expect(body.token).toBe('480913');
  });

  const bodies = [
    {
      id: 'a KBA JSON body',
      given: '[{"id":"q1","answer":"Biscuit"}]',
      type: 'application/json',
      want: `[{"id":"q1","answer":"${MASK}"}]`,
    },
    {
      id: 'a urlencoded token request',
      given: 'grant_type=client_credentials&client_id=abc&client_secret=s%26cret',
      type: 'application/x-www-form-urlencoded',
      want: `grant_type=client_credentials&client_id=abc&client_secret=${MASK}`,
    },
    {
      id: 'a JSON body that does not parse',
      given: '{"client_secret": "abc", "x": ',
      type: 'application/json',
      want: `{"client_secret": "${MASK}", "x": `,
    },
    {
      id: 'an HTML page',
      given: '<p>Bad Gateway</p>',
      type: 'text/html',
      want: '<p>Bad Gateway</p>',
    },
  ];
  for (const { id, given, type, want } of bodies) {
    test(`maskBody handles ${id}`, () => {
      expect(new Redactor().maskBody(given, type)).toBe(want);
    });
  }

  test('maskUrl masks credential query parameters and user info', () => {
    const redactor = new Redactor();

    expect(
      redactor.maskUrl(
        'https://me:pw@acme.api.identitynow.com/oauth/token?grant_type=client_credentials&client_secret=abc',
      ),
    ).toBe(
      `https://${MASK}@acme.api.identitynow.com/oauth/token?grant_type=client_credentials&client_secret=${MASK}`,
    );
    expect(redactor.maskUrl('https://acme.api.identitynow.com/beta/mfa/kba/authenticate')).toBe(
      'https://acme.api.identitynow.com/beta/mfa/kba/authenticate',
    );
  });
});

test.describe('findings never show a credential value', () => {
  const cases = [
    { id: 'an undocumented token key', given: { status: 'SUCCESS', token: 'tok-480913-x' } },
    {
      id: 'an undocumented numeric access_token',
      given: { status: 'SUCCESS', access_token: 480913123 },
    },
    {
      id: 'a JWT in a documented string',
      given: { status: 'FAILED', errorMessage: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2ln' },
    },
  ];
  for (const { id, given } of cases) {
    test(`masks ${id}`, async () => {
      const contract = await loadContract();

      const findings = contract.check(respond(200, given), { operationId: 'createSendToken' });

      const text = JSON.stringify(findings);
      expect(text).not.toMatch(/tok-480913|480913123|eyJhbGci/);
    });
  }
});
