/**
 * Faults armed by tests for the next N requests of an operation (one of the six, or the token
 * endpoint): a 500, a 429, a delay (for timeout tests), a connection reset, or a non-JSON
 * gateway page. They act first, before authentication, as a gateway or a stalled tenant would.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { buildErrorResponse, MockHttpError, rateLimitBody } from './errors.ts';
import type { RateLimitControl } from './rate-limit.ts';

export const faultKinds = [
  'server_error',
  'rate_limit',
  'latency',
  'reset',
  'gateway_html',
] as const;
export type FaultKind = (typeof faultKinds)[number];

/**
 * The token endpoint's operationId (spec/oauth-token.yaml), for arming a fault on
 * `POST /oauth/token`. `*` leaves it out: a fault meant for every API operation must not also
 * stop the harness from getting its tokens.
 */
export const tokenEndpointOperationId = 'createOAuthToken';

/** A fault as armed through `POST /__mock/faults`; `*` as operationId matches all six. */
export interface ArmedFault {
  operationId: string;
  kind: FaultKind;
  /** Requests still to be hit. */
  count: number;
  /** For `latency`: how long each hit request waits before it is served normally. */
  delayMs: number;
}

/** The delay a latency fault uses when none is given. */
export const defaultDelayMs = 1000;

const gatewayPage =
  '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>' +
  '<p>The upstream server did not answer.</p></body></html>';

/** The faults armed at the moment, oldest first; each hit uses up one of its count. */
export class FaultBoard {
  #armed: ArmedFault[] = [];

  arm(fault: ArmedFault): void {
    this.#armed.push({ ...fault });
  }

  list(): ArmedFault[] {
    return this.#armed.map((fault) => ({ ...fault }));
  }

  /** Uses up one hit of the oldest fault armed for the operation. */
  take(operationId: string): ArmedFault | undefined {
    const matchesAll = operationId !== tokenEndpointOperationId;
    const fault = this.#armed.find(
      (armed) => armed.operationId === operationId || (matchesAll && armed.operationId === '*'),
    );
    if (!fault) return undefined;

    fault.count -= 1;
    if (fault.count <= 0) this.#armed = this.#armed.filter((armed) => armed !== fault);

    return fault;
  }

  clear(): void {
    this.#armed = [];
  }

  get isEmpty(): boolean {
    return this.#armed.length === 0;
  }
}

/** How the routes a fault hook guards shape a `server_error` body. */
export interface FaultHookOptions {
  /** The 500 body; an ErrorResponseDto unless the routes document another error shape. */
  serverErrorBody?: () => unknown;
}

const apiServerError = () =>
  buildErrorResponse(500, 'The tenant failed while handling the request (injected fault).');

/** The onRequest hook that plays armed faults; `signal` ends pending delays when the mock closes. */
export function createFaultHook(
  board: FaultBoard,
  rate: RateLimitControl,
  signal: AbortSignal,
  options: FaultHookOptions = {},
) {
  const serverErrorBody = options.serverErrorBody ?? apiServerError;

  const play = async (request: FastifyRequest, reply: FastifyReply) => {
    const operationId = request.routeOptions.config.operationId;
    const fault = operationId ? board.take(operationId) : undefined;
    if (!fault) return;

    switch (fault.kind) {
      case 'latency':
        try {
          await delay(fault.delayMs, undefined, { signal });
        } catch (error) {
          if (!signal.aborted) throw error;
          // The mock is closing: drop the held connection quietly, as a stopped tenant would,
          // rather than answering (and logging) a 500 for a request nobody broke.
          reply.hijack();
          request.raw.socket.destroy();
          return reply;
        }
        return;
      case 'server_error':
        throw new MockHttpError(500, serverErrorBody());
      case 'rate_limit':
        throw new MockHttpError(429, rateLimitBody, {
          'retry-after': String(Math.ceil(rate.settings.windowMs / 1000)),
        });
      case 'gateway_html':
        throw new MockHttpError(502, gatewayPage, { 'content-type': 'text/html; charset=utf-8' });
      case 'reset':
        reply.hijack();
        request.raw.socket.resetAndDestroy();
        return reply;
    }
  };

  // Nothing armed (the usual case): answer synchronously, without a promise per request.
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => {
    if (board.isEmpty) {
      done();
      return;
    }

    play(request, reply).then(
      (result) => {
        if (result !== reply) done();
      },
      (error: Error) => done(error),
    );
  };
}
