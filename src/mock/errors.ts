/**
 * Error bodies the mock sends, in the shapes the spec documents: ErrorResponseDto for 400, 403,
 * 404 and 500; `{ error: string }` for 401; `{ message: string }` for 429. A stage that refuses
 * a request throws a MockHttpError; the error handler in server.ts sends it as it is.
 */
import { randomUUID } from 'node:crypto';
import type { components } from '../../generated/mfa-controller.ts';

export type ErrorResponseDto = components['schemas']['ErrorResponseDto'];

/** SailPoint's detail codes for the statuses the mock sends with an ErrorResponseDto. */
const detailCodes: Record<number, string> = {
  400: '400.1 Bad Request Content',
  403: '403 Forbidden',
  404: '404 Not found',
  500: '500.0 Internal Fault',
};

/** A 32-hex tracking id, as ISC puts in every ErrorResponseDto. */
export function createTrackingId(): string {
  return randomUUID().replaceAll('-', '');
}

/** An ErrorResponseDto with one en-US message and, optionally, one cause per detail. */
export function buildErrorResponse(
  status: number,
  text: string,
  details: string[] = [],
): ErrorResponseDto {
  const body: ErrorResponseDto = {
    detailCode: detailCodes[status] ?? `${status}`,
    trackingId: createTrackingId(),
    messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }],
  };
  if (details.length > 0) {
    body.causes = details.map((detail) => ({
      locale: 'en-US',
      localeOrigin: 'DEFAULT',
      text: detail,
    }));
  }

  return body;
}

/** A refusal with its status and body, thrown by any stage and sent unchanged. */
export class MockHttpError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;

  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super(`mock answered ${status}`);
    this.name = 'MockHttpError';
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** 400 with an ErrorResponseDto: the request body, parameters or headers are not acceptable. */
export function badRequest(text: string, details: string[] = []): MockHttpError {
  return new MockHttpError(400, buildErrorResponse(400, text, details));
}

/** 401 with the gateway's string `error`, e.g. `JWT is required`. */
export function unauthorized(error: string): MockHttpError {
  return new MockHttpError(401, { error });
}

/** 403 with an ErrorResponseDto: the caller is known but may not use the operation. */
export function forbidden(text: string): MockHttpError {
  return new MockHttpError(403, buildErrorResponse(403, text));
}

/** The 429 body SailPoint's gateway sends. */
export const rateLimitBody = { message: 'Rate Limit Exceeded' } as const;
