/**
 * Walking an OpenAPI schema beside a JSON value: which schema describes the value at a
 * pointer, which keys an object documents, which component a `$ref` led to. Used by the
 * checks that look past what ajv reports (undocumented keys, extensible enums).
 */

type Json = Record<string, unknown>;

/** A schema with its `$ref`s followed, and the component schema the last `$ref` named. */
export interface SchemaNode {
  schema: Json;
  /** `LocaleOrigin` for a schema reached through `#/components/schemas/LocaleOrigin`. */
  component?: string;
}

const componentPrefix = '#/components/schemas/';

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readComponent(document: Json, name: string): unknown {
  const components = isObject(document.components) ? document.components : {};
  const schemas = isObject(components.schemas) ? components.schemas : {};

  return schemas[name];
}

// Walks repeat for every response checked; results are kept per document and schema object.
const resolvedCache = new WeakMap<Json, WeakMap<object, SchemaNode | null>>();
const propertiesCache = new WeakMap<Json, Map<string, unknown>>();

/** Follows a schema's `$ref` chain to the component schema (siblings such as `nullable` ignored). */
export function resolveSchema(document: Json, schema: unknown): SchemaNode | undefined {
  if (!isObject(schema)) return undefined;

  let byDocument = resolvedCache.get(document);
  if (!byDocument) {
    byDocument = new WeakMap();
    resolvedCache.set(document, byDocument);
  }
  const cached = byDocument.get(schema);
  if (cached !== undefined) return cached ?? undefined;

  const node = followRefs(document, schema);
  byDocument.set(schema, node ?? null);

  return node;
}

function followRefs(document: Json, schema: Json): SchemaNode | undefined {
  let node: unknown = schema;
  let component: string | undefined;
  const seen = new Set<string>();
  while (isObject(node) && typeof node.$ref === 'string') {
    const ref = node.$ref;
    if (seen.has(ref) || !ref.startsWith(componentPrefix)) return undefined;
    seen.add(ref);
    component = decodeURIComponent(ref.slice(componentPrefix.length))
      .replaceAll('~1', '/')
      .replaceAll('~0', '~');
    node = readComponent(document, component);
  }
  if (!isObject(node)) return undefined;

  return component === undefined ? { schema: node } : { schema: node, component };
}

/** The node and every `allOf`/`anyOf`/`oneOf` member under it, resolved. */
export function schemaMembers(document: Json, node: SchemaNode, depth = 0): SchemaNode[] {
  const members = [node];
  if (depth > 16) return members;

  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = node.schema[keyword];
    if (!Array.isArray(list)) continue;

    for (const item of list) {
      const resolved = resolveSchema(document, item);
      if (resolved) members.push(...schemaMembers(document, resolved, depth + 1));
    }
  }

  return members;
}

/** The properties an object schema documents, across its composition members. */
export function documentedProperties(document: Json, node: SchemaNode): Map<string, unknown> {
  const cached = propertiesCache.get(node.schema);
  if (cached) return cached;

  const properties = new Map<string, unknown>();
  for (const member of schemaMembers(document, node)) {
    const own = isObject(member.schema.properties) ? member.schema.properties : {};
    for (const [key, value] of Object.entries(own)) {
      if (!properties.has(key)) properties.set(key, value);
    }
  }
  propertiesCache.set(node.schema, properties);

  return properties;
}

/**
 * True when the schema closes nothing and documents keys: it lists `properties` and says
 * nothing about `additionalProperties` (or says `false`). An explicit `true` or schema
 * documents extra keys as allowed.
 */
export function listsItsKeys(document: Json, node: SchemaNode): boolean {
  const members = schemaMembers(document, node);
  const hasProperties = members.some((member) => isObject(member.schema.properties));
  const allowsMore = members.some(
    (member) =>
      member.schema.additionalProperties === true || isObject(member.schema.additionalProperties),
  );

  return hasProperties && !allowsMore;
}

/** The schema describing one child (object key or array index) of a value. */
export function childSchema(
  document: Json,
  node: SchemaNode,
  segment: string,
): SchemaNode | undefined {
  for (const member of schemaMembers(document, node)) {
    const schema = member.schema;
    const properties = isObject(schema.properties) ? schema.properties : {};
    if (segment in properties) return resolveSchema(document, properties[segment]);
    if (/^\d+$/.test(segment) && schema.items !== undefined) {
      return resolveSchema(document, schema.items);
    }
    if (isObject(schema.additionalProperties)) {
      return resolveSchema(document, schema.additionalProperties);
    }
  }

  return undefined;
}

/** The schema describing the value at a JSON pointer (`/messages/0/localeOrigin`). */
export function schemaAtPointer(
  document: Json,
  root: unknown,
  pointer: string,
): SchemaNode | undefined {
  let node = resolveSchema(document, root);
  const segments = pointer
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'));
  for (const segment of segments) {
    if (!node) return undefined;
    node = childSchema(document, node, segment);
  }

  return node;
}
