import type { CheckContext } from '../context.ts';
import { trimText } from '../display.ts';
import type { Finding } from '../findings.ts';
import { getHeader } from '../headers.ts';
import { schemaValidator } from '../schema.ts';
import { escapePointer, resolveObject } from '../spec.ts';
import { contractFinding } from './finding.ts';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a header's text as the type its schema declares (simple style, RFC 9110 lists). */
function toTyped(text: string, schema: Json): unknown {
  const trimmed = text.trim();
  switch (schema.type) {
    case 'integer':
    case 'number':
      return /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
    case 'boolean':
      return trimmed === 'true' ? true : trimmed === 'false' ? false : trimmed;
    case 'array':
      return trimmed.split(',').map((part) => part.trim());
    default:
      return text;
  }
}

/**
 * headers_conform: every header the spec declares for the status is present when `required`,
 * and its value matches the header's schema. `Content-Type` is left to content_type_documented,
 * as OAS 3 says a declared one is ignored.
 */
export function headersConform(context: CheckContext): Finding[] {
  const documented = context.documented;
  if (!documented || !isObject(documented.response.headers)) return [];

  const findings: Finding[] = [];
  for (const [name, raw] of Object.entries(documented.response.headers)) {
    if (name.toLowerCase() === 'content-type') continue;

    const header = resolveObject(context.spec.document, raw);
    if (!header) continue;

    const value = getHeader(context.response.headers, name);
    const location = `header:${name.toLowerCase()}`;
    if (value === undefined) {
      if (header.required === true) {
        findings.push(
          contractFinding(context, 'headers_conform', {
            location,
            expected: `a ${name} header`,
            received: '(absent)',
            message: `required header ${name} is missing`,
          }),
        );
      }
      continue;
    }

    const schemaPointer = `${documented.pointer}/headers/${escapePointer(name)}/schema`;
    const schema = resolveObject(context.spec.document, header.schema);
    if (!schema) continue;

    for (const violation of schemaValidator(context.spec, schemaPointer)(toTyped(value, schema))) {
      findings.push(
        contractFinding(context, 'headers_conform', {
          location,
          expected: violation.allowed
            ? `one of ${violation.allowed.map((item) => JSON.stringify(item)).join(', ')}`
            : violation.message,
          received: trimText(context.redactor.maskText(value)),
          message: `header ${name} ${violation.message}`,
        }),
      );
    }
  }

  return findings;
}
