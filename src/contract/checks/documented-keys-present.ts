import type { CheckContext } from '../context.ts';
import type { Finding } from '../findings.ts';
import { documentedProperties, resolveSchema } from '../schema-walk.ts';
import { escapePointer } from '../spec.ts';
import { strictFinding } from './finding.ts';

/**
 * documented_keys_present (strict): each top-level key the schema documents appears in the
 * body. Nothing is `required` upstream, so `{}` passes the bare contract (DEFECTS.md 3). Keys
 * the profile lists as optional for a component (ErrorResponseDto `causes`) are exempt, and
 * statuses error_body_shape covers are left to it.
 */
export function documentedKeysPresent(context: CheckContext): Finding[] {
  const rule = context.profile?.rules.get('documented_keys_present');
  const pointer = context.content?.schemaPointer;
  const body = context.body;
  if (!rule || pointer === undefined || body.kind !== 'json') return [];
  // Error bodies the tenant error shape judges are left to error_body_shape, which is stricter.
  const shapeRule = context.profile?.rules.get('error_body_shape');
  if (shapeRule?.statuses?.includes(context.response.status)) return [];
  if (typeof body.value !== 'object' || body.value === null || Array.isArray(body.value)) return [];

  const document = context.spec.document;
  const root = resolveSchema(document, context.content?.schema);
  if (!root) return [];

  const optional = new Set(root.component ? (rule.optional?.[root.component] ?? []) : []);
  const present = body.value as Record<string, unknown>;

  return [...documentedProperties(document, root).keys()]
    .filter((key) => !(key in present) && !optional.has(key))
    .map((key) =>
      strictFinding(context, rule, {
        location: `/${escapePointer(key)}`,
        expected: `documented key "${key}"`,
        received: '(absent)',
        message: `documented key "${key}" is absent${root.component ? ` from ${root.component}` : ''}`,
      }),
    );
}
