/**
 * The checks on SailPoint's published file (../shared/reference, absent from user clones):
 * every schema compiles, and its own examples come out as DEFECTS.md describes them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Contract } from '../../src/contract/index.ts';
import {
  compileAll,
  escapePointer,
  listSchemaPointers,
  loadContract,
  schemaValidator,
} from '../../src/contract/index.ts';
import { respond, summarise } from './support.ts';

const upstream = fileURLToPath(
  new URL('../../../shared/reference/sailpoint-beta-mfa.upstream.yaml', import.meta.url),
);
const missing = 'needs ../shared/reference/sailpoint-beta-mfa.upstream.yaml (workspace only)';

interface Example {
  id: string;
  operationId: string;
  status: number;
  mediaType: string;
  value: unknown;
}

/** Every response example the document gives (`example` and `examples.*.value`). */
function listExamples(contract: Contract): Example[] {
  const examples: Example[] = [];
  for (const operation of contract.spec.operations.values()) {
    for (const [code, response] of Object.entries(operation.responses)) {
      const content = (response.content ?? {}) as Record<string, Record<string, unknown>>;
      for (const [mediaType, media] of Object.entries(content)) {
        const named = Object.entries((media.examples ?? {}) as Record<string, { value: unknown }>);
        const all =
          media.example === undefined
            ? named
            : [['example', { value: media.example }] as const, ...named];
        for (const [name, example] of all) {
          examples.push({
            id: `${operation.operationId} ${code} ${name}`,
            operationId: operation.operationId,
            status: Number(code),
            mediaType,
            value: example.value,
          });
        }
      }
    }
  }

  return examples;
}

test.describe('SailPoint published beta MFA file', () => {
  test.skip(!existsSync(upstream), missing);

  let contract: Contract;
  test.beforeAll(async () => {
    contract = await loadContract({ spec: upstream });
  });

  test('has its twelve paths and every schema compiles', () => {
    const paths = Object.keys(contract.spec.document.paths as object);
    const components = Object.keys(
      (contract.spec.document.components as { schemas: object }).schemas,
    );

    expect(paths).toHaveLength(12);
    expect(compileAll(contract.spec)).toBe(listSchemaPointers(contract.spec).length);
    for (const name of components) {
      expect(
        () => schemaValidator(contract.spec, `#/components/schemas/${escapePointer(name)}`),
        name,
      ).not.toThrow();
    }
  });

  test('every example passes the bare contract except testMFAConfig 200, which sets a non-nullable error to null', () => {
    const failing: string[] = [];
    for (const example of listExamples(contract)) {
      const findings = contract.check(
        respond(example.status, example.value, { 'content-type': example.mediaType }),
        {
          operationId: example.operationId,
          provokedServerError: true,
          strictProfile: false,
        },
      );
      failing.push(...summarise(findings).map((finding) => `${example.id}: ${finding}`));
    }

    // Not in DEFECTS.md (an MFA Configuration path): MfaConfigTestResponse.error is a plain string.
    expect(failing).toEqual(['testMFAConfig 200 example: body_conforms@/error']);
  });

  test('the KBA 200 example passes the bare contract but its misspelt keys warn in strict (DEFECTS.md 3)', () => {
    const kba = listExamples(contract).find(
      (example) => example.id === 'sendKbaAnswers 200 example',
    );
    const response = respond(200, kba?.value);

    const bare = contract.check(response, { operationId: 'sendKbaAnswers', strictProfile: false });
    const strict = contract.check(response, { operationId: 'sendKbaAnswers' });

    expect(bare).toEqual([]);
    expect(strict.map((f) => [f.check, f.location, f.severity])).toEqual([
      ['keys_documented', '/kbaAuthResponseItem', 'warning'],
      ['documented_keys_present', '/kbaAuthResponseItems', 'warning'],
    ]);
  });

  test('the 403 and 500 examples have the tenant error shape (strict stays quiet)', () => {
    const errors = listExamples(contract).filter(
      (example) =>
        example.operationId === 'createSendToken' &&
        example.status >= 403 &&
        example.status !== 429,
    );

    expect(errors.map((example) => example.id)).toEqual([
      'createSendToken 403 403',
      'createSendToken 500 500',
    ]);
    for (const example of errors) {
      const findings = contract.check(respond(example.status, example.value), {
        operationId: 'createSendToken',
        provokedServerError: true,
      });
      expect(findings, example.id).toEqual([]);
    }
  });

  const defects = [
    {
      id: 'DEFECTS.md 1: a 429 with the documented message but no Retry-After',
      given: respond(429, { message: ' Rate Limit Exceeded ' }),
      bare: [],
      strict: ['retry_after_valid@header:retry-after'],
    },
    {
      id: 'DEFECTS.md 2: a 401 whose error is not a string',
      given: respond(401, { error: ['JWT', 'expired'] }),
      bare: [],
      strict: ['error_field_is_string@/error'],
    },
    {
      id: 'DEFECTS.md 2: the documented 401 error text',
      given: respond(401, { error: 'JWT validation failed: JWT is expired' }),
      bare: [],
      strict: [],
    },
    {
      id: 'DEFECTS.md 3: {} as a token-send 200',
      given: respond(200, {}),
      bare: [],
      strict: [
        'documented_keys_present@/requestId',
        'documented_keys_present@/status',
        'documented_keys_present@/errorMessage',
      ],
    },
    {
      id: 'DEFECTS.md 4: a gateway error of another shape as a 400',
      given: respond(400, { fault: 'gateway' }),
      bare: [],
      strict: [
        'error_body_shape@/detailCode',
        'error_body_shape@/trackingId',
        'error_body_shape@/messages',
        'keys_documented@/fault',
      ],
    },
    {
      id: 'DEFECTS.md 5: null locale and localeOrigin under OAS 3.0 rules',
      given: respond(400, {
        detailCode: '400.1 Bad Request Content',
        trackingId: 'e7eab60924f64aa284175b9fa3309599',
        messages: [{ locale: null, localeOrigin: null, text: 'x' }],
      }),
      bare: [],
      strict: [],
    },
    {
      id: 'DEFECTS.md 7: a LocaleOrigin value the enum does not list',
      given: respond(400, {
        detailCode: '400.1 Bad Request Content',
        trackingId: 'e7eab60924f64aa284175b9fa3309599',
        messages: [{ locale: 'fr', localeOrigin: 'USER_PREFERENCE', text: 'x' }],
      }),
      bare: ['body_conforms@/messages/0/localeOrigin'],
      strict: ['enum_extensible@/messages/0/localeOrigin'],
    },
  ];
  for (const { id, given, bare, strict } of defects) {
    test(id, () => {
      const options = { operationId: 'createSendToken' };

      expect(summarise(contract.check(given, { ...options, strictProfile: false }))).toEqual(bare);
      expect(summarise(contract.check(given, options))).toEqual(strict);
    });
  }

  test('DEFECTS.md 13: example keywords and int32 compile, and int32 is enforced', () => {
    const kbaConfig = '#/components/schemas/KbaQuestion';
    const validate = schemaValidator(contract.spec, kbaConfig);
    const question = { id: 'q', text: 't', hasAnswer: true };

    expect(validate({ ...question, numAnswers: 5 })).toEqual([]);
    expect(validate({ ...question, numAnswers: 2 ** 31 }).map((v) => v.keyword)).toEqual([
      'format',
    ]);
  });
});
