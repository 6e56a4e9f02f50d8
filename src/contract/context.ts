/**
 * What every check looks at: one response, the operation it answers, and what the spec
 * documents for its status and media type, worked out once per response.
 */
import { HarnessUsageError } from './errors.ts';
import type { ObservedResponse } from './findings.ts';
import { getHeader } from './headers.ts';
import type { MediaType } from './media-type.ts';
import { isJsonMediaType, matchMediaType, parseMediaType } from './media-type.ts';
import type { Redactor } from './redact.ts';
import { defaultRedactor } from './redact.ts';
import type { LoadedSpec, OperationInfo } from './spec.ts';
import { escapePointer } from './spec.ts';
import type { StrictProfile } from './strict/profile.ts';

type Json = Record<string, unknown>;

/** How one response is to be judged. */
export interface CheckOptions {
  /** The operation the response answers, as in the spec. Unknown ids are a usage error. */
  operationId: string;
  /** The documented status the test tried to provoke; another status is a finding. */
  expectedStatus?: number;
  /** The test provoked a 5xx on purpose (a fault), so `not_server_error` stays quiet. */
  provokedServerError?: boolean;
  /** Apply the strict profile (default true). Off: the bare published contract only. */
  strictProfile?: boolean;
  /** Report every warning as a failure (default false). */
  warningsAsFailures?: boolean;
}

/** The response entry the spec documents for the received status. */
export interface DocumentedResponse {
  /** The key it is listed under: `"200"`, `"2XX"` or `"default"`. */
  key: string;
  response: Json;
  /** JSON pointer to the response object in the document. */
  pointer: string;
}

/** The documented media type that serves the received `Content-Type`. */
export interface DocumentedContent {
  /** The key as written in the spec, e.g. `application/json`. */
  key: string;
  /** JSON pointer to its schema, when it has one. */
  schemaPointer?: string;
  /** The schema object as written there (possibly a `$ref`). */
  schema?: unknown;
}

/** The body as the checks see it. */
export type ParsedBody =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'invalid-json'; error: string }
  /** Not declared as JSON: left as text. */
  | { kind: 'text' };

/** Everything a check needs about one response. Built by `createCheckContext`. */
export interface CheckContext {
  spec: LoadedSpec;
  operation: OperationInfo;
  response: ObservedResponse;
  options: CheckOptions;
  /** Present only while the strict profile applies. */
  profile?: StrictProfile;
  redactor: Redactor;
  documented?: DocumentedResponse;
  /** The parsed `Content-Type` header, if it parses. */
  mediaType?: MediaType;
  content?: DocumentedContent;
  body: ParsedBody;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const responsePointers = new WeakMap<OperationInfo, string>();

/** `#/paths/<path>/<method>/responses`, escaped once per operation (checks run per response). */
function responsesPointer(operation: OperationInfo): string {
  let pointer = responsePointers.get(operation);
  if (pointer === undefined) {
    pointer = `#/paths/${escapePointer(operation.path)}/${operation.method}/responses`;
    responsePointers.set(operation, pointer);
  }

  return pointer;
}

/**
 * Finds the response the spec lists for `status`: the exact code first, then its range
 * (`2XX`, any case), then `default`, as OAS 3 orders them.
 */
export function findDocumentedResponse(
  operation: OperationInfo,
  status: number,
): DocumentedResponse | undefined {
  const keys = Object.keys(operation.responses);
  const code = String(status);
  const range = `${code.charAt(0)}XX`;
  const key =
    keys.find((candidate) => candidate === code) ??
    keys.find((candidate) => candidate.toUpperCase() === range) ??
    keys.find((candidate) => candidate === 'default');
  if (key === undefined) return undefined;

  const response = operation.responses[key];
  if (!response) return undefined;

  return { key, response, pointer: `${responsesPointer(operation)}/${escapePointer(key)}` };
}

function findContent(
  documented: DocumentedResponse,
  mediaType: MediaType,
): DocumentedContent | undefined {
  const content = isObject(documented.response.content) ? documented.response.content : {};
  const key = matchMediaType(Object.keys(content), mediaType);
  if (key === undefined) return undefined;

  const media = content[key];
  const schema = isObject(media) ? media.schema : undefined;
  if (!isObject(schema)) return { key };

  return {
    key,
    schema,
    schemaPointer: `${documented.pointer}/content/${escapePointer(key)}/schema`,
  };
}

function parseBody(body: string, mediaType: MediaType | undefined): ParsedBody {
  if (body.trim().length === 0) return { kind: 'empty' };
  if (!mediaType || !isJsonMediaType(mediaType)) return { kind: 'text' };

  try {
    return { kind: 'json', value: JSON.parse(body) };
  } catch (error) {
    return { kind: 'invalid-json', error: (error as Error).message };
  }
}

/** Works out what the spec documents for this response. Throws only for an unknown operation. */
export function createCheckContext(
  spec: LoadedSpec,
  response: ObservedResponse,
  options: CheckOptions,
  extras: { profile?: StrictProfile | undefined; redactor?: Redactor } = {},
): CheckContext {
  const operation = spec.operations.get(options.operationId);
  if (!operation) {
    const known = [...spec.operations.keys()].join(', ');
    throw new HarnessUsageError(
      `unknown operationId "${options.operationId}" for ${spec.source}; known: ${known}`,
    );
  }

  const mediaType = parseMediaType(getHeader(response.headers, 'content-type'));
  const documented = findDocumentedResponse(operation, response.status);
  const content = documented && mediaType ? findContent(documented, mediaType) : undefined;
  const context: CheckContext = {
    spec,
    operation,
    response,
    options,
    redactor: extras.redactor ?? defaultRedactor,
    body: parseBody(response.body, mediaType),
  };
  if (options.strictProfile !== false && extras.profile) context.profile = extras.profile;
  if (documented) context.documented = documented;
  if (mediaType) context.mediaType = mediaType;
  if (content) context.content = content;

  return context;
}
