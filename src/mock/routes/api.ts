/**
 * The six operations under `/beta` and `/v3`. Each request passes the stages in this order:
 * faults -> authentication (401) -> rate limit (429, per client id and version) ->
 * authorisation (403) -> body and parameter validation (400) -> the operation -> the active
 * deviation profile (onSend).
 */
import type { FastifyInstance } from 'fastify';
import type { Caller, TokenIssuer } from '../auth.ts';
import { authorize } from '../auth.ts';
import type { FaultBoard } from '../faults.ts';
import { createFaultHook } from '../faults.ts';
import type { OperationSpec } from '../operations.ts';
import { apiVersions } from '../operations.ts';
import type { ProfileSwitch } from '../profiles.ts';
import { createProfileHook } from '../profiles.ts';
import type { RateLimitControl } from '../rate-limit.ts';
import { registerRateLimit } from '../rate-limit.ts';
import type { TenantState } from '../state/tenant.ts';
import { readJsonBody, validateRequest } from '../validation.ts';
import { operationHandlers } from './handlers.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by authentication on API routes. */
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    operationId?: string;
    apiVersion?: string;
  }
}

export interface ApiDependencies {
  operations: OperationSpec[];
  tenant: TenantState;
  issuer: TokenIssuer;
  faults: FaultBoard;
  profiles: ProfileSwitch;
  rate: RateLimitControl;
  /** Aborted when the mock closes, ending pending fault delays. */
  closing: AbortSignal;
}

export async function registerApiRoutes(
  app: FastifyInstance,
  deps: ApiDependencies,
): Promise<void> {
  const { tenant, issuer, profiles } = deps;
  app.decorateRequest('caller', null);

  app.addHook('onRequest', createFaultHook(deps.faults, deps.rate, deps.closing));
  // Callback style, so a token seen before costs no promise on the hot path.
  const ignoredAuthCaller = (): Caller => ({
    clientId: 'ignored-auth',
    identityId: tenant.directory.identities[0]?.id ?? null,
    userLevel: 'ORG_ADMIN',
    scopes: ['sp:scopes:all'],
  });
  app.addHook('onRequest', (request, _reply, done) => {
    let caller: Caller | Promise<Caller>;
    try {
      caller = issuer.authenticate(request.headers.authorization);
    } catch (error) {
      caller = Promise.reject(error);
    }

    if (!(caller instanceof Promise)) {
      request.caller = caller;
      done();
      return;
    }

    caller.then(
      (verified) => {
        request.caller = verified;
        done();
      },
      (error: Error) => {
        if (!profiles.active?.ignoresAuth) {
          done(error);
          return;
        }
        request.caller = ignoredAuthCaller();
        done();
      },
    );
  });
  app.addHook('onSend', createProfileHook(profiles));

  // Route-level onRequest hooks run after the ones above, so the limiter knows the client.
  await registerRateLimit(app, deps.rate);

  for (const operation of deps.operations) {
    const handle = operationHandlers[operation.operationId];
    if (!handle) continue;

    for (const apiVersion of apiVersions) {
      app.post(`/${apiVersion}${operation.routePath}`, {
        config: { operationId: operation.operationId, apiVersion },
        // Authorisation sits after the rate limiter: SailPoint counts refused calls too.
        // Callback style, like the handler's plain return: no promise per request.
        preParsing: (request, _reply, payload, done) => {
          try {
            if (request.caller) authorize(request.caller, operation.access);
          } catch (error) {
            done(error as Error);
            return;
          }
          done(null, payload);
        },
        // A plain value (or a throw) goes straight to reply.send; a promise would be awaited.
        handler: (request) => {
          const params = request.params as Record<string, string>;
          const body = readJsonBody(request.body, request.headers['content-type']);
          validateRequest(operation, params, body);

          return handle({
            tenant,
            caller: request.caller as Caller,
            body: body as never,
            params,
            headers: request.headers,
            now: tenant.now(),
          });
        },
      });
    }
  }
}
