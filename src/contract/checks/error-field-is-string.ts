import type { CheckContext } from '../context.ts';
import { describeValue } from '../display.ts';
import type { Finding } from '../findings.ts';
import { escapePointer } from '../spec.ts';
import { strictFinding } from './finding.ts';

/**
 * error_field_is_string (strict): the untyped error text of a 401 (`error`) and a 429
 * (`message`) is a string, as real gateways send it (DEFECTS.md 2). An absent key is left to
 * documented_keys_present.
 */
export function errorFieldIsString(context: CheckContext): Finding[] {
  const rule = context.profile?.rules.get('error_field_is_string');
  const key = rule?.fields?.[String(context.response.status)];
  const body = context.body;
  if (!rule || key === undefined || body.kind !== 'json') return [];
  if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) return [];

  const value = (body.value as Record<string, unknown>)[key];
  if (value === undefined || typeof value === 'string') return [];

  return [
    strictFinding(context, rule, {
      location: `/${escapePointer(key)}`,
      expected: 'type string',
      received: describeValue(value, context.redactor),
      message: `"${key}" of a ${context.response.status} is ${value === null ? 'null' : typeof value}, not a string`,
    }),
  ];
}
