/**
 * `npm run bench:validate`: what the contract's validation costs.
 * - compile time for every validator of a spec (fresh document each round, so no cache helps);
 * - nanoseconds per validation of a 200 body: a bare ajv call on the same schema, our
 *   schemaValidator, the body_conforms check, and Contract.check (parse + every check).
 * Figures only; nothing here asserts a timing.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import {
  bodyConforms,
  compileAll,
  createCheckContext,
  indexSpec,
  loadContract,
  loadSpec,
  readPointer,
  resolveObject,
  schemaValidator,
  specFiles,
} from '../src/contract/index.ts';

const pollOk = '#/paths/~1mfa~1{method}~1poll/post/responses/200/content/application~1json/schema';
const body = { requestId: '0e4d2c9a7b6f4e1d8c3a5b2f1e0d9c8b', status: 'PENDING', error: null };
const bodyText = JSON.stringify(body);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Median over rounds of nanoseconds per call. */
function nsPerCall(run: () => unknown, iterations: number, rounds = 5): number {
  for (let i = 0; i < iterations / 10; i += 1) run();

  const samples: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) run();
    samples.push(Number(process.hrtime.bigint() - start) / iterations);
  }

  return median(samples);
}

/** Median milliseconds to compile every validator of a fresh copy of the document. */
async function compileMs(path: string, rounds = 5): Promise<{ ms: number; count: number }> {
  const loaded = await loadSpec(path);
  const samples: number[] = [];
  let count = 0;
  for (let round = 0; round < rounds; round += 1) {
    const fresh = indexSpec(structuredClone(loaded.document), `${path}#${round}`);
    const start = process.hrtime.bigint();
    count = compileAll(fresh);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }

  return { ms: median(samples), count };
}

const upstream = fileURLToPath(
  new URL('../../shared/reference/sailpoint-beta-mfa.upstream.yaml', import.meta.url),
);
const documents: Array<[string, string]> = [['spec/mfa-controller.yaml', specFiles.mfaController]];
if (existsSync(upstream)) documents.push(['upstream beta MFA (12 paths)', upstream]);

console.log('compile time, all validators (median of 5, fresh document each):');
for (const [name, path] of documents) {
  const { ms, count } = await compileMs(path);
  console.log(`  ${name.padEnd(32)} ${String(count).padStart(3)} validators  ${ms.toFixed(1)} ms`);
}

// The same schema for the bare ajv call: VerificationResponse, which has no $ref inside.
const spec = await loadSpec(specFiles.mfaController);
const contract = await loadContract();
const target = resolveObject(spec.document, readPointer(spec.document, pollOk)) ?? {};
const bare = new Ajv({ strict: false, allErrors: true });
addFormats.default(bare);
const bareValidate = bare.compile(target);
const ours = schemaValidator(spec, pollOk);
const response = { status: 200, headers: { 'content-type': 'application/json' }, body: bodyText };
const options = { operationId: 'pingVerificationStatus' };
const context = createCheckContext(spec, response, options);

if (!bareValidate(body) || ours(body).length > 0 || contract.check(response, options).length > 0) {
  throw new Error('the benchmark body does not conform; fix the script');
}

const rows: Array<[string, () => unknown, number]> = [
  ['bare ajv validate (same schema)', () => bareValidate(body), 1_000_000],
  ['schemaValidator', () => ours(body), 1_000_000],
  [
    'body_conforms (context built)',
    () => {
      // A fresh context object each call, so the per-context violation cache does not help.
      return bodyConforms({ ...context });
    },
    100_000,
  ],
  ['Contract.check (parse + all checks)', () => contract.check(response, options), 20_000],
];

console.log('\nns per validation of a poll 200 body (median of 5 rounds):');
for (const [name, run, iterations] of rows) {
  console.log(`  ${name.padEnd(38)} ${nsPerCall(run, iterations).toFixed(0).padStart(7)} ns`);
}
