/**
 * `POST /oauth/token` on the host root: the client credentials grant with the fields sent
 * urlencoded, as multipart form data, or in the query string (all three occur in the wild).
 * A JSON body, even under a form content type, is refused. Errors use the OAuth error body.
 * Faults armed for `createOAuthToken` act first, as on the API routes, when the board is given.
 */
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance } from 'fastify';
import type { TokenIssuer } from '../auth.ts';
import { MockHttpError } from '../errors.ts';
import type { FaultBoard } from '../faults.ts';
import { createFaultHook, tokenEndpointOperationId } from '../faults.ts';
import type { RateLimitControl } from '../rate-limit.ts';

/** What the token route needs to play faults armed for it through `/__mock/faults`. */
export interface TokenFaultDependencies {
  faults: FaultBoard;
  rate: RateLimitControl;
  /** Aborted when the mock closes, ending pending fault delays. */
  closing: AbortSignal;
}

/**
 * The spec documents only OAuthError bodies for the token endpoint, so an injected 500 uses that
 * shape with RFC 6749's `server_error` code rather than the API's ErrorResponseDto.
 */
const serverErrorBody = () => ({
  error: 'server_error',
  error_description: 'The token endpoint failed while handling the request (injected fault).',
});

function oauthError(status: 400 | 401, error: string, description: string): MockHttpError {
  return new MockHttpError(status, { error, error_description: description });
}

function readFields(body: unknown, query: unknown): Record<string, unknown> {
  if (Buffer.isBuffer(body) && body.length > 0) {
    throw oauthError(
      400,
      'invalid_request',
      'Send the grant as application/x-www-form-urlencoded, multipart/form-data or in the query string.',
    );
  }

  const form =
    typeof body === 'object' && body !== null && !Buffer.isBuffer(body)
      ? (body as Record<string, unknown>)
      : {};
  const keys = Object.keys(form);
  // A JSON document posted under a form content type parses into one odd key.
  if (keys.some((key) => /^\s*[[{]/.test(key))) {
    throw oauthError(
      400,
      'invalid_request',
      'The body is JSON, but the content type says form data; send form fields.',
    );
  }

  return { ...(query as Record<string, unknown>), ...form };
}

/** Registers `POST /oauth/token`; with `faults`, armed token-endpoint faults play first. */
export async function registerOAuthRoute(
  app: FastifyInstance,
  issuer: TokenIssuer,
  faults?: TokenFaultDependencies,
): Promise<void> {
  await app.register(formbody);
  await app.register(multipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fields: 10, files: 0, fieldSize: 4096 },
  });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof MockHttpError)
      return reply.code(error.status).headers(error.headers).send(error.body);
    return reply.code(400).send({
      error: 'invalid_request',
      error_description: 'The token request could not be read.',
    });
  });

  if (faults) {
    app.addHook(
      'onRequest',
      createFaultHook(faults.faults, faults.rate, faults.closing, { serverErrorBody }),
    );
  }

  app.post(
    '/oauth/token',
    { config: { operationId: tokenEndpointOperationId } },
    async (request) => {
      const fields = readFields(request.body, request.query);
      const value = (name: string) =>
        typeof fields[name] === 'string' ? (fields[name] as string) : undefined;

      const grantType = value('grant_type');
      if (grantType === undefined)
        throw oauthError(400, 'invalid_request', 'grant_type is required.');
      if (grantType !== 'client_credentials') {
        throw oauthError(400, 'unsupported_grant_type', 'Only client_credentials is supported.');
      }

      const role = issuer.findClient(value('client_id') ?? '', value('client_secret') ?? '');
      if (!role) throw oauthError(401, 'invalid_client', 'Bad credentials');

      return issuer.issue(role);
    },
  );
}
