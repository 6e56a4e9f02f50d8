/**
 * The mock's logger settings: pino through Fastify, to stderr, with request URLs masked and
 * the Authorization header redacted, so no secret (client secret, token, code) reaches a log.
 */
import type { FastifyRequest, FastifyServerOptions } from 'fastify';

const secretQueryKeys = /([?&](?:client_secret|access_token|token|code|answer)=)[^&]*/gi;

/** The URL with the values of secret-bearing query parameters replaced. */
export function maskUrl(url: string): string {
  return url.replace(secretQueryKeys, '$1[redacted]');
}

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

export function createLoggerOptions(
  level: string,
  stream: { write(line: string): void },
): LoggerOptions {
  return {
    level,
    stream,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: maskUrl(request.url),
        remoteAddress: request.ip,
      }),
    },
  };
}
