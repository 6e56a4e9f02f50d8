/**
 * Compares an operation's parameters: path-level ones merged with its own (the operation's win,
 * as OpenAPI says), matched by location and name (header names ignore case).
 */
import { resolveObject } from '../spec.ts';
import { type DiffContext, isObject, type Json, record } from './collect.ts';
import { diffContent } from './content.ts';
import { diffSchemas } from './schemas.ts';
import type { ChangeLocation } from './types.ts';

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  object: Json;
}

function keyOf(location: string, name: string): string {
  return `${location} ${location === 'header' ? name.toLowerCase() : name}`;
}

/** The parameters an operation takes, by `in name`. */
export function listParameters(
  document: unknown,
  pathItem: Json,
  operation: Json,
): Map<string, Parameter> {
  const found = new Map<string, Parameter>();
  for (const list of [pathItem.parameters, operation.parameters]) {
    if (!Array.isArray(list)) continue;

    for (const raw of list) {
      const object = resolveObject(document, raw);
      if (!object || typeof object.name !== 'string' || typeof object.in !== 'string') continue;

      // A path parameter is always required, whatever the document says.
      const required = object.in === 'path' || object.required === true;
      found.set(keyOf(object.in, object.name), {
        name: object.name,
        in: object.in,
        required,
        object,
      });
    }
  }

  return found;
}

function diffOne(
  context: DiffContext,
  where: Omit<ChangeLocation, 'part' | 'pointer'>,
  before: Parameter,
  after: Parameter,
): void {
  const part = `parameter ${after.in} ${after.name}`;
  if (!before.required && after.required) {
    record(context, 'parameter-now-required', 'request', { ...where, part }, 'now required');
  } else if (before.required && !after.required) {
    record(context, 'parameter-now-optional', 'request', { ...where, part }, 'no longer required');
  }

  if (isObject(before.object.content) || isObject(after.object.content)) {
    diffContent(context, 'request', { ...where, part }, before.object, after.object);
  } else {
    const site = { side: 'request' as const, location: { ...where, part } };
    diffSchemas(context, site, before.object.schema, after.object.schema);
  }
}

/** Compares the parameters of one operation both documents describe. */
export function diffParameters(
  context: DiffContext,
  where: Omit<ChangeLocation, 'part' | 'pointer'>,
  base: { pathItem: Json; operation: Json },
  other: { pathItem: Json; operation: Json },
): void {
  const before = listParameters(context.base.document, base.pathItem, base.operation);
  const after = listParameters(context.other.document, other.pathItem, other.operation);
  const movedFrom = new Set<string>();

  for (const [key, parameter] of after) {
    const same = before.get(key);
    if (same) {
      diffOne(context, where, same, parameter);
      continue;
    }

    // Same name, another location: one change rather than a removal and an addition.
    const moved = [...before.entries()].find(
      ([oldKey, old]) =>
        !after.has(oldKey) && old.name.toLowerCase() === parameter.name.toLowerCase(),
    );
    if (moved) {
      movedFrom.add(moved[0]);
      const part = `parameter ${moved[1].in} ${moved[1].name}`;
      const detail = `moved from ${moved[1].in} to ${parameter.in}`;
      record(context, 'parameter-location-changed', 'request', { ...where, part }, detail);
      continue;
    }

    const part = `parameter ${parameter.in} ${parameter.name}`;
    if (parameter.required) {
      record(
        context,
        'required-parameter-added',
        'request',
        { ...where, part },
        'new required parameter',
      );
    } else {
      record(
        context,
        'optional-parameter-added',
        'request',
        { ...where, part },
        'new optional parameter',
      );
    }
  }

  for (const [key, parameter] of before) {
    if (after.has(key) || movedFrom.has(key)) continue;

    const part = `parameter ${parameter.in} ${parameter.name}`;
    record(context, 'parameter-removed', 'request', { ...where, part }, 'parameter removed');
  }
}
