import { expect, test } from '@playwright/test';
import { compileAll, schemaValidator } from '../../src/contract/schema.ts';
import { indexSpec, loadSpec, specFiles } from '../../src/contract/spec.ts';
import { sampleSpec } from './support.ts';

const pollOk = '#/paths/~1mfa~1{method}~1poll/post/responses/200/content/application~1json/schema';

test.describe('schemaValidator on the project spec (OAS 3.0 rules)', () => {
  const cases = [
    {
      id: 'nullable fields may be null',
      given: { requestId: null, status: 'PENDING', error: null },
      want: [],
    },
    { id: 'a non-nullable enum rejects null', given: { status: null }, want: ['/status'] },
    { id: 'a value outside the enum fails', given: { status: 'EXPIRED' }, want: ['/status'] },
  ];
  for (const { id, given, want } of cases) {
    test(`poll 200 body: ${id}`, async () => {
      const validate = schemaValidator(await loadSpec(specFiles.mfaController), pollOk);

      const pointers = [...new Set(validate(given).map((violation) => violation.pointer))];

      expect(pointers).toEqual(want);
    });
  }
});

test.describe('schemaValidator on other documents', () => {
  test('compiles a schema with example, x-go-name and format int32 in strict mode', () => {
    const spec = sampleSpec();
    const pointer = '#/paths/~1limited/post/responses/200/content/application~1json/schema';

    const validate = schemaValidator(spec, pointer);

    expect(validate({ owner: { name: 'ada' }, count: 5 })).toEqual([]);
    expect(compileAll(spec)).toBe(6);
  });

  test('{$ref, nullable: true} admits null and the target, nothing else', () => {
    const validate = schemaValidator(
      sampleSpec(),
      '#/paths/~1limited/post/responses/200/content/application~1json/schema',
    );

    expect(validate({ owner: null })).toEqual([]);
    expect(validate({ owner: { name: 'ada' } })).toEqual([]);
    expect(validate({ owner: 'ada' }).map((v) => [v.pointer, v.message])).toEqual([
      ['/owner', 'must be object or null'],
    ]);
  });

  test('works on an OpenAPI 3.1 document (type arrays, null by type)', () => {
    const spec = indexSpec({
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        schemas: {
          Verdict: {
            type: 'object',
            examples: [{ status: null }],
            properties: { status: { type: ['string', 'null'], enum: ['OK', null] } },
          },
        },
      },
    });
    const validate = schemaValidator(spec, '#/components/schemas/Verdict');

    expect(validate({ status: null })).toEqual([]);
    expect(validate({ status: 'NO' }).map((v) => v.keyword)).toEqual(['enum']);
  });
});
