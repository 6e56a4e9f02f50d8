/**
 * Compares two schemas for one message part, walking `$ref`, properties, items,
 * additionalProperties and allOf/oneOf/anyOf. Titles, descriptions, examples and defaults are
 * not compared; an inline schema and a `$ref` to an identical one are the same schema.
 */
import { resolveObject } from '../spec.ts';
import { type DiffContext, isObject, type Json, quote, record } from './collect.ts';
import type { ChangeLocation } from './types.ts';

/** Which message part a schema describes: the side, and where in the operation. */
export interface SchemaSite {
  side: 'request' | 'response';
  location: Omit<ChangeLocation, 'pointer'>;
}

/** A pair of schema objects being walked, to stop at a recursive schema's second visit. */
type Pair = [Json, Json];

/** The types a schema allows, `null` aside; undefined when it names none (any type). */
function typesOf(schema: Json): Set<string> | undefined {
  const { type } = schema;
  if (typeof type === 'string') return type === 'null' ? new Set() : new Set([type]);
  if (Array.isArray(type)) return new Set(type.filter((t): t is string => t !== 'null'));

  return undefined;
}

/** `nullable: true` (OpenAPI 3.0) or `null` among the types (3.1). */
function isNullable(schema: Json): boolean {
  if (schema.nullable === true) return true;
  const { type } = schema;

  return type === 'null' || (Array.isArray(type) && type.includes('null'));
}

/** Whether a set of types admits type `t`; `integer` is a kind of `number`. */
function admits(types: Set<string> | undefined, t: string): boolean {
  return !types || types.has(t) || (t === 'integer' && types.has('number'));
}

function admitsAll(outer: Set<string> | undefined, inner: Set<string> | undefined): boolean {
  if (!inner) return !outer;

  return [...inner].every((t) => admits(outer, t));
}

function describeTypes(types: Set<string> | undefined): string {
  return types ? [...types].sort().join('|') || 'null' : 'any';
}

function enumOf(schema: Json): Map<string, unknown> | undefined {
  if (!Array.isArray(schema.enum)) return undefined;

  return new Map(schema.enum.map((value) => [quote(value), value]));
}

function requiredOf(schema: Json): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
}

function propertiesOf(schema: Json): Json {
  return isObject(schema.properties) ? schema.properties : {};
}

class SchemaWalk {
  private readonly stack: Pair[] = [];

  constructor(
    private readonly context: DiffContext,
    private readonly site: SchemaSite,
  ) {}

  walk(rawBase: unknown, rawOther: unknown, pointer: string): void {
    const base = resolveObject(this.context.base.document, rawBase ?? {}) ?? {};
    const other = resolveObject(this.context.other.document, rawOther ?? {}) ?? {};
    if (this.stack.some(([b, o]) => b === base && o === other)) return;

    this.stack.push([base, other]);
    this.compareType(base, other, pointer);
    this.compareFormat(base, other, pointer);
    this.compareNullable(base, other, pointer);
    this.compareEnum(base, other, pointer);
    this.compareProperties(base, other, pointer);
    this.compareChildren(base, other, pointer);
    this.stack.pop();
  }

  private emit(rule: Parameters<typeof record>[1], pointer: string, detail: string): void {
    const location = { ...this.site.location, pointer: pointer || '/' };
    record(this.context, rule, this.site.side, location, detail);
  }

  private compareType(base: Json, other: Json, pointer: string): void {
    const before = typesOf(base);
    const after = typesOf(other);
    const widens = admitsAll(after, before);
    const narrows = admitsAll(before, after);
    if (widens && narrows) return;

    const detail = `type ${describeTypes(before)} -> ${describeTypes(after)}`;
    if (widens) this.emit('type-widened', pointer, detail);
    else if (narrows) this.emit('type-narrowed', pointer, detail);
    else this.emit('type-changed', pointer, detail);
  }

  private compareFormat(base: Json, other: Json, pointer: string): void {
    const before = typeof base.format === 'string' ? base.format : undefined;
    const after = typeof other.format === 'string' ? other.format : undefined;
    if (before === after) return;

    if (!before) this.emit('format-added', pointer, `format ${after} added`);
    else if (!after) this.emit('format-removed', pointer, `format ${before} removed`);
    else this.emit('format-changed', pointer, `format ${before} -> ${after}`);
  }

  private compareNullable(base: Json, other: Json, pointer: string): void {
    const before = isNullable(base);
    const after = isNullable(other);
    if (before === after) return;

    if (after) this.emit('nullable-added', pointer, 'becomes nullable');
    else this.emit('nullable-removed', pointer, 'no longer nullable');
  }

  private compareEnum(base: Json, other: Json, pointer: string): void {
    const before = enumOf(base);
    const after = enumOf(other);
    if (!before && !after) return;

    if (!before) {
      this.emit('enum-added', pointer, `enum added: ${[...(after?.keys() ?? [])].join(', ')}`);
      return;
    }
    if (!after) {
      this.emit('enum-removed', pointer, 'enum removed: any value of the type');
      return;
    }

    for (const key of after.keys()) {
      if (!before.has(key)) this.emit('enum-value-added', pointer, `enum value ${key} added`);
    }
    for (const key of before.keys()) {
      if (!after.has(key)) this.emit('enum-value-removed', pointer, `enum value ${key} removed`);
    }
  }

  private compareProperties(base: Json, other: Json, pointer: string): void {
    const before = propertiesOf(base);
    const after = propertiesOf(other);
    const requiredBefore = requiredOf(base);
    const requiredAfter = requiredOf(other);
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];

    for (const name of names) {
      const at = `${pointer}/${name}`;
      const inBase = name in before;
      const inOther = name in after;
      if (!inBase) {
        if (requiredAfter.has(name))
          this.emit('required-property-added', at, 'new required property');
        else this.emit('property-added', at, 'property added');
        continue;
      }
      if (!inOther) {
        this.emit('property-removed', at, 'property removed');
        continue;
      }

      if (!requiredBefore.has(name) && requiredAfter.has(name)) {
        this.emit('required-property-added', at, 'now required');
      } else if (requiredBefore.has(name) && !requiredAfter.has(name)) {
        this.emit('required-property-removed', at, 'no longer required');
      }
      this.walk(before[name], after[name], at);
    }
  }

  private compareChildren(base: Json, other: Json, pointer: string): void {
    if (base.items !== undefined || other.items !== undefined) {
      this.walk(base.items, other.items, `${pointer}/[]`);
    }
    if (isObject(base.additionalProperties) && isObject(other.additionalProperties)) {
      this.walk(base.additionalProperties, other.additionalProperties, `${pointer}/*`);
    }

    for (const keyword of ['allOf', 'oneOf', 'anyOf'] as const) {
      const before = Array.isArray(base[keyword]) ? (base[keyword] as unknown[]) : [];
      const after = Array.isArray(other[keyword]) ? (other[keyword] as unknown[]) : [];
      const shared = Math.min(before.length, after.length);
      for (let index = 0; index < shared; index++) {
        this.walk(before[index], after[index], `${pointer}/${keyword}[${index}]`);
      }

      const [added, removed] =
        keyword === 'allOf'
          ? (['all-of-added', 'all-of-removed'] as const)
          : (['variant-added', 'variant-removed'] as const);
      for (let index = shared; index < after.length; index++) {
        this.emit(added, `${pointer}/${keyword}[${index}]`, `${keyword} member added`);
      }
      for (let index = shared; index < before.length; index++) {
        this.emit(removed, `${pointer}/${keyword}[${index}]`, `${keyword} member removed`);
      }
    }
  }
}

/** Compares the schema of one message part in the base and the other document. */
export function diffSchemas(
  context: DiffContext,
  site: SchemaSite,
  base: unknown,
  other: unknown,
): void {
  new SchemaWalk(context, site).walk(base, other, '');
}
