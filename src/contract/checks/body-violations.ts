/**
 * The schema violations of one response body, computed once per context and shared by
 * body_conforms and enum_extensible, and the rule that tells them apart.
 */
import type { CheckContext } from '../context.ts';
import { describeValue } from '../display.ts';
import { MASK } from '../redact.ts';
import type { SchemaViolation } from '../schema.ts';
import { schemaValidator } from '../schema.ts';
import { schemaAtPointer } from '../schema-walk.ts';
import type { FindingDetail } from './finding.ts';

const cache = new WeakMap<CheckContext, SchemaViolation[]>();

/** The violations of the body against the documented schema; none when there is nothing to validate. */
export function listBodyViolations(context: CheckContext): SchemaViolation[] {
  const cached = cache.get(context);
  if (cached) return cached;

  const pointer = context.content?.schemaPointer;
  const violations =
    pointer !== undefined && context.body.kind === 'json'
      ? schemaValidator(context.spec, pointer)(context.body.value)
      : [];
  cache.set(context, violations);

  return violations;
}

/**
 * True when the violation is a value outside an enum the strict profile calls extensible
 * (`enum_extensible`'s `schemas`), and the profile applies to this check.
 */
export function isExtensibleEnumViolation(
  context: CheckContext,
  violation: SchemaViolation,
): boolean {
  const rule = context.profile?.rules.get('enum_extensible');
  const pointer = context.content?.schemaPointer;
  if (!rule?.schemas || violation.keyword !== 'enum' || pointer === undefined) return false;

  const root = context.content?.schema;
  const node = schemaAtPointer(context.spec.document, root, violation.pointer);

  return node?.component !== undefined && rule.schemas.includes(node.component);
}

/** True when the pointer ends in a credential key (`/token`), whose value is never shown. */
function isSecretLocation(context: CheckContext, pointer: string): boolean {
  const last = pointer
    .slice(pointer.lastIndexOf('/') + 1)
    .replaceAll('~1', '/')
    .replaceAll('~0', '~');

  return last !== '' && context.redactor.isSecretKey(last);
}

function describeExpected(violation: SchemaViolation): string {
  const params = violation.params ?? {};
  if (violation.allowed) {
    return `one of ${violation.allowed.map((value) => JSON.stringify(value)).join(', ')}`;
  }

  switch (violation.keyword) {
    case 'type':
      return `type ${String(params.type)}${params.nullable ? ' or null' : ''}`;
    case 'required':
      return `property "${String(params.missingProperty)}"`;
    case 'format':
      return `format ${String(params.format)}`;
    case 'pattern':
      return `pattern ${String(params.pattern)}`;
    default:
      return violation.message;
  }
}

/** The finding fields for one violation: location first, allowed values, received value. */
export function describeViolation(
  context: CheckContext,
  violation: SchemaViolation,
): FindingDetail {
  const location = violation.pointer === '' ? 'body' : violation.pointer;

  return {
    location,
    expected: describeExpected(violation),
    received:
      violation.keyword === 'required'
        ? '(absent)'
        : isSecretLocation(context, violation.pointer)
          ? MASK
          : describeValue(violation.value, context.redactor),
    message: `${location} ${violation.message}`,
  };
}

/**
 * One detail per location: a value that breaks two keywords (`null` against a non-nullable
 * enum fails both `type` and `enum`) reads as one finding naming both rules.
 */
export function mergeByLocation(details: FindingDetail[]): FindingDetail[] {
  const merged = new Map<string, FindingDetail>();
  for (const detail of details) {
    const seen = merged.get(detail.location);
    if (!seen) {
      merged.set(detail.location, { ...detail });
      continue;
    }

    seen.expected = `${seen.expected}; ${detail.expected}`;
    seen.message = `${seen.message}; ${detail.message.slice(detail.location.length + 1)}`;
  }

  return [...merged.values()];
}
