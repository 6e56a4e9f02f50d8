/**
 * Duo Web v2 signed responses: `AUTH|b64(user|ikey|expiry)|hmac:APP|b64(user|ikey|expiry)|hmac`.
 * The AUTH half is signed with the integration's secret key, the APP half with the
 * application key; both hold the same user (the identity's alias) and the integration key.
 * The mock holds all three keys, derived from the seed, and signs for tests via
 * `/__mock/duo/sign`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Why a well-formed signed response was refused; `null` when it is good. */
export type DuoVerdict = { shape: 'ok'; failure: string | null } | { shape: 'bad'; reason: string };

const authLifetimeSeconds = 300;
const appLifetimeSeconds = 3600;

function derive(seed: number, label: string, length: number): string {
  return createHash('sha256').update(`mock-duo-${label}-${seed}`).digest('hex').slice(0, length);
}

function sign(key: string, text: string): string {
  return createHmac('sha1', key).update(text).digest('hex');
}

function isSameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

interface SignedHalf {
  prefix: string;
  user: string;
  ikey: string;
  expiry: number;
  cookie: string;
  signature: string;
}

function parseHalf(half: string): SignedHalf | undefined {
  const [prefix, payload, signature, extra] = half.split('|');
  if (extra !== undefined || !prefix || !payload || !signature) return undefined;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(payload) || !/^[0-9a-f]{40}$/.test(signature))
    return undefined;

  const [user, ikey, expiry, more] = Buffer.from(payload, 'base64').toString('utf8').split('|');
  if (more !== undefined || !user || !ikey || !expiry || !/^\d+$/.test(expiry)) return undefined;

  return { prefix, user, ikey, expiry: Number(expiry), cookie: `${prefix}|${payload}`, signature };
}

export class DuoKeys {
  readonly ikey: string;
  readonly #skey: string;
  readonly #akey: string;

  constructor(seed: number) {
    this.ikey = `DI${derive(seed, 'ikey', 18).toUpperCase()}`;
    this.#skey = derive(seed, 'skey', 40);
    this.#akey = derive(seed, 'akey', 40);
  }

  #half(prefix: 'AUTH' | 'APP', key: string, user: string, expiry: number): string {
    const cookie = `${prefix}|${Buffer.from(`${user}|${this.ikey}|${expiry}`).toString('base64')}`;
    return `${cookie}|${sign(key, cookie)}`;
  }

  /** A signed response for `user`; `expired` dates both halves in the past. */
  sign(user: string, nowMs: number, expired = false): string {
    const now = Math.floor(nowMs / 1000);
    const auth = expired ? now - 60 : now + authLifetimeSeconds;
    const app = expired ? now - 60 : now + appLifetimeSeconds;

    return `${this.#half('AUTH', this.#skey, user, auth)}:${this.#half('APP', this.#akey, user, app)}`;
  }

  /** Checks a signed response for `user`. A bad shape is the caller's 400, a bad signature a FAILED. */
  verify(signedResponse: string, user: string, nowMs: number): DuoVerdict {
    const [authText = '', appText = '', extra] = signedResponse.split(':');
    const auth = parseHalf(authText);
    const app = parseHalf(appText);
    if (extra !== undefined || !auth || !app || auth.prefix !== 'AUTH' || app.prefix !== 'APP') {
      return {
        shape: 'bad',
        reason: 'signedResponse is not a Duo Web AUTH|...|sig:APP|...|sig pair',
      };
    }

    const now = Math.floor(nowMs / 1000);
    let failure: string | null = null;
    if (!isSameHex(auth.signature, sign(this.#skey, auth.cookie)))
      failure = 'The Duo signature is invalid';
    else if (!isSameHex(app.signature, sign(this.#akey, app.cookie)))
      failure = 'The application signature is invalid';
    else if (auth.ikey !== this.ikey || app.ikey !== this.ikey)
      failure = 'The Duo integration key does not match';
    else if (auth.expiry <= now || app.expiry <= now) failure = 'The Duo response has expired';
    else if (auth.user !== app.user || auth.user !== user)
      failure = 'The Duo response is for another user';

    return { shape: 'ok', failure };
  }
}
