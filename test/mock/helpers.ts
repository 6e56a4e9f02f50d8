/**
 * Shared helpers of the mock tenant's tests: start a mock per worker, talk to it over HTTP
 * only (the API and the `/__mock` controls), and validate bodies against the spec.
 */

import type { SchemaViolation } from '../../src/contract/schema.ts';
import { schemaValidator } from '../../src/contract/schema.ts';
import { escapePointer, loadSpec, specFiles } from '../../src/contract/spec.ts';
import type { MockTenantOptions, RunningMockTenant } from '../../src/mock/server.ts';
import { startMockTenant } from '../../src/mock/server.ts';

export type Role = 'admin' | 'user' | 'app';

/** A response read in full. */
export interface Exchange {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** The identity listing of `GET /__mock/identities`. */
export interface IdentityView {
  alias: string;
  id: string;
  workEmail: string;
  personalEmail: string | null;
  workPhone: string | null;
  personalPhone: string | null;
  deliveryTypes: string[];
  oktaUserId: string;
  kba: { id: string; question: string; answer: string }[];
}

export const operationPaths: Record<string, string> = {
  createSendToken: '/mfa/token/send',
  pingVerificationStatus: '/mfa/{method}/poll',
  sendDuoVerifyRequest: '/mfa/duo-web/verify',
  sendKbaAnswers: '/mfa/kba/authenticate',
  sendOktaVerifyRequest: '/mfa/okta-verify/verify',
  sendTokenAuthRequest: '/mfa/token/authenticate',
};

function readHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}

async function read(response: Response): Promise<Exchange> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }

  return { status: response.status, headers: readHeaders(response.headers), text, json };
}

/** A mock started for a test file, with typed shortcuts over HTTP. */
export class TestMock {
  readonly running: RunningMockTenant;
  readonly #tokens = new Map<Role, string>();

  constructor(running: RunningMockTenant) {
    this.running = running;
  }

  get url(): string {
    return this.running.url;
  }

  /** A token for a seeded client from `/oauth/token` (urlencoded), cached for the file. */
  async token(role: Role): Promise<string> {
    const cached = this.#tokens.get(role);
    if (cached) return cached;

    const response = await this.oauth({
      grant_type: 'client_credentials',
      client_id: `mock-${role}`,
      client_secret: `mock-${role}-secret`,
    });
    const token = (response.json as { access_token: string }).access_token;
    this.#tokens.set(role, token);

    return token;
  }

  /** Posts form fields to `/oauth/token`. */
  async oauth(fields: Record<string, string>): Promise<Exchange> {
    return read(
      await fetch(`${this.url}/oauth/token`, { method: 'POST', body: new URLSearchParams(fields) }),
    );
  }

  /**
   * Calls an operation path (`/beta/mfa/token/send`). `body` objects are sent as JSON;
   * `token: null` sends no Authorization header; default is the admin token.
   */
  async call(
    path: string,
    init: {
      body?: unknown;
      raw?: string;
      token?: string | null;
      role?: Role;
      headers?: Record<string, string>;
      method?: string;
    } = {},
  ): Promise<Exchange> {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
    const token = init.token === undefined ? await this.token(init.role ?? 'admin') : init.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const body = init.raw ?? (init.body === undefined ? null : JSON.stringify(init.body));

    return read(
      await fetch(`${this.url}${path}`, { method: init.method ?? 'POST', headers, body }),
    );
  }

  /** Calls a control route; `body` is sent as JSON. */
  async control(method: string, path: string, body?: unknown): Promise<Exchange> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }

    return read(await fetch(`${this.url}/__mock${path}`, init));
  }

  async identities(): Promise<IdentityView[]> {
    return (await this.control('GET', '/identities')).json as IdentityView[];
  }

  /** The identity behind the admin (0) or user (1) client's tokens. */
  async identity(index = 0): Promise<IdentityView> {
    const found = (await this.identities())[index];
    if (!found) throw new Error(`no identity ${index}`);
    return found;
  }

  async reset(): Promise<void> {
    const response = await this.control('POST', '/reset');
    if (response.status !== 204) throw new Error(`reset answered ${response.status}`);
  }

  close(): Promise<void> {
    return this.running.close();
  }
}

/** Starts a mock with controls on and a budget high enough not to interfere. */
export async function startTestMock(options: MockTenantOptions = {}): Promise<TestMock> {
  return new TestMock(
    await startMockTenant({
      controls: true,
      rateLimit: { max: 1_000_000, windowMs: 10_000 },
      ...options,
    }),
  );
}

/**
 * Validates a body against the spec's schema for an operation and status (application/json).
 * Returns the violations; throws when the status is not documented for the operation.
 */
export async function validateResponse(
  operationId: string,
  status: number,
  body: unknown,
): Promise<SchemaViolation[]> {
  const spec = await loadSpec(specFiles.mfaController);
  const path = operationPaths[operationId];
  if (!path) throw new Error(`unknown operation ${operationId}`);
  const pointer = `#/paths/${escapePointer(path)}/post/responses/${status}/content/application~1json/schema`;

  return schemaValidator(spec, pointer)(body);
}

/** Validates a body against ErrorResponseDto (the 404 and gateway-error shape). */
export async function validateErrorResponse(body: unknown): Promise<SchemaViolation[]> {
  const spec = await loadSpec(specFiles.mfaController);
  return schemaValidator(spec, '#/components/schemas/ErrorResponseDto')(body);
}

/** True when the body is an ErrorResponseDto as the mock builds it (32-hex id, en-US message). */
export function isFullErrorResponse(body: unknown): boolean {
  const value = body as {
    detailCode?: unknown;
    trackingId?: unknown;
    messages?: { locale?: unknown; localeOrigin?: unknown; text?: unknown }[];
  };
  return (
    typeof value?.detailCode === 'string' &&
    typeof value.trackingId === 'string' &&
    /^[0-9a-f]{32}$/.test(value.trackingId) &&
    Array.isArray(value.messages) &&
    value.messages[0]?.locale === 'en-US' &&
    value.messages[0]?.localeOrigin === 'DEFAULT' &&
    typeof value.messages[0]?.text === 'string'
  );
}
