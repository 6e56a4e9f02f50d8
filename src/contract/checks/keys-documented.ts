import type { CheckContext } from '../context.ts';
import { describeValue } from '../display.ts';
import type { Finding } from '../findings.ts';
import { MASK } from '../redact.ts';
import type { SchemaNode } from '../schema-walk.ts';
import { childSchema, documentedProperties, listsItsKeys, resolveSchema } from '../schema-walk.ts';
import { escapePointer } from '../spec.ts';
import type { FindingDetail } from './finding.ts';
import { strictFinding } from './finding.ts';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collectUndocumented(
  context: CheckContext,
  value: unknown,
  node: SchemaNode,
  pointer: string,
  out: FindingDetail[],
): void {
  const document = context.spec.document;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      const child = childSchema(document, node, String(index));
      if (child) collectUndocumented(context, item, child, `${pointer}/${index}`, out);
    });
    return;
  }
  if (!isObject(value)) return;

  const properties = documentedProperties(document, node);
  const isClosedList = listsItsKeys(document, node);
  for (const [key, item] of Object.entries(value)) {
    const here = `${pointer}/${escapePointer(key)}`;
    if (properties.has(key)) {
      const child = resolveSchema(document, properties.get(key));
      if (child) collectUndocumented(context, item, child, here, out);
    } else if (isClosedList) {
      const listed = [...properties.keys()].join(', ');
      out.push({
        location: here,
        expected: `only documented keys (${listed})`,
        received: `"${key}": ${context.redactor.isSecretKey(key) ? `"${MASK}"` : describeValue(item, context.redactor, 80)}`,
        message: `key "${key}" is not documented${node.component ? ` in ${node.component}` : ''}`,
      });
    }
  }
}

/**
 * keys_documented (strict): every key of the body, at any depth, is one its schema lists.
 * No published schema closes its objects, so a misspelt key otherwise passes (DEFECTS.md 3).
 * Objects whose schema lists no properties, or allows more, are not judged.
 */
export function keysDocumented(context: CheckContext): Finding[] {
  const rule = context.profile?.rules.get('keys_documented');
  const pointer = context.content?.schemaPointer;
  if (!rule || pointer === undefined || context.body.kind !== 'json') return [];

  const root = resolveSchema(context.spec.document, context.content?.schema);
  if (!root) return [];

  const details: FindingDetail[] = [];
  collectUndocumented(context, context.body.value, root, '', details);

  return details.map((detail) => strictFinding(context, rule, detail));
}
