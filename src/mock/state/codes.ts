/**
 * One-time codes: one live code per (alias, delivery type), delivered to an outbox that tests
 * read through `/__mock/outbox`. Authenticate takes alias, delivery type and code (not the
 * send's request id); wrong codes count per alias and the fifth one locks the alias out.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { components } from '../../../generated/mfa-controller.ts';
import { BoundedMap, stateLimit } from './bounded.ts';
import type { DeliveryType, Identity } from './identities.ts';
import { deliveryChannels } from './identities.ts';
import type { Verification, Verifications } from './verifications.ts';

type SendTokenResponse = components['schemas']['SendTokenResponse'];
type TokenAuthStatus = NonNullable<components['schemas']['TokenAuthResponse']['status']>;

/** One delivered code, as `/__mock/outbox` lists it. */
export interface OutboxEntry {
  requestId: string;
  alias: string;
  deliveryType: DeliveryType;
  channel: 'SMS' | 'VOICE' | 'EMAIL';
  address: string;
  code: string;
  sentAt: string;
  expiresAt: string;
}

/** An outbox entry as stored: times as numbers, turned into ISO strings only when listed. */
type StoredEntry = Omit<OutboxEntry, 'sentAt' | 'expiresAt'> & {
  sentAt: number;
  expiresAt: number;
};

interface LiveCode {
  code: string;
  expiresAt: number;
  verification: Verification;
}

/** Wrong codes an alias may send before it is locked out (until the next reset). */
export const maxCodeFailures = 5;

const attributeNames = {
  workPhone: 'work phone',
  personalPhone: 'personal phone',
  workEmail: 'work e-mail',
  personalEmail: 'personal e-mail',
} as const;

function isSameCode(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class OneTimeCodes {
  readonly #live = new BoundedMap<string, LiveCode>(stateLimit);
  readonly #failures = new Map<string, number>();
  readonly #outbox: StoredEntry[] = [];
  readonly #verifications: Verifications;
  readonly #ttlMs: number;

  constructor(verifications: Verifications, ttlMs: number) {
    this.#verifications = verifications;
    this.#ttlMs = ttlMs;
  }

  /** Issues a code on the channel, replacing any earlier one; FAILED when the identity lacks it. */
  send(identity: Identity, deliveryType: DeliveryType, now: number): SendTokenResponse {
    const { channel, attribute } = deliveryChannels[deliveryType];
    const address = identity[attribute];
    if (address === null) {
      const errorMessage = `No ${attributeNames[attribute]} on record for ${identity.alias}`;
      const failed = this.#verifications.create('token', 'FAILED', errorMessage);
      return { requestId: failed.requestId, status: 'FAILED', errorMessage };
    }

    const verification = this.#verifications.create('token', 'PENDING');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = now + this.#ttlMs;
    verification.expiresAt = expiresAt;
    verification.expiredError = 'The code expired';
    this.#live.set(`${identity.alias}|${deliveryType}`, { code, expiresAt, verification });

    this.#outbox.push({
      requestId: verification.requestId,
      alias: identity.alias,
      deliveryType,
      channel,
      address,
      code,
      sentAt: now,
      expiresAt,
    });
    // Trimmed in batches: dropping one entry per send would shift the whole array each time.
    if (this.#outbox.length > stateLimit + 1000)
      this.#outbox.splice(0, this.#outbox.length - stateLimit);

    return { requestId: verification.requestId, status: 'SUCCESS', errorMessage: null };
  }

  /** Checks a code; a right one is used up, a wrong one counts towards the lockout. */
  authenticate(
    alias: string,
    deliveryType: DeliveryType,
    token: string,
    now: number,
  ): TokenAuthStatus {
    const failures = this.#failures.get(alias) ?? 0;
    if (failures >= maxCodeFailures) return 'LOCKOUT';

    const key = `${alias}|${deliveryType}`;
    const live = this.#live.get(key);
    if (live && live.expiresAt <= now) {
      this.#live.delete(key);
      live.verification.status = 'FAILED';
      live.verification.error = 'The code expired';
      return 'FAILED';
    }

    if (live && isSameCode(token, live.code)) {
      this.#live.delete(key);
      this.#failures.delete(alias);
      live.verification.status = 'SUCCESS';
      return 'SUCCESS';
    }

    this.#failures.set(alias, failures + 1);
    if (failures + 1 < maxCodeFailures) return 'FAILED';

    this.#live.delete(key);
    if (live) {
      live.verification.status = 'LOCKOUT';
      live.verification.error = 'Too many wrong codes';
    }
    return 'LOCKOUT';
  }

  /** Delivered codes, oldest first, optionally for one alias and delivery type. */
  listOutbox(filter: { alias?: string; deliveryType?: string }): OutboxEntry[] {
    return this.#outbox
      .filter(
        (entry) =>
          (filter.alias === undefined || entry.alias === filter.alias) &&
          (filter.deliveryType === undefined || entry.deliveryType === filter.deliveryType),
      )
      .map((entry) => ({
        ...entry,
        sentAt: new Date(entry.sentAt).toISOString(),
        expiresAt: new Date(entry.expiresAt).toISOString(),
      }));
  }

  clear(): void {
    this.#live.clear();
    this.#failures.clear();
    this.#outbox.length = 0;
  }
}
