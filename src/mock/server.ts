/**
 * The embedded mock tenant: builds the Fastify app from the spec and the stages in this
 * folder. `buildMockTenant` gives the app (for `inject` or `listen`); `startMockTenant` also
 * listens and gives its URL.
 */
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Fastify from 'fastify';
import { loadSpec, specFiles } from '../contract/spec.ts';
import { TokenIssuer } from './auth.ts';
import { registerControls } from './controls.ts';
import { buildErrorResponse, MockHttpError } from './errors.ts';
import { FaultBoard } from './faults.ts';
import { createLoggerOptions } from './logging.ts';
import { readOperations } from './operations.ts';
import type { MockTenantOptions } from './options.ts';
import { resolveOptions } from './options.ts';
import { ProfileSwitch } from './profiles.ts';
import { RateLimitControl } from './rate-limit.ts';
import { registerApiRoutes } from './routes/api.ts';
import { registerOAuthRoute } from './routes/oauth-token.ts';
import { TenantState } from './state/tenant.ts';

export type { MockTenantOptions } from './options.ts';

/** Answers a request Node could not even parse (bad request line, bad header) with a 400 body. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }

  const body = JSON.stringify(buildErrorResponse(400, 'The HTTP request could not be parsed.'));
  socket.end(
    'HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The root error handler: MockHttpError as it is, framework 4xx as 400, anything else as 500. */
function sendError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (error instanceof MockHttpError)
    return reply.code(error.status).headers(error.headers).send(error.body);

  const status = error.statusCode ?? 500;
  if (status < 500) {
    // Framework refusals (body too large, bad Content-Length, ...) become the documented 400.
    const text =
      status === 413 ? 'The request body is too large.' : 'The request is not acceptable.';
    return reply.code(400).send(buildErrorResponse(400, text, [error.message]));
  }

  reply.log.error({ err: error }, 'mock tenant failed');
  return reply
    .code(500)
    .send(buildErrorResponse(500, 'The tenant failed while handling the request.'));
}

/** Builds the mock tenant's Fastify app, not yet listening. */
export async function buildMockTenant(options: MockTenantOptions = {}): Promise<FastifyInstance> {
  const settings = resolveOptions(options);
  const spec = await loadSpec(specFiles.mfaController);
  const operations = readOperations(spec);
  const tenant = new TenantState(settings);
  const issuer = new TokenIssuer(settings.clients, tenant.directory, settings.tokenTtlSeconds);
  const faults = new FaultBoard();
  const profiles = new ProfileSwitch();
  const rate = new RateLimitControl(settings.rateLimit);
  const closing = new AbortController();

  const app = Fastify({
    // Silent means no pino at all: no child logger per request on the hot path.
    logger:
      settings.logLevel === 'silent'
        ? false
        : createLoggerOptions(
            settings.logLevel,
            settings.logStream,
            Object.values(settings.clients).map((client) => client.secret),
          ),
    bodyLimit: settings.bodyLimit,
    forceCloseConnections: true,
    routerOptions: { maxParamLength: 200 },
    clientErrorHandler: answerClientError,
    frameworkErrors: (error, _request, reply) => {
      (reply as FastifyReply)
        .code(400)
        .send(buildErrorResponse(400, 'The request URL is not acceptable.', [error.message]));
    },
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false } },
  });
  app.addHook('preClose', async () => closing.abort());

  // Every body arrives raw; each route decides what it accepts, so a wrong content type is the
  // operation's 400, never Fastify's 415.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.setErrorHandler(sendError);
  app.setNotFoundHandler((request, reply) => {
    const path = (request.url.split('?')[0] ?? '').slice(0, 200);
    reply
      .code(404)
      .send(buildErrorResponse(404, `No operation is served at ${request.method} ${path}.`));
  });

  await app.register(async (scope) =>
    registerOAuthRoute(scope, issuer, { faults, rate, closing: closing.signal }),
  );
  await app.register(async (scope) =>
    registerApiRoutes(scope, {
      operations,
      tenant,
      issuer,
      faults,
      profiles,
      rate,
      closing: closing.signal,
    }),
  );
  if (settings.controls) {
    await app.register(
      async (scope) =>
        registerControls(scope, { tenant, issuer, faults, profiles, rate, operations }),
      {
        prefix: '/__mock',
      },
    );
  }

  return app;
}

/** A listening mock tenant. */
export interface RunningMockTenant {
  /** Base URL with no trailing slash, e.g. `http://127.0.0.1:40123`. */
  url: string;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Builds the mock and listens; port 0 (the default) picks a free port. */
export async function startMockTenant(
  options: MockTenantOptions & { port?: number; host?: string } = {},
): Promise<RunningMockTenant> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  const app = await buildMockTenant(rest);
  await app.listen({ port, host });

  const address = app.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return { url: `http://${urlHost}:${boundPort}`, app, close: () => app.close() };
}
