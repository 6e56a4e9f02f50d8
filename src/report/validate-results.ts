/**
 * Checks a parsed results file against `results.schema.json` and says where it is wrong, for
 * tools that read results files written by other runs (`npm run compare`).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { RunResults } from './results.ts';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(
      readFileSync(new URL('./results.schema.json', import.meta.url), 'utf8'),
    ) as object;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    compiled = ajv.compile(schema);
  }

  return compiled;
}

/** How many schema errors a message lists before it says "and N more". */
const listedErrors = 3;

/**
 * Empty when `value` is a valid results file; otherwise one line per problem, each starting
 * with the JSON pointer of the offending value (`/cells/0/verdict: must be equal to one of...`).
 */
export function resultsFileProblems(value: unknown): string[] {
  const validate = validator();
  if (validate(value)) return [];

  const problems = (validate.errors ?? []).map((error) => {
    const allowed =
      error.params && 'allowedValues' in error.params
        ? ` (${(error.params.allowedValues as unknown[]).join(', ')})`
        : '';
    const extra =
      error.params && 'additionalProperty' in error.params
        ? ` "${String(error.params.additionalProperty)}"`
        : '';

    return `${error.instancePath || '/'}: ${error.message ?? 'is invalid'}${allowed}${extra}`;
  });
  const unique = [...new Set(problems)];
  const more = unique.length - listedErrors;

  return more > 0 ? [...unique.slice(0, listedErrors), `and ${more} more`] : unique;
}

/** Narrows after `resultsFileProblems` returned nothing. */
export function isResultsFile(value: unknown): value is RunResults {
  return resultsFileProblems(value).length === 0;
}
