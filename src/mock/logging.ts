/**
 * The mock's logger settings: pino through Fastify, to stderr, with request URLs masked and
 * the Authorization header redacted, so no secret (client secret, token, code) reaches a log.
 */
import type { FastifyRequest, FastifyServerOptions } from 'fastify';
import { Redactor } from '../contract/redact.ts';

/** Stands in for the host so a request path parses as a URL; it never reaches a log. */
const placeholderOrigin = 'http://mock.invalid';

/**
 * The request path with secret-bearing query values masked. Keys are compared decoded, so
 * `client%5Fsecret` is masked like `client_secret`, and any secret the redactor knows (the
 * seeded clients' secrets) is masked wherever it appears.
 */
export function maskUrl(url: string, redactor = new Redactor()): string {
  const path = url.startsWith('/') ? url : `/${url}`;
  const masked = redactor.maskUrl(`${placeholderOrigin}${path}`);

  return masked.startsWith(placeholderOrigin)
    ? masked.slice(placeholderOrigin.length)
    : redactor.maskText(path);
}

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

export function createLoggerOptions(
  level: string,
  stream: { write(line: string): void },
  secrets: string[] = [],
): LoggerOptions {
  const redactor = new Redactor();
  for (const secret of secrets) redactor.addSecret(secret);

  return {
    level,
    stream,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '<redacted>' },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: maskUrl(request.url, redactor),
        remoteAddress: request.ip,
      }),
    },
  };
}
