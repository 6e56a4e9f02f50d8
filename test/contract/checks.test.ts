import { expect, test } from '@playwright/test';
import type { CheckOptions, Contract, ObservedResponse } from '../../src/contract/index.ts';
import { createContract, HarnessUsageError, loadContract } from '../../src/contract/index.ts';
import { jsonType, only, respond, sampleSpec, summarise } from './support.ts';

/** The bare published contract: these tables judge spec verdicts only. */
const bare = { strictProfile: false } as const;

const gatewayPage =
  '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>';

interface Case {
  id: string;
  given: ObservedResponse;
  options: CheckOptions;
  /** `check@location` of every finding, in order. */
  want: string[];
}

let contract: Contract;
test.beforeAll(async () => {
  contract = await loadContract();
});

const projectCases: Case[] = [
  // status_documented
  {
    id: 'status_documented fires on a 302 and is not followed',
    given: {
      status: 302,
      headers: { location: 'https://login.example.com/sso?token=abcdef123456' },
      body: '',
    },
    options: { operationId: 'createSendToken', ...bare },
    want: ['status_documented@status'],
  },
  {
    id: 'status_documented fires on an unlisted 404',
    given: respond(404, { error: 'not found' }),
    options: { operationId: 'createSendToken', ...bare },
    want: ['status_documented@status'],
  },
  {
    id: 'status_documented stays quiet on a listed 401',
    given: respond(401, { error: 'JWT is required' }),
    options: { operationId: 'createSendToken', ...bare },
    want: [],
  },
  // content_type_documented
  {
    id: 'content_type_documented accepts application/json;charset=UTF-8',
    given: respond(
      200,
      { status: 'SUCCESS' },
      { 'content-type': 'application/json;charset=UTF-8' },
    ),
    options: { operationId: 'sendTokenAuthRequest', ...bare },
    want: [],
  },
  {
    id: 'content_type_documented accepts Application/JSON',
    given: respond(200, { status: 'SUCCESS' }, { 'content-type': 'Application/JSON' }),
    options: { operationId: 'sendTokenAuthRequest', ...bare },
    want: [],
  },
  {
    id: 'content_type_documented fires on text/plain carrying JSON',
    given: respond(200, { status: 'SUCCESS' }, { 'content-type': 'text/plain' }),
    options: { operationId: 'sendTokenAuthRequest', ...bare },
    want: ['content_type_documented@header:content-type'],
  },
  {
    id: 'content_type_documented fires on a body without Content-Type',
    given: respond(200, { status: 'SUCCESS' }, {}),
    options: { operationId: 'sendTokenAuthRequest', ...bare },
    want: ['content_type_documented@header:content-type'],
  },
  {
    id: 'content_type_documented fires on an empty 200 body',
    given: respond(200, '', jsonType),
    options: { operationId: 'sendTokenAuthRequest', ...bare },
    want: ['content_type_documented@body'],
  },
  {
    id: 'content_type_documented fires on a truncated JSON body',
    given: respond(200, '{"requestId":"0e4d2c9a","status":"PEND', jsonType),
    options: { operationId: 'pingVerificationStatus', ...bare },
    want: ['content_type_documented@body'],
  },
  {
    id: 'content_type_documented fires on a binary body labelled JSON',
    given: respond(200, '\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR', jsonType),
    options: { operationId: 'pingVerificationStatus', ...bare },
    want: ['content_type_documented@body'],
  },
  {
    id: 'a gateway HTML 502 page fails status and server checks',
    given: respond(502, gatewayPage, { 'content-type': 'text/html' }),
    options: { operationId: 'pingVerificationStatus', ...bare },
    want: ['status_documented@status', 'not_server_error@status'],
  },
  {
    id: 'a gateway HTML page on a documented 500 fails its content type',
    given: respond(500, gatewayPage, { 'content-type': 'text/html; charset=utf-8' }),
    options: { operationId: 'pingVerificationStatus', provokedServerError: true, ...bare },
    want: ['content_type_documented@header:content-type'],
  },
  // body_conforms
  {
    id: 'body_conforms accepts null in nullable fields',
    given: respond(200, { requestId: null, status: 'PENDING', error: null }),
    options: { operationId: 'pingVerificationStatus', ...bare },
    want: [],
  },
  {
    id: 'body_conforms fails null in a non-nullable enum',
    given: respond(200, { status: null }),
    options: { operationId: 'pingVerificationStatus', ...bare },
    want: ['body_conforms@/status'],
  },
  {
    id: 'body_conforms fails EXPIRED on a poll 200',
    given: respond(200, { requestId: 'abc', status: 'EXPIRED', error: null }),
    options: { operationId: 'pingVerificationStatus', ...bare },
    want: ['body_conforms@/status'],
  },
  {
    id: 'body_conforms accepts a message with null locale and localeOrigin',
    given: respond(400, {
      detailCode: '400.1 Bad Request Content',
      trackingId: '0f1e2d3c4b5a49687766554433221100',
      messages: [{ locale: null, localeOrigin: null, text: 'x' }],
    }),
    options: { operationId: 'createSendToken', ...bare },
    want: [],
  },
  {
    id: 'body_conforms fails a number where a string is documented',
    given: respond(400, { messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 42 }] }),
    options: { operationId: 'createSendToken', ...bare },
    want: ['body_conforms@/messages/0/text'],
  },
  {
    id: 'body_conforms fails a new LocaleOrigin value when the strict profile is off',
    given: respond(403, { messages: [{ locale: 'en-US', localeOrigin: 'BROWSER', text: 'x' }] }),
    options: { operationId: 'createSendToken', ...bare },
    want: ['body_conforms@/messages/0/localeOrigin'],
  },
  // not_server_error
  {
    id: 'not_server_error fires on an unprovoked 500',
    given: respond(500, { detailCode: '500.0 Internal Fault' }),
    options: { operationId: 'createSendToken', ...bare },
    want: ['not_server_error@status'],
  },
  {
    id: 'not_server_error stays quiet on a provoked 500',
    given: respond(500, { detailCode: '500.0 Internal Fault' }),
    options: { operationId: 'createSendToken', provokedServerError: true, ...bare },
    want: [],
  },
  // status_expected
  {
    id: 'status_expected fires when the provoked status does not come back',
    given: respond(200, { status: 'SUCCESS' }),
    options: { operationId: 'sendTokenAuthRequest', expectedStatus: 400, ...bare },
    want: ['status_expected@status'],
  },
  {
    id: 'status_expected stays quiet when the provoked status comes back',
    given: respond(400, { detailCode: '400.1 Bad Request Content' }),
    options: { operationId: 'sendTokenAuthRequest', expectedStatus: 400, ...bare },
    want: [],
  },
];

test.describe('contract checks on the project spec', () => {
  for (const { id, given, options, want } of projectCases) {
    test(id, () => {
      const findings = contract.check(given, options);

      expect(summarise(findings)).toEqual(want);
      expect(findings.every((finding) => finding.profile === 'contract')).toBe(true);
    });
  }

  test('a 302 finding names where it pointed, with secrets masked', () => {
    const [finding] = contract.check(projectCases[0]?.given as ObservedResponse, {
      operationId: 'createSendToken',
    });

    expect(finding?.received).toContain('302 to https://login.example.com/sso?token=<redacted>');
    expect(finding?.message).toContain('not followed');
  });

  test('body_conforms findings carry the pointer, the allowed values and the value', () => {
    const findings = contract.check(respond(200, { status: 'EXPIRED' }), {
      operationId: 'pingVerificationStatus',
      ...bare,
    });

    expect(only(findings, 'body_conforms')).toEqual([
      {
        check: 'body_conforms',
        severity: 'failure',
        profile: 'contract',
        operation: 'pingVerificationStatus',
        status: 200,
        location: '/status',
        expected: 'one of "PENDING", "SUCCESS", "FAILED", "LOCKOUT", "NOT_ENOUGH_DATA"',
        received: '"EXPIRED"',
        message: '/status must be equal to one of the allowed values',
      },
    ]);
  });

  test('null against a non-nullable enum reads as one finding naming type and enum', () => {
    const [finding] = contract.check(respond(200, { status: null }), {
      operationId: 'pingVerificationStatus',
      ...bare,
    });

    expect(finding?.expected).toBe(
      'type string; one of "PENDING", "SUCCESS", "FAILED", "LOCKOUT", "NOT_ENOUGH_DATA"',
    );
    expect(finding?.received).toBe('null');
  });

  test('a truncated body finding quotes the trimmed body and the parse error', () => {
    const [finding] = contract.check(respond(200, '{"status":"PEND', jsonType), {
      operationId: 'pingVerificationStatus',
    });

    expect(finding?.received).toBe('{"status":"PEND');
    expect(finding?.message).toMatch(/^the body is not valid JSON: /);
  });

  test('a binary body is shown printable', () => {
    const [finding] = contract.check(respond(200, '\u0000\u0001PNG', jsonType), {
      operationId: 'pingVerificationStatus',
    });

    expect(finding?.received).toBe('\\u0000\\u0001PNG');
  });
});

test.describe('Contract.check never throws for a bad response', () => {
  const bad: Array<{ id: string; given: ObservedResponse }> = [
    { id: 'HTML page', given: respond(200, gatewayPage, { 'content-type': 'text/html' }) },
    { id: 'empty body', given: respond(200, '', jsonType) },
    { id: 'truncated JSON', given: respond(200, '{"status":', jsonType) },
    { id: 'binary body', given: respond(200, '\u0000\u00ff\u0001\ufffd', jsonType) },
    {
      id: 'wrong content type',
      given: respond(200, 'status=SUCCESS', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
    },
    { id: 'unparsable content type', given: respond(200, '{}', { 'content-type': 'json' }) },
    { id: 'JSON null', given: respond(200, 'null', jsonType) },
    { id: 'JSON array', given: respond(200, '[1,2]', jsonType) },
    { id: 'status 0', given: respond(0, '', {}) },
  ];
  for (const { id, given } of bad) {
    test(`${id} becomes a failure finding`, () => {
      const findings = contract.check(given, { operationId: 'sendTokenAuthRequest' });

      expect(findings.some((finding) => finding.severity === 'failure')).toBe(true);
    });
  }

  test('an unknown operationId is a usage error', () => {
    expect(() => contract.check(respond(200, {}), { operationId: 'sendSmokeSignal' })).toThrow(
      HarnessUsageError,
    );
  });
});

test.describe('contract checks on a spec with ranges, default and headers', () => {
  const sample = createContract(sampleSpec());
  const cases: Case[] = [
    {
      id: 'status_documented honours a 2XX range',
      given: respond(201, {}),
      options: { operationId: 'ranged' },
      want: [],
    },
    {
      id: 'status_documented fires outside the range without default',
      given: respond(409, {}),
      options: { operationId: 'ranged' },
      want: ['status_documented@status'],
    },
    {
      id: 'status_documented honours default',
      given: respond(418, {}),
      options: { operationId: 'fallback' },
      want: [],
    },
    {
      id: 'content_type_documented matches a +json media type',
      given: respond(200, {}, { 'content-type': 'application/problem+json' }),
      options: { operationId: 'fallback' },
      want: [],
    },
    {
      id: 'content_type_documented fires on a body where none is documented',
      given: respond(404, { error: 'gone' }),
      options: { operationId: 'ranged' },
      want: ['content_type_documented@body'],
    },
    {
      id: 'content_type_documented stays quiet on an empty body where none is documented',
      given: respond(404, '', {}),
      options: { operationId: 'ranged' },
      want: [],
    },
    {
      id: 'headers_conform fires on a missing required header',
      given: respond(200, {}),
      options: { operationId: 'limited' },
      want: ['headers_conform@header:x-rate-limit-remaining'],
    },
    {
      id: 'headers_conform fires on a header of the wrong type',
      given: respond(200, {}, { ...jsonType, 'x-rate-limit-remaining': 'plenty' }),
      options: { operationId: 'limited' },
      want: ['headers_conform@header:x-rate-limit-remaining'],
    },
    {
      id: 'headers_conform fires on a value outside a $ref header enum',
      given: respond(200, {}, { ...jsonType, 'x-rate-limit-remaining': '3', 'x-region': 'mars' }),
      options: { operationId: 'limited' },
      want: ['headers_conform@header:x-region'],
    },
    {
      id: 'headers_conform stays quiet on valid headers in any case',
      given: respond(200, {}, { ...jsonType, 'X-RATE-LIMIT-REMAINING': '3', 'X-Region': 'eu' }),
      options: { operationId: 'limited' },
      want: [],
    },
    {
      id: 'body_conforms accepts null for {$ref, nullable: true}',
      given: respond(200, { owner: null }, { ...jsonType, 'x-rate-limit-remaining': '3' }),
      options: { operationId: 'limited' },
      want: [],
    },
    {
      id: 'body_conforms fails a number for {$ref, nullable: true}',
      given: respond(200, { owner: 7 }, { ...jsonType, 'x-rate-limit-remaining': '3' }),
      options: { operationId: 'limited' },
      want: ['body_conforms@/owner'],
    },
    {
      id: 'body_conforms checks format int32',
      given: respond(200, { count: 2 ** 31 }, { ...jsonType, 'x-rate-limit-remaining': '3' }),
      options: { operationId: 'limited' },
      want: ['body_conforms@/count'],
    },
  ];
  for (const { id, given, options, want } of cases) {
    test(id, () => {
      expect(summarise(sample.check(given, options))).toEqual(want);
    });
  }

  test('a nullable $ref finding says "or null"', () => {
    const [finding] = sample.check(
      respond(200, { owner: 7 }, { ...jsonType, 'x-rate-limit-remaining': '3' }),
      { operationId: 'limited' },
    );

    expect(finding?.expected).toBe('type object or null');
  });
});
