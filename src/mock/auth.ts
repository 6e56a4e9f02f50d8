/**
 * Tokens: minting the JWTs `/oauth/token` and `/__mock/tokens` hand out, and checking the
 * bearer token on every API request (401 with a string `error`, as ISC's gateway answers),
 * then whether the caller may use the operation (403 ErrorResponseDto).
 */
import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { components } from '../../generated/oauth-token.ts';
import { forbidden, unauthorized } from './errors.ts';
import type { ClientCredentials, ClientRole } from './options.ts';
import type { Directory } from './state/identities.ts';

export type TokenResponse = components['schemas']['TokenResponse'];

/** Who sent a request, read from a verified token. */
export interface Caller {
  clientId: string;
  /** Null for an API client without a user behind it. */
  identityId: string | null;
  userLevel: 'ORG_ADMIN' | 'USER' | null;
  scopes: string[];
}

interface TokenClaims {
  client_id: string;
  identity_id?: string;
  user_name?: string;
  authorities?: string[];
  scope: string[];
  exp: number;
}

/** What an operation demands of its caller, read from the spec. */
export interface AccessRule {
  /** Scopes the operation's `security` lists; `sp:scopes:all` grants every one. */
  scopes: string[];
  /** `x-sailpoint-userLevels`, e.g. `['ORG_ADMIN']` on poll. */
  userLevels: string[];
}

const tenantName = 'mock';
const allScopes = 'sp:scopes:all';
/** Verified tokens kept so a hot client does not pay for HMAC and JSON parsing each time. */
const cacheLimit = 1000;

function isSameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class TokenIssuer {
  readonly #key = randomBytes(32);
  readonly #clients: Record<ClientRole, ClientCredentials>;
  readonly #directory: Directory;
  readonly #ttlSeconds: number;
  readonly #verified = new Map<string, VerifiedToken>();

  constructor(
    clients: Record<ClientRole, ClientCredentials>,
    directory: Directory,
    ttlSeconds: number,
  ) {
    this.#clients = clients;
    this.#directory = directory;
    this.#ttlSeconds = ttlSeconds;
  }

  /** The role whose id and secret these are, or undefined. */
  findClient(id: string, secret: string): ClientRole | undefined {
    const roles = Object.keys(this.#clients) as ClientRole[];
    return roles.find((role) => {
      const client = this.#clients[role];
      return isSameSecret(id, client.id) && isSameSecret(secret, client.secret);
    });
  }

  /** The identity behind a role's tokens: the first for admin, the second for user, none for app. */
  identityOf(role: ClientRole) {
    if (role === 'app') return undefined;
    return this.#directory.identities[role === 'admin' ? 0 : 1];
  }

  /** Mints a token for a seeded client; a negative lifetime gives one that is already expired. */
  async issue(role: ClientRole, expiresInSeconds = this.#ttlSeconds): Promise<TokenResponse> {
    const now = Math.floor(Date.now() / 1000);
    const jti = randomUUID();
    const identity = this.identityOf(role);
    const userClaims = identity
      ? {
          identity_id: identity.id,
          user_name: identity.alias,
          authorities: [role === 'admin' ? 'ORG_ADMIN' : 'USER'],
        }
      : {};
    const claims = {
      tenant_id: tenantName,
      pod: 'mock-pod',
      org: tenantName,
      client_id: this.#clients[role].id,
      scope: [allScopes],
      strong_auth: false,
      strong_auth_supported: false,
      internal: false,
      ...userClaims,
    };
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt(now)
      .setExpirationTime(now + expiresInSeconds)
      .setJti(jti)
      .sign(this.#key);

    const response: TokenResponse = {
      access_token: accessToken,
      token_type: 'bearer',
      expires_in: expiresInSeconds,
      scope: allScopes,
      tenant_id: tenantName,
      pod: 'mock-pod',
      strong_auth_supported: false,
      org: tenantName,
      strong_auth: false,
      jti,
      internal: false,
    };
    if (identity) {
      response.identity_id = identity.id;
      response.user_id = identity.id;
      response.user_name = identity.alias;
    }

    return response;
  }

  /**
   * The caller behind an `Authorization` header, or the 401 the gateway would send (thrown, or
   * as a rejection). Synchronous for a token verified before, which is the hot path.
   */
  authenticate(authorization: string | undefined): Caller | Promise<Caller> {
    if (authorization === undefined || authorization.trim() === '') {
      throw unauthorized('JWT is required');
    }

    const match = /^Bearer +([A-Za-z0-9_.~+/=-]+)\s*$/i.exec(authorization);
    const token = match?.[1];
    if (!token) {
      throw unauthorized('JWT validation failed: the Authorization header is not "Bearer <JWT>"');
    }

    const cached = this.#verified.get(token);
    if (cached) return checkExpiry(cached);

    return this.#verify(token).then(checkExpiry);
  }

  async #verify(token: string): Promise<VerifiedToken> {
    try {
      const { payload } = await jwtVerify(token, this.#key, { algorithms: ['HS256'] });
      const entry = toVerifiedToken(payload as unknown as TokenClaims);
      if (this.#verified.size >= cacheLimit) this.#verified.clear();
      this.#verified.set(token, entry);

      return entry;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) {
        throw unauthorized('JWT validation failed: token has expired');
      }
      throw unauthorized(
        'JWT validation failed: the token is malformed or not signed by this tenant',
      );
    }
  }
}

interface VerifiedToken {
  caller: Caller;
  /** Expiry in seconds since the epoch. */
  exp: number;
}

function toVerifiedToken(claims: TokenClaims): VerifiedToken {
  const authorities = claims.authorities ?? [];
  let userLevel: Caller['userLevel'] = null;
  if (authorities.includes('ORG_ADMIN')) userLevel = 'ORG_ADMIN';
  else if (authorities.includes('USER')) userLevel = 'USER';

  const caller = {
    clientId: claims.client_id,
    identityId: claims.identity_id ?? null,
    userLevel,
    scopes: claims.scope,
  };

  return { caller, exp: claims.exp };
}

function checkExpiry(entry: VerifiedToken): Caller {
  if (entry.exp <= Date.now() / 1000) {
    throw unauthorized('JWT validation failed: token has expired');
  }

  return entry.caller;
}

/** Throws the 403 for a caller the operation's security or user levels refuse. */
export function authorize(caller: Caller, rule: AccessRule): void {
  if (caller.identityId === null) {
    throw forbidden(
      'This operation needs a token with a user behind it; API client tokens have none.',
    );
  }

  const hasScope =
    caller.scopes.includes(allScopes) || rule.scopes.some((scope) => caller.scopes.includes(scope));
  if (!hasScope) throw forbidden(`The token lacks the scope ${rule.scopes.join(' or ')}.`);

  if (rule.userLevels.length > 0 && !rule.userLevels.includes(caller.userLevel ?? '')) {
    throw forbidden(`This operation needs the user level ${rule.userLevels.join(' or ')}.`);
  }
}
