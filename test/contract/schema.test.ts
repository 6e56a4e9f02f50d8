import { expect, test } from '@playwright/test';
import { schemaValidator } from '../../src/contract/schema.ts';
import { loadSpec, specFiles } from '../../src/contract/spec.ts';

const pollOk = '#/paths/~1mfa~1{method}~1poll/post/responses/200/content/application~1json/schema';

test.describe('schemaValidator on the project spec (OAS 3.0 rules)', () => {
  const cases = [
    { id: 'nullable fields may be null', given: { requestId: null, status: 'PENDING', error: null }, want: [] },
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
