/**
 * Deviation profiles: each makes the mock non-conforming in exactly one way, on the responses
 * that would show it (one operation and status, or every operation for an error status), and
 * names the check that is expected to catch it (as src/contract's checks name themselves: an
 * empty or unparsable JSON body is content_type_documented, not body_conforms). Tests switch one on with `PUT /__mock/profile`
 * to prove the harness notices; with none on, the mock conforms.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CheckName } from '../contract/findings.ts';
import { buildErrorResponse } from './errors.ts';

/** What a profile changes in one outgoing response. */
export interface Rewrite {
  status?: number;
  body?: string;
  setHeaders?: Record<string, string>;
  removeHeaders?: string[];
}

export interface DeviationProfile {
  name: string;
  description: string;
  /** The check expected to report it. */
  caughtBy: CheckName;
  /** The operation it applies to; absent for all six. */
  operationId?: string;
  /** The conforming status it applies to (the one the response would have had). */
  status?: number;
  /** Serve requests without a valid token as the admin user instead of 401. */
  ignoresAuth?: boolean;
  rewrite?: (body: string) => Rewrite;
}

/** The listing `GET /__mock/profiles` returns. */
export type ProfileView = Pick<
  DeviationProfile,
  'name' | 'description' | 'caughtBy' | 'operationId' | 'status'
>;

function editJson(body: string, edit: (value: Record<string, unknown>) => unknown): string {
  const value = JSON.parse(body) as Record<string, unknown>;
  return JSON.stringify(edit(value) ?? value);
}

export const deviationProfiles: DeviationProfile[] = [
  {
    name: 'send-request-id-number',
    description: 'createSendToken 200 carries requestId as a number, where the schema says string.',
    caughtBy: 'body_conforms',
    operationId: 'createSendToken',
    status: 200,
    rewrite: (body) => ({ body: editJson(body, (value) => ({ ...value, requestId: 4815162342 })) }),
  },
  {
    name: 'token-auth-status-outside-enum',
    description: 'sendTokenAuthRequest 200 reports status "EXPIRED", a value outside the enum.',
    caughtBy: 'body_conforms',
    operationId: 'sendTokenAuthRequest',
    status: 200,
    rewrite: (body) => ({ body: editJson(body, (value) => ({ ...value, status: 'EXPIRED' })) }),
  },
  {
    name: 'poll-status-null',
    description: 'pingVerificationStatus 200 has status null, which the non-nullable enum forbids.',
    caughtBy: 'body_conforms',
    operationId: 'pingVerificationStatus',
    status: 200,
    rewrite: (body) => ({ body: editJson(body, (value) => ({ ...value, status: null })) }),
  },
  {
    name: 'duo-missing-content-type',
    description: 'sendDuoVerifyRequest 200 is sent without a Content-Type header.',
    caughtBy: 'content_type_documented',
    operationId: 'sendDuoVerifyRequest',
    status: 200,
    rewrite: () => ({ removeHeaders: ['content-type'] }),
  },
  {
    name: 'okta-text-plain',
    description: 'sendOktaVerifyRequest 200 is labelled text/plain instead of application/json.',
    caughtBy: 'content_type_documented',
    operationId: 'sendOktaVerifyRequest',
    status: 200,
    rewrite: () => ({ setHeaders: { 'content-type': 'text/plain; charset=utf-8' } }),
  },
  {
    name: 'kba-empty-200',
    description: 'sendKbaAnswers 200 has an empty body under application/json.',
    caughtBy: 'content_type_documented',
    operationId: 'sendKbaAnswers',
    status: 200,
    rewrite: () => ({ body: '' }),
  },
  {
    name: 'send-truncated-json',
    description: 'createSendToken 200 body stops halfway, leaving JSON that does not parse.',
    caughtBy: 'content_type_documented',
    operationId: 'createSendToken',
    status: 200,
    rewrite: (body) => ({ body: body.slice(0, Math.floor(body.length / 2)) }),
  },
  {
    name: 'token-auth-undocumented-202',
    description: 'sendTokenAuthRequest answers 202 Accepted, a status the spec does not document.',
    caughtBy: 'status_documented',
    operationId: 'sendTokenAuthRequest',
    status: 200,
    rewrite: () => ({ status: 202 }),
  },
  {
    name: 'okta-redirect-302',
    description: 'sendOktaVerifyRequest answers 302 with a Location instead of 200.',
    caughtBy: 'status_documented',
    operationId: 'sendOktaVerifyRequest',
    status: 200,
    rewrite: () => ({
      status: 302,
      body: JSON.stringify({ message: 'Found' }),
      setHeaders: { location: '/login?redirect=mfa' },
    }),
  },
  {
    name: 'rate-limit-no-retry-after',
    description: 'Every 429 is sent without the Retry-After header SailPoint documents.',
    caughtBy: 'retry_after_valid',
    status: 429,
    rewrite: () => ({ removeHeaders: ['retry-after'] }),
  },
  {
    name: 'rate-limit-bad-retry-after',
    description: 'Every 429 carries Retry-After "soon", neither delta-seconds nor an HTTP-date.',
    caughtBy: 'retry_after_valid',
    status: 429,
    rewrite: () => ({ setHeaders: { 'retry-after': 'soon' } }),
  },
  {
    name: 'unauthorized-error-object',
    description: "Every 401 carries `error` as an object instead of the gateway's string.",
    caughtBy: 'error_field_is_string',
    status: 401,
    rewrite: (body) => ({
      body: editJson(body, (value) => ({ error: { code: 401, reason: value.error } })),
    }),
  },
  {
    name: 'bad-request-other-shape',
    description:
      'Every 400 carries a framework error body ({statusCode, error, message}), not an ErrorResponseDto.',
    caughtBy: 'error_body_shape',
    status: 400,
    rewrite: () => ({
      body: JSON.stringify({ statusCode: 400, error: 'Bad Request', message: 'Invalid request' }),
    }),
  },
  {
    name: 'forbidden-locale-origin-extended',
    description:
      'Every 403 message has localeOrigin "INFERRED", outside the enum its description calls open.',
    caughtBy: 'enum_extensible',
    status: 403,
    rewrite: (body) => ({
      body: editJson(body, (value) => {
        const messages = Array.isArray(value.messages) ? value.messages : [];
        return {
          ...value,
          messages: messages.map((message) => ({ ...message, localeOrigin: 'INFERRED' })),
        };
      }),
    }),
  },
  {
    name: 'send-unprovoked-500',
    description: 'createSendToken answers a good request with 500 ErrorResponseDto.',
    caughtBy: 'not_server_error',
    operationId: 'createSendToken',
    status: 200,
    rewrite: () => ({
      status: 500,
      body: JSON.stringify(buildErrorResponse(500, 'Unexpected failure.')),
    }),
  },
  {
    name: 'ignored-auth',
    description:
      'Requests with no or a bad token are served (200) as the admin user instead of 401.',
    caughtBy: 'status_expected',
    status: 200,
    ignoresAuth: true,
  },
  {
    name: 'token-auth-undocumented-key',
    description: 'sendTokenAuthRequest 200 adds a key the schema does not list (verifiedAt).',
    caughtBy: 'keys_documented',
    operationId: 'sendTokenAuthRequest',
    status: 200,
    rewrite: (body) => ({
      body: editJson(body, (value) => ({ ...value, verifiedAt: new Date(0).toISOString() })),
    }),
  },
  {
    name: 'send-missing-status',
    description: 'createSendToken 200 never carries the documented status key.',
    caughtBy: 'documented_keys_present',
    operationId: 'createSendToken',
    status: 200,
    rewrite: (body) => ({
      body: editJson(body, ({ status: _dropped, ...rest }) => rest),
    }),
  },
];

/** Which profile is on (none: the mock conforms). */
export class ProfileSwitch {
  active: DeviationProfile | null = null;

  /** Switches to a profile by name, or off with null; false for an unknown name. */
  select(name: string | null): boolean {
    if (name === null) {
      this.active = null;
      return true;
    }

    const found = deviationProfiles.find((profile) => profile.name === name);
    if (found) this.active = found;

    return found !== undefined;
  }
}

export function describeProfile(profile: DeviationProfile): ProfileView {
  const { name, description, caughtBy, operationId, status } = profile;
  return {
    name,
    description,
    caughtBy,
    ...(operationId ? { operationId } : {}),
    ...(status ? { status } : {}),
  };
}

/** The onSend hook that applies the active profile's rewrite to the responses it targets. */
export function createProfileHook(profiles: ProfileSwitch) {
  const apply = (request: FastifyRequest, reply: FastifyReply, payload: unknown): unknown => {
    const profile = profiles.active;
    if (!profile?.rewrite || typeof payload !== 'string') return payload;
    if (profile.status !== undefined && profile.status !== reply.statusCode) return payload;
    if (
      profile.operationId !== undefined &&
      profile.operationId !== request.routeOptions.config.operationId
    ) {
      return payload;
    }

    let change: Rewrite;
    try {
      change = profile.rewrite(payload);
    } catch {
      // Not the JSON body the profile expects (an injected gateway page): leave it alone.
      return payload;
    }
    if (change.status !== undefined) reply.code(change.status);
    for (const name of change.removeHeaders ?? []) reply.removeHeader(name);
    for (const [name, value] of Object.entries(change.setHeaders ?? {})) reply.header(name, value);

    return change.body ?? payload;
  };

  // Callback style: with no profile on, no promise per response.
  return (
    request: FastifyRequest,
    reply: FastifyReply,
    payload: unknown,
    done: (error: Error | null, payload?: unknown) => void,
  ) => {
    done(null, apply(request, reply, payload));
  };
}
