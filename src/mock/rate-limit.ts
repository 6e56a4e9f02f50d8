/**
 * Rate limiting as SailPoint documents it: a budget of requests per window counted per client
 * id and per API version, over it 429 `{"message":"Rate Limit Exceeded"}` with `Retry-After`
 * in seconds. Built on @fastify/rate-limit; the budget can change at run time, and a reset
 * starts every counter afresh by moving to a new key generation.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { MockHttpError, rateLimitBody } from './errors.ts';
import type { RateLimitSettings } from './options.ts';

export class RateLimitControl {
  settings: RateLimitSettings;
  /** Part of every key; bumping it orphans the old counters (the LRU drops them). */
  generation = 0;
  readonly #initial: RateLimitSettings;

  constructor(initial: RateLimitSettings) {
    this.#initial = { ...initial };
    this.settings = { ...initial };
  }

  /** New budget; counters start afresh so the new window applies at once. */
  set(settings: RateLimitSettings): void {
    this.settings = { ...settings };
    this.generation += 1;
  }

  /** Back to the start-up budget, with fresh counters. */
  restore(): void {
    this.set(this.#initial);
  }
}

const noHeaders = {
  'x-ratelimit-limit': false,
  'x-ratelimit-remaining': false,
  'x-ratelimit-reset': false,
};

/** Rate-limits every route registered after this in `app`'s context. Run after authentication. */
export async function registerRateLimit(
  app: FastifyInstance,
  control: RateLimitControl,
): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: () => control.settings.max,
    timeWindow: () => control.settings.windowMs,
    keyGenerator: (request) => {
      const who = request.caller?.clientId ?? `ip:${request.ip}`;
      return `${control.generation}|${who}|${request.routeOptions.config.apiVersion ?? ''}`;
    },
    addHeaders: { ...noHeaders, 'retry-after': true },
    addHeadersOnExceeding: noHeaders,
    errorResponseBuilder: () => new MockHttpError(429, rateLimitBody),
  });
}
