import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { parse as parseYaml } from 'yaml';
import type { CheckOptions, Contract, ObservedResponse } from '../../src/contract/index.ts';
import {
  createContract,
  HarnessUsageError,
  isRetryAfterValue,
  loadContract,
  parseStrictProfile,
  specFiles,
} from '../../src/contract/index.ts';
import { jsonType, respond, summarise } from './support.ts';

interface Case {
  id: string;
  given: ObservedResponse;
  options: CheckOptions;
  /** `check@location` of the strict findings only. */
  want: string[];
}

const tenantError = {
  detailCode: '403 Forbidden',
  trackingId: '3c2b1a0f9e8d47c6b5a4938271605f4e',
  messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: 'Not allowed.' }],
};

let contract: Contract;
test.beforeAll(async () => {
  contract = await loadContract();
});

function strictOnly(response: ObservedResponse, options: CheckOptions): string[] {
  return summarise(contract.check(response, options).filter((f) => f.profile === 'strict'));
}

const cases: Case[] = [
  // retry_after_valid
  {
    id: 'retry_after_valid fires on a 429 without Retry-After',
    given: respond(429, { message: 'Rate Limit Exceeded' }),
    options: { operationId: 'createSendToken' },
    want: ['retry_after_valid@header:retry-after'],
  },
  {
    id: 'retry_after_valid stays quiet on delta-seconds, header name in any case',
    given: respond(429, { message: 'Rate Limit Exceeded' }, { ...jsonType, 'Retry-After': '10' }),
    options: { operationId: 'createSendToken' },
    want: [],
  },
  {
    id: 'retry_after_valid stays quiet on an HTTP-date',
    given: respond(
      429,
      { message: 'Rate Limit Exceeded' },
      { ...jsonType, 'retry-after': 'Wed, 21 Oct 2026 07:28:00 GMT' },
    ),
    options: { operationId: 'createSendToken' },
    want: [],
  },
  {
    id: 'retry_after_valid fires on "10s"',
    given: respond(429, { message: 'Rate Limit Exceeded' }, { ...jsonType, 'retry-after': '10s' }),
    options: { operationId: 'createSendToken' },
    want: ['retry_after_valid@header:retry-after'],
  },
  {
    id: 'retry_after_valid ignores statuses other than 429',
    given: respond(200, { status: 'SUCCESS' }),
    options: { operationId: 'sendTokenAuthRequest' },
    want: [],
  },
  // error_field_is_string
  {
    id: 'error_field_is_string fires on a 401 error that is a number',
    given: respond(401, { error: 42 }),
    options: { operationId: 'createSendToken' },
    want: ['error_field_is_string@/error'],
  },
  {
    id: 'error_field_is_string stays quiet on a 401 error string',
    given: respond(401, { error: 'JWT is required' }),
    options: { operationId: 'createSendToken' },
    want: [],
  },
  {
    id: 'error_field_is_string fires on a 429 message that is an object',
    given: respond(429, { message: { text: 'slow down' } }, { ...jsonType, 'retry-after': '1' }),
    options: { operationId: 'createSendToken' },
    want: ['error_field_is_string@/message'],
  },
  // error_body_shape
  {
    id: 'error_body_shape stays quiet on the tenant error shape',
    given: respond(403, tenantError),
    options: { operationId: 'createSendToken' },
    want: [],
  },
  {
    id: 'error_body_shape fires on an upper-case trackingId',
    given: respond(403, { ...tenantError, trackingId: tenantError.trackingId.toUpperCase() }),
    options: { operationId: 'createSendToken' },
    want: ['error_body_shape@/trackingId'],
  },
  {
    id: 'error_body_shape fires on a gateway body of another shape',
    given: respond(500, { error: 'upstream timeout' }),
    options: { operationId: 'createSendToken', provokedServerError: true },
    want: [
      'error_body_shape@/detailCode',
      'error_body_shape@/trackingId',
      'error_body_shape@/messages',
      'keys_documented@/error',
    ],
  },
  {
    id: 'error_body_shape fires on a message without localeOrigin',
    given: respond(400, { ...tenantError, messages: [{ locale: 'en-US', text: 'Bad.' }] }),
    options: { operationId: 'createSendToken' },
    want: ['error_body_shape@/messages/0/localeOrigin'],
  },
  // keys_documented
  {
    id: 'keys_documented fires on a misspelt key',
    given: respond(200, {
      requestId: 'a',
      status: 'SUCCESS',
      errorMesage: null,
      errorMessage: null,
    }),
    options: { operationId: 'createSendToken' },
    want: ['keys_documented@/errorMesage'],
  },
  {
    id: 'keys_documented fires on a misspelt nested key',
    given: respond(200, {
      kbaAuthResponseItems: [{ questionId: 'q1', IsVerified: true }],
      status: 'SUCCESS',
    }),
    options: { operationId: 'sendKbaAnswers' },
    want: ['keys_documented@/kbaAuthResponseItems/0/IsVerified'],
  },
  {
    id: 'keys_documented stays quiet on documented keys',
    given: respond(200, {
      kbaAuthResponseItems: [{ questionId: 'q1', isVerified: true }],
      status: 'SUCCESS',
    }),
    options: { operationId: 'sendKbaAnswers' },
    want: [],
  },
  // documented_keys_present
  {
    id: 'documented_keys_present fires on {} as a 200',
    given: respond(200, {}),
    options: { operationId: 'pingVerificationStatus' },
    want: [
      'documented_keys_present@/requestId',
      'documented_keys_present@/status',
      'documented_keys_present@/error',
    ],
  },
  {
    id: 'documented_keys_present stays quiet when every key is there, even null',
    given: respond(200, { requestId: null, status: 'PENDING', error: null }),
    options: { operationId: 'pingVerificationStatus' },
    want: [],
  },
  {
    id: 'documented_keys_present fires on a 401 without error',
    given: respond(401, { message: 'Unauthorized' }),
    options: { operationId: 'pingVerificationStatus' },
    want: ['keys_documented@/message', 'documented_keys_present@/error'],
  },
  // enum_extensible
  {
    id: 'enum_extensible warns on a new LocaleOrigin value',
    given: respond(403, {
      ...tenantError,
      messages: [{ locale: 'en-US', localeOrigin: 'BROWSER', text: 'x' }],
    }),
    options: { operationId: 'createSendToken' },
    want: ['enum_extensible@/messages/0/localeOrigin'],
  },
  {
    id: 'enum_extensible stays quiet on a listed LocaleOrigin value',
    given: respond(403, {
      ...tenantError,
      messages: [{ locale: 'en-US', localeOrigin: 'REQUEST', text: 'x' }],
    }),
    options: { operationId: 'createSendToken' },
    want: [],
  },
];

test.describe('strict profile checks', () => {
  for (const { id, given, options, want } of cases) {
    test(id, () => {
      expect(strictOnly(given, options)).toEqual(want);
    });
  }

  test('a 429 without Retry-After fails by default; a non-string 401 error only warns', () => {
    const rateLimited = contract.check(respond(429, { message: 'slow' }), {
      operationId: 'createSendToken',
    });
    const unauthorised = contract.check(respond(401, { error: 42 }), {
      operationId: 'createSendToken',
    });

    expect(rateLimited.map((f) => [f.check, f.severity, f.profile])).toEqual([
      ['retry_after_valid', 'failure', 'strict'],
    ]);
    expect(unauthorised.map((f) => [f.check, f.severity, f.profile])).toEqual([
      ['error_field_is_string', 'warning', 'strict'],
    ]);
  });

  test('a new LocaleOrigin value fails body_conforms only when the profile is off', () => {
    const body = respond(403, {
      ...tenantError,
      messages: [{ locale: 'en-US', localeOrigin: 'BROWSER', text: 'x' }],
    });

    const strict = contract.check(body, { operationId: 'createSendToken' });
    const bare = contract.check(body, { operationId: 'createSendToken', strictProfile: false });

    expect(strict.map((f) => [f.check, f.severity])).toEqual([['enum_extensible', 'warning']]);
    expect(bare.map((f) => [f.check, f.severity])).toEqual([['body_conforms', 'failure']]);
  });

  test('an extensible enum value of the wrong type still fails body_conforms', () => {
    const body = respond(403, {
      ...tenantError,
      messages: [{ locale: 'en-US', localeOrigin: 7, text: 'x' }],
    });

    const findings = contract.check(body, { operationId: 'createSendToken' });

    expect(findings.find((f) => f.check === 'body_conforms')?.location).toBe(
      '/messages/0/localeOrigin',
    );
  });

  test('strictProfile: false leaves the bare contract', () => {
    const messy = respond(500, { error: 7, extra: true });

    const findings = contract.check(messy, {
      operationId: 'createSendToken',
      provokedServerError: true,
      strictProfile: false,
    });

    expect(findings).toEqual([]);
  });

  test('warningsAsFailures turns every warning into a failure', () => {
    const findings = contract.check(respond(401, { error: 42, hint: 'x' }), {
      operationId: 'createSendToken',
      warningsAsFailures: true,
    });

    expect(findings.map((f) => [f.check, f.severity])).toEqual([
      ['error_field_is_string', 'failure'],
      ['keys_documented', 'failure'],
    ]);
  });
});

test.describe('Retry-After values', () => {
  const values = [
    { given: '0', want: true },
    { given: '120', want: true },
    { given: 'Sun, 06 Nov 1994 08:49:37 GMT', want: true },
    { given: 'Sunday, 06-Nov-94 08:49:37 GMT', want: true },
    { given: 'Sun Nov  6 08:49:37 1994', want: true },
    { given: '', want: false },
    { given: '-5', want: false },
    { given: '1.5', want: false },
    { given: 'soon', want: false },
    { given: 'Mon, 31 Feb 2026 10:00:00 GMT', want: false },
    { given: '2026-10-21T07:28:00Z', want: false },
  ];
  for (const { given, want } of values) {
    test(`"${given}" is ${want ? 'valid' : 'not valid'}`, () => {
      expect(isRetryAfterValue(given)).toBe(want);
    });
  }
});

test.describe('the strict profile file', () => {
  test('names the profile and gives each rule a check, a severity and a why citing DEFECTS.md', async () => {
    const data = parseYaml(await readFile(specFiles.strictProfile, 'utf8'));

    const profile = parseStrictProfile(data, specFiles.strictProfile);

    expect(profile.name).toBe('isc-tenant');
    expect([...profile.rules.keys()]).toEqual([
      'retry_after_valid',
      'error_field_is_string',
      'error_body_shape',
      'keys_documented',
      'documented_keys_present',
      'enum_extensible',
    ]);
    for (const rule of profile.rules.values()) {
      expect(rule.why, rule.check).toMatch(/^DEFECTS\.md \d+: /);
    }
    expect(profile.rules.get('retry_after_valid')?.severity).toBe('failure');
    const others = [...profile.rules.values()].filter((r) => r.check !== 'retry_after_valid');
    expect(others.every((rule) => rule.severity === 'warning')).toBe(true);
  });

  const broken = [
    {
      id: 'an unknown check',
      given: { profile: 'p', rules: [{ check: 'x', severity: 'warning', why: 'y' }] },
    },
    {
      id: 'a bad severity',
      given: { profile: 'p', rules: [{ check: 'keys_documented', severity: 'fatal', why: 'y' }] },
    },
    {
      id: 'a missing schema',
      given: {
        profile: 'p',
        rules: [{ check: 'error_body_shape', severity: 'warning', why: 'y', schema: 'Nope' }],
      },
    },
    {
      id: 'a rule listed twice',
      given: {
        profile: 'p',
        rules: [
          { check: 'keys_documented', severity: 'warning', why: 'y' },
          { check: 'keys_documented', severity: 'warning', why: 'y' },
        ],
      },
    },
  ];
  for (const { id, given } of broken) {
    test(`a profile with ${id} is a usage error`, () => {
      expect(() => parseStrictProfile(given, 'broken.yaml')).toThrow(HarnessUsageError);
    });
  }

  test('a profile without a rule leaves that check quiet', () => {
    const profile = parseStrictProfile(
      { profile: 'lenient', rules: [{ check: 'keys_documented', severity: 'warning', why: 'y' }] },
      'lenient.yaml',
    );
    const lenient = createContract(contract.spec, profile);

    const findings = lenient.check(respond(429, { message: 'slow' }), {
      operationId: 'createSendToken',
    });

    expect(findings).toEqual([]);
  });

  test('checksRun lists the contract checks, then only the strict checks the profile holds', () => {
    const contractOnly = [
      'status_documented',
      'status_expected',
      'not_server_error',
      'content_type_documented',
      'headers_conform',
      'body_conforms',
    ];
    const profile = parseStrictProfile(
      { profile: 'lenient', rules: [{ check: 'keys_documented', severity: 'warning', why: 'y' }] },
      'lenient.yaml',
    );
    const lenient = createContract(contract.spec, profile);

    expect(lenient.checksRun({})).toEqual([...contractOnly, 'keys_documented']);
    expect(lenient.checksRun({ strictProfile: false })).toEqual(contractOnly);
    expect(createContract(contract.spec).checksRun({})).toEqual(contractOnly);
    expect(contract.checksRun({})).toHaveLength(contractOnly.length + 6);
  });
});
