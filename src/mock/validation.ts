/**
 * Request validation from the spec: the body must be UTF-8 JSON sent as `application/json`
 * and match the operation's schema; path parameters must match theirs. Every refusal is a 400
 * ErrorResponseDto whose causes say where and which rule, the location first.
 */

import { isUtf8 } from 'node:buffer';
import { parseMediaType } from '../contract/media-type.ts';
import type { SchemaViolation } from '../contract/schema.ts';
import { badRequest } from './errors.ts';
import type { OperationSpec } from './operations.ts';

function describeViolation(where: string, violation: SchemaViolation): string {
  const location = `${where}${violation.pointer}`;
  const allowed = violation.allowed
    ? ` (${violation.allowed.map((value) => JSON.stringify(value)).join(', ')})`
    : '';

  return `${location}: ${violation.message}${allowed}`;
}

// Clients send the same few Content-Type values over and over; parse each once.
const mediaTypes = new Map<string, ReturnType<typeof parseMediaType>>();

function readMediaType(contentType: string | undefined) {
  if (contentType === undefined) return undefined;

  let media = mediaTypes.get(contentType);
  if (media === undefined && !mediaTypes.has(contentType)) {
    media = parseMediaType(contentType);
    if (mediaTypes.size >= 100) mediaTypes.clear();
    mediaTypes.set(contentType, media);
  }

  return media;
}

/** Reads the raw body of an API request as JSON; throws the 400 for anything else. */
export function readJsonBody(raw: unknown, contentType: string | undefined): unknown {
  const bytes = Buffer.isBuffer(raw) ? raw : undefined;
  if (bytes === undefined || bytes.length === 0) throw badRequest('The request body is required.');

  const media = readMediaType(contentType);
  if (media?.essence !== 'application/json') {
    throw badRequest(
      `The request body must be sent as application/json, not ${contentType ?? 'without a Content-Type'}.`,
    );
  }
  const charset = media.parameters.charset?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw badRequest(`The request body must be UTF-8, not ${charset}.`);
  }

  if (!isUtf8(bytes)) throw badRequest('The request body is not valid UTF-8.');
  // A UTF-8 byte order mark is tolerated, as a decoding reader would.
  const text = bytes.toString(
    'utf8',
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0,
  );

  try {
    return JSON.parse(text);
  } catch (error) {
    throw badRequest('The request body is not valid JSON.', [(error as Error).message]);
  }
}

/** Checks decoded path parameters and the parsed body against the operation's schemas. */
export function validateRequest(
  operation: OperationSpec,
  params: Record<string, string>,
  body: unknown,
): void {
  const problems: string[] = [];
  for (const [name, validate] of operation.pathParameters) {
    problems.push(
      ...validate(params[name]).map((violation) => describeViolation(`path/${name}`, violation)),
    );
  }
  problems.push(...operation.body(body).map((violation) => describeViolation('body', violation)));

  if (problems.length > 0) {
    throw badRequest(
      `The request does not match ${operation.operationId}: ${problems[0]}`,
      problems,
    );
  }
}
