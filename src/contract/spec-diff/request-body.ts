/** Compares an operation's request body: whether there is one, whether it is required, its content. */
import { resolveObject } from '../spec.ts';
import { type DiffContext, type Json, record } from './collect.ts';
import { diffContent } from './content.ts';
import type { ChangeLocation } from './types.ts';

/** Compares the request bodies of one operation both documents describe. */
export function diffRequestBody(
  context: DiffContext,
  where: Omit<ChangeLocation, 'part' | 'pointer'>,
  base: Json,
  other: Json,
): void {
  const before = resolveObject(context.base.document, base.requestBody);
  const after = resolveObject(context.other.document, other.requestBody);
  const location = { ...where, part: 'request body' };
  if (!before && !after) return;

  if (!before) {
    const required = after?.required === true;
    const detail = required ? 'new required body' : 'new optional body';
    record(context, 'body-added', 'request', location, detail, { required });
    return;
  }
  if (!after) {
    record(context, 'body-removed', 'request', location, 'body removed');
    return;
  }

  if (before.required !== true && after.required === true) {
    record(context, 'body-now-required', 'request', location, 'now required');
  } else if (before.required === true && after.required !== true) {
    record(context, 'body-now-optional', 'request', location, 'no longer required');
  }
  diffContent(context, 'request', location, before, after);
}
