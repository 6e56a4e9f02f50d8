/**
 * Request validation from the spec: the body must be UTF-8 JSON sent as `application/json`
 * and match the operation's schema; path parameters must match theirs. Every refusal is a 400
 * ErrorResponseDto whose causes say where and which rule, the location first.
 */

import { parseMediaType } from '../contract/media-type.ts';
import type { SchemaViolation } from '../contract/schema.ts';
import { badRequest } from './errors.ts';
import type { OperationSpec } from './operations.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function describeViolation(where: string, violation: SchemaViolation): string {
  const location = `${where}${violation.pointer}`;
  const allowed = violation.allowed
    ? ` (${violation.allowed.map((value) => JSON.stringify(value)).join(', ')})`
    : '';

  return `${location}: ${violation.message}${allowed}`;
}

/** Reads the raw body of an API request as JSON; throws the 400 for anything else. */
export function readJsonBody(raw: unknown, contentType: string | undefined): unknown {
  const bytes = Buffer.isBuffer(raw) ? raw : undefined;
  if (bytes === undefined || bytes.length === 0) throw badRequest('The request body is required.');

  const media = parseMediaType(contentType);
  if (media?.essence !== 'application/json') {
    throw badRequest(
      `The request body must be sent as application/json, not ${contentType ?? 'without a Content-Type'}.`,
    );
  }
  const charset = media.parameters.charset?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw badRequest(`The request body must be UTF-8, not ${charset}.`);
  }

  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw badRequest('The request body is not valid UTF-8.');
  }

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
