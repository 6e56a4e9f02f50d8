/**
 * Options of the mock tenant, their defaults, and the seeded clients' credentials (issue 6:
 * fixed ids and secrets with documented defaults, each overridable by environment variable).
 */
import { HarnessUsageError } from '../contract/errors.ts';

/** The three seeded OAuth clients, by role. */
export type ClientRole = 'admin' | 'user' | 'app';

/** One client's credentials. */
export interface ClientCredentials {
  id: string;
  secret: string;
}

/** Requests per window, counted per client id and API version. */
export interface RateLimitSettings {
  max: number;
  windowMs: number;
}

/** What `buildMockTenant` and `startMockTenant` accept. Every field is optional. */
export interface MockTenantOptions {
  /** Seed for the faker-made identity directory and the Duo keys. Default 1. */
  seed?: number;
  /** Serve the `/__mock` control routes. Default false. */
  controls?: boolean;
  /** SailPoint's documented budget by default: 100 requests per 10 s. */
  rateLimit?: RateLimitSettings;
  /** A pino level (`silent`, `error`, `warn`, `info`, `debug`, `trace`). Default `silent`. */
  logLevel?: string;
  /** Where log lines go (default stderr). Never stdout: the CLI owns that. */
  logStream?: { write(line: string): void };
  /** Environment the client credentials are read from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** How many identities to seed (at least 6). Default 8. */
  identityCount?: number;
  /** Lifetime of a one-time code. Default 5 minutes. */
  codeTtlMs?: number;
  /** How long an Okta push waits for an answer before it fails. Default 5 minutes. */
  pushTtlMs?: number;
  /** Lifetime of tokens from `/oauth/token`. Default 12 hours, as for a personal access token. */
  tokenTtlSeconds?: number;
  /** Largest request body accepted; larger ones get 400. Default 64 KiB. */
  bodyLimit?: number;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  seed: number;
  controls: boolean;
  rateLimit: RateLimitSettings;
  logLevel: string;
  logStream: { write(line: string): void };
  clients: Record<ClientRole, ClientCredentials>;
  identityCount: number;
  codeTtlMs: number;
  pushTtlMs: number;
  tokenTtlSeconds: number;
  bodyLimit: number;
}

/** The documented default credentials; the env variables named here override them. */
export const defaultClients: Record<ClientRole, ClientCredentials & { env: string }> = {
  admin: { id: 'mock-admin', secret: 'mock-admin-secret', env: 'MOCK_ADMIN_CLIENT' },
  user: { id: 'mock-user', secret: 'mock-user-secret', env: 'MOCK_USER_CLIENT' },
  app: { id: 'mock-app', secret: 'mock-app-secret', env: 'MOCK_APP_CLIENT' },
};

export const logLevels = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'];

/** Reads `MOCK_<ROLE>_CLIENT_ID` / `_SECRET`; an empty value is a usage error, not a default. */
export function readClients(
  env: Record<string, string | undefined>,
): Record<ClientRole, ClientCredentials> {
  const pick = (name: string, fallback: string) => {
    const value = env[name];
    if (value === undefined) return fallback;
    if (value.trim() === '')
      throw new HarnessUsageError(`${name} is set but empty; unset it or give a value`);

    return value;
  };
  const read = (role: ClientRole): ClientCredentials => {
    const { id, secret, env: prefix } = defaultClients[role];
    return { id: pick(`${prefix}_ID`, id), secret: pick(`${prefix}_SECRET`, secret) };
  };
  const clients = { admin: read('admin'), user: read('user'), app: read('app') };
  const ids = new Set(Object.values(clients).map((client) => client.id));
  if (ids.size !== 3) throw new HarnessUsageError('the three MOCK_*_CLIENT_ID values must differ');

  return clients;
}

function positive(name: string, value: number, minimum = 1): number {
  if (!Number.isFinite(value) || value < minimum) {
    throw new HarnessUsageError(`${name} must be a number >= ${minimum}, got ${value}`);
  }

  return value;
}

/** Fills in defaults and checks ranges; throws HarnessUsageError naming the bad option. */
export function resolveOptions(options: MockTenantOptions = {}): ResolvedOptions {
  const logLevel = options.logLevel ?? 'silent';
  if (!logLevels.includes(logLevel)) {
    throw new HarnessUsageError(
      `logLevel must be one of ${logLevels.join(', ')}, got "${logLevel}"`,
    );
  }
  const rateLimit = options.rateLimit ?? { max: 100, windowMs: 10_000 };

  return {
    seed: Math.trunc(positive('seed', options.seed ?? 1, 0)),
    controls: options.controls ?? false,
    rateLimit: {
      max: Math.trunc(positive('rateLimit.max', rateLimit.max)),
      windowMs: Math.trunc(positive('rateLimit.windowMs', rateLimit.windowMs)),
    },
    logLevel,
    logStream: options.logStream ?? process.stderr,
    clients: readClients(options.env ?? process.env),
    identityCount: Math.trunc(positive('identityCount', options.identityCount ?? 8, 6)),
    codeTtlMs: positive('codeTtlMs', options.codeTtlMs ?? 300_000),
    pushTtlMs: positive('pushTtlMs', options.pushTtlMs ?? 300_000),
    tokenTtlSeconds: Math.trunc(positive('tokenTtlSeconds', options.tokenTtlSeconds ?? 43_200)),
    bodyLimit: Math.trunc(positive('bodyLimit', options.bodyLimit ?? 65_536, 1024)),
  };
}
