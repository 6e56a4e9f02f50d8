import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import {
  bodyConforms,
  createCheckContext,
  loadContract,
  loadSpec,
  schemaValidator,
  specFiles,
} from '../../src/contract/index.ts';
import { respond } from './support.ts';

const contractDir = fileURLToPath(new URL('../../src/contract/', import.meta.url));
const mockDir = fileURLToPath(new URL('../../src/mock/', import.meta.url));
const kbaOk =
  '#/paths/~1mfa~1kba~1authenticate/post/responses/200/content/application~1json/schema';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const item of Object.values(value)) deepFreeze(item);
    Object.freeze(value);
  }

  return value;
}

test.describe('validation leaves the body as it was', () => {
  test('a missing property with default: null is not filled in (DEFECTS.md 6)', async () => {
    const validate = schemaValidator(await loadSpec(specFiles.mfaController), kbaOk);
    const body = { kbaAuthResponseItems: [{ questionId: 'q1' }], status: 'SUCCESS', extra: '1' };
    const before = structuredClone(body);

    const violations = validate(body);

    expect(violations).toEqual([]);
    expect(body).toEqual(before);
  });

  test('body_conforms runs on a frozen body without touching it', async () => {
    const spec = await loadSpec(specFiles.mfaController);
    const context = createCheckContext(spec, respond(200, {}), { operationId: 'sendKbaAnswers' });
    const value = deepFreeze({ kbaAuthResponseItems: [{ questionId: 'q1' }], status: '7' });
    context.body = { kind: 'json', value };

    const findings = bodyConforms(context);

    expect(findings.map((finding) => finding.location)).toEqual(['/status']);
    expect(value).toEqual({ kbaAuthResponseItems: [{ questionId: 'q1' }], status: '7' });
  });

  test('Contract.check leaves the response object as it was', async () => {
    const contract = await loadContract();
    const response = deepFreeze(respond(200, { kbaAuthResponseItems: [{ questionId: 'q1' }] }));

    expect(() => contract.check(response, { operationId: 'sendKbaAnswers' })).not.toThrow();
  });
});

async function listSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });

  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

test('src/contract imports neither @playwright/test nor src/mock', async () => {
  const offending: string[] = [];
  const files = await listSources(contractDir);
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const specifiers = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)]
      .concat([...text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)])
      .concat([...text.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)])
      .map((match) => match[1] ?? '');
    for (const specifier of specifiers) {
      const target = specifier.startsWith('.') ? resolve(dirname(file), specifier) : specifier;
      if (
        specifier.startsWith('@playwright/') ||
        specifier === 'playwright' ||
        target.startsWith(mockDir)
      ) {
        offending.push(`${file}: ${specifier}`);
      }
    }
  }

  expect(files.length).toBeGreaterThan(10);
  expect(offending).toEqual([]);
});
