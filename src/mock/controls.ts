/**
 * The test control surface under `/__mock`, served only when controls are on. JSON in and out;
 * bad input is a 400 `{ message }` saying what is wrong. Tests drive the mock only through
 * these routes and the API itself.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { TokenIssuer } from './auth.ts';
import type { FaultBoard } from './faults.ts';
import { defaultDelayMs, faultKinds, tokenEndpointOperationId } from './faults.ts';
import type { OperationSpec } from './operations.ts';
import type { ClientRole } from './options.ts';
import type { ProfileSwitch } from './profiles.ts';
import { describeProfile, deviationProfiles } from './profiles.ts';
import type { RateLimitControl } from './rate-limit.ts';
import { deliveryChannels } from './state/identities.ts';
import type { TenantState } from './state/tenant.ts';

export interface ControlDependencies {
  tenant: TenantState;
  issuer: TokenIssuer;
  faults: FaultBoard;
  profiles: ProfileSwitch;
  rate: RateLimitControl;
  operations: OperationSpec[];
}

class ControlError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const object = (properties: Record<string, unknown>, required: string[] = []) => ({
  type: 'object',
  additionalProperties: false,
  properties,
  required,
});

/** Reads a JSON body; an empty one is no body, so `POST /__mock/reset` needs no payload. */
function parseJson(
  _request: unknown,
  text: string,
  done: (error: Error | null, body?: unknown) => void,
): void {
  if (text.trim() === '') {
    done(null, undefined);
    return;
  }

  try {
    done(null, JSON.parse(text));
  } catch {
    done(new ControlError(400, 'the control body is not valid JSON'));
  }
}

export async function registerControls(
  app: FastifyInstance,
  deps: ControlDependencies,
): Promise<void> {
  const { tenant, issuer, faults, profiles, rate } = deps;
  const operationIds = deps.operations.map((operation) => operation.operationId);
  const faultTargets = [...operationIds, tokenEndpointOperationId, '*'];
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJson);

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof ControlError)
      return reply.code(error.status).send({ message: error.message });
    if (error.validation)
      return reply.code(400).send({ message: `bad control input: ${error.message}` });

    const status = error.statusCode && error.statusCode < 500 ? 400 : 500;
    return reply.code(status).send({ message: error.message });
  });

  app.get('/health', async () => ({ ok: true }));

  app.post('/reset', async (_request, reply) => {
    tenant.reset();
    faults.clear();
    profiles.select(null);
    rate.restore();
    return reply.code(204).send();
  });

  app.get('/identities', async () =>
    tenant.directory.identities.map(({ kba, ...identity }) => ({
      ...identity,
      kba: kba.map(({ id, question, answer }) => ({ id, question, answer })),
    })),
  );

  app.get<{ Querystring: { alias?: string; deliveryType?: string } }>(
    '/outbox',
    {
      schema: {
        querystring: object({
          alias: { type: 'string' },
          deliveryType: { type: 'string', enum: Object.keys(deliveryChannels) },
        }),
      },
    },
    async (request) => tenant.codes.listOutbox(request.query),
  );

  app.get('/pushes', async () => tenant.pushes.list(tenant.now()));

  for (const [action, approve] of [
    ['approve', true],
    ['deny', false],
  ] as const) {
    app.post<{ Params: { requestId: string } }>(
      `/pushes/:requestId/${action}`,
      async (request, reply) => {
        const outcome = tenant.pushes.decide(request.params.requestId, approve, tenant.now());
        if (outcome === 'unknown')
          throw new ControlError(404, `no push has requestId ${request.params.requestId}`);
        if (outcome === 'decided')
          throw new ControlError(409, `push ${request.params.requestId} is no longer pending`);
        return reply.code(204).send();
      },
    );
  }

  app.post<{ Body: { userId: string; expired?: boolean } }>(
    '/duo/sign',
    {
      schema: {
        body: object({ userId: { type: 'string' }, expired: { type: 'boolean' } }, ['userId']),
      },
    },
    async (request) => {
      const { userId, expired = false } = request.body;
      const identity = tenant.directory.findById(userId) ?? tenant.directory.findByAlias(userId);
      if (!identity) throw new ControlError(400, `no identity has id or alias "${userId}"`);
      return { signedResponse: tenant.duo.sign(identity.alias, tenant.now(), expired) };
    },
  );

  app.post<{ Body: { client: ClientRole; expiresInSeconds: number } }>(
    '/tokens',
    {
      schema: {
        body: object(
          {
            client: { type: 'string', enum: ['admin', 'user', 'app'] },
            expiresInSeconds: { type: 'integer', minimum: -31_536_000, maximum: 31_536_000 },
          },
          ['client', 'expiresInSeconds'],
        ),
      },
    },
    async (request) => {
      const token = await issuer.issue(request.body.client, request.body.expiresInSeconds);
      return { access_token: token.access_token, expires_in: token.expires_in };
    },
  );

  app.get('/faults', async () => faults.list());

  app.post<{
    Body: {
      operationId: string;
      kind: (typeof faultKinds)[number];
      count?: number;
      delayMs?: number;
    };
  }>(
    '/faults',
    {
      schema: {
        body: object(
          {
            // Checked in the handler, so an unknown one gets a message listing the known ones.
            operationId: { type: 'string' },
            kind: { type: 'string', enum: [...faultKinds] },
            count: { type: 'integer', minimum: 1, maximum: 100_000 },
            delayMs: { type: 'integer', minimum: 0, maximum: 600_000 },
          },
          ['operationId', 'kind'],
        ),
      },
    },
    async (request, reply) => {
      const { operationId, kind, count = 1, delayMs = defaultDelayMs } = request.body;
      if (!faultTargets.includes(operationId)) {
        throw new ControlError(
          400,
          `unknown operationId "${operationId}"; known: ${operationIds.join(', ')}, ` +
            `${tokenEndpointOperationId} (POST /oauth/token), or * (all ${operationIds.length} API operations)`,
        );
      }
      const fault = { operationId, kind, count, delayMs };
      faults.arm(fault);
      return reply.code(201).send(fault);
    },
  );

  app.delete('/faults', async (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });

  app.get('/profiles', async () => deviationProfiles.map(describeProfile));

  app.put<{ Body: { name: string | null } }>(
    '/profile',
    { schema: { body: object({ name: { type: ['string', 'null'] } }, ['name']) } },
    async (request, reply) => {
      if (!profiles.select(request.body.name)) {
        const names = deviationProfiles.map((profile) => profile.name).join(', ');
        throw new ControlError(400, `unknown profile "${request.body.name}"; known: ${names}`);
      }
      return reply.code(204).send();
    },
  );

  app.put<{ Body: { max: number; windowMs: number } }>(
    '/rate-limit',
    {
      schema: {
        body: object(
          {
            max: { type: 'integer', minimum: 1 },
            windowMs: { type: 'integer', minimum: 1, maximum: 86_400_000 },
          },
          ['max', 'windowMs'],
        ),
      },
    },
    async (request, reply) => {
      rate.set({ max: request.body.max, windowMs: request.body.windowMs });
      return reply.code(204).send();
    },
  );
}
