/**
 * Loading an OpenAPI document and finding its operations and responses.
 * Documents are bundled with json-schema-ref-parser, so every `$ref` left is internal to one
 * document; the helpers here follow those internal pointers on demand.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { parse as parseYaml } from 'yaml';
import { HarnessUsageError } from './errors.ts';

/** The HTTP methods an OpenAPI path item can hold. */
const httpMethods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

type Json = Record<string, unknown>;

/** One operation of a loaded document, with its responses' `$ref`s already followed. */
export interface OperationInfo {
  operationId: string;
  method: string;
  /** The path template as written in the document, e.g. `/mfa/{method}/poll`. */
  path: string;
  operation: Json;
  /** Response objects by their key as written: `"200"`, `"4XX"`, `"default"`. */
  responses: Record<string, Json>;
}

/** A bundled, indexed OpenAPI document. */
export interface LoadedSpec {
  /** Where it came from (a path or `inline`), used in messages and cache keys. */
  source: string;
  /** `3.0` or `3.1`: which schema rules apply. */
  dialect: '3.0' | '3.1';
  document: Json;
  title: string;
  version: string;
  operations: Map<string, OperationInfo>;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the value at a JSON pointer such as `#/components/schemas/X`. A `$ref` met on the way
 * is followed, so `#/paths/~1a/post/responses/400/content` reaches a shared response's content.
 */
export function readPointer(document: unknown, pointer: string): unknown {
  if (!pointer.startsWith('#')) {
    throw new HarnessUsageError(`only internal $refs are followed here, got "${pointer}"`);
  }

  const parts = pointer
    .slice(1)
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~'));
  let node: unknown = document;
  for (const part of parts) {
    if (isObject(node) && typeof node.$ref === 'string' && !(part in node)) {
      node = resolveObject(document, node);
    }
    if (!isObject(node) && !Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }

  return node;
}

/** Escapes one segment of a JSON pointer (`/` and `~`). */
export function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** Follows `$ref` chains (response, parameter or header objects) to the object they name. */
export function resolveObject(document: unknown, value: unknown): Json | undefined {
  let node = value;
  const seen = new Set<string>();
  while (isObject(node) && typeof node.$ref === 'string') {
    if (seen.has(node.$ref)) return undefined;
    seen.add(node.$ref);
    node = readPointer(document, node.$ref);
  }

  return isObject(node) ? node : undefined;
}

function detectDialect(document: Json, source: string): '3.0' | '3.1' {
  const version = String(document.openapi ?? '');
  if (version.startsWith('3.0')) return '3.0';
  if (version.startsWith('3.1')) return '3.1';
  throw new HarnessUsageError(
    `${source} is not an OpenAPI 3.0 or 3.1 document (openapi: "${version || 'missing'}")`,
  );
}

function indexOperations(document: Json): Map<string, OperationInfo> {
  const operations = new Map<string, OperationInfo>();
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = resolveObject(document, rawItem);
    if (!item) continue;

    for (const method of httpMethods) {
      const operation = item[method];
      if (!isObject(operation)) continue;

      const operationId =
        typeof operation.operationId === 'string' ? operation.operationId : `${method} ${path}`;
      const responses: Record<string, Json> = {};
      for (const [code, raw] of Object.entries(
        isObject(operation.responses) ? operation.responses : {},
      )) {
        const response = resolveObject(document, raw);
        if (response) responses[code] = response;
      }

      operations.set(operationId, { operationId, method, path, operation, responses });
    }
  }

  return operations;
}

/** Indexes a document that is already a bundled JavaScript object. */
export function indexSpec(document: unknown, source = 'inline'): LoadedSpec {
  if (!isObject(document)) throw new HarnessUsageError(`${source} is not an OpenAPI document`);

  const dialect = detectDialect(document, source);
  const info = isObject(document.info) ? document.info : {};

  return {
    source,
    dialect,
    document,
    title: String(info.title ?? ''),
    version: String(info.version ?? ''),
    operations: indexOperations(document),
  };
}

const loaded = new Map<string, Promise<LoadedSpec>>();

/**
 * Loads, bundles and indexes a YAML or JSON OpenAPI file. Each file is read once per process.
 * @param location a file path or a `file:` URL
 */
export function loadSpec(location: string | URL): Promise<LoadedSpec> {
  const path = location instanceof URL ? fileURLToPath(location) : location;
  let pending = loaded.get(path);
  if (!pending) {
    pending = readAndBundle(path);
    loaded.set(path, pending);
    pending.catch(() => loaded.delete(path));
  }

  return pending;
}

async function readAndBundle(path: string): Promise<LoadedSpec> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new HarnessUsageError(`cannot read spec ${path}: ${(error as Error).message}`);
  }

  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (error) {
    throw new HarnessUsageError(`spec ${path} is not valid YAML/JSON: ${(error as Error).message}`);
  }

  if (!isObject(parsed)) throw new HarnessUsageError(`spec ${path} is not an OpenAPI document`);
  const bundled = await $RefParser.bundle(path, parsed, {});

  return indexSpec(bundled, path);
}

/** Where the project's own specs live. */
export const specFiles = {
  mfaController: fileURLToPath(new URL('../../spec/mfa-controller.yaml', import.meta.url)),
  oauthToken: fileURLToPath(new URL('../../spec/oauth-token.yaml', import.meta.url)),
  strictProfile: fileURLToPath(new URL('../../spec/strict-profile.yaml', import.meta.url)),
} as const;

/** Turns `/mfa/{method}/poll` into a matcher for concrete paths; null when it does not match. */
export function matchPathTemplate(template: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const source = template
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{([^}]+)\\?\}/g, (_m, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
  const found = new RegExp(`^${source}$`).exec(path);
  if (!found) return null;

  const params: Record<string, string> = {};
  names.forEach((name, index) => {
    params[name] = found[index + 1] ?? '';
  });

  return params;
}
