/**
 * Verifications a poll can ask about, by request id. Sends (`token`), Okta pushes
 * (`okta-verify`) and Duo checks (`duo-web`) register here; `kba` and `rsa` have no operation
 * that returns a request id (DEFECTS.md 10), so polling them always meets an unknown id.
 */
import { randomUUID } from 'node:crypto';
import type { components } from '../../../generated/mfa-controller.ts';
import { BoundedMap, stateLimit } from './bounded.ts';

export type VerificationStatus = NonNullable<
  components['schemas']['VerificationResponse']['status']
>;
export type PollMethod = 'okta-verify' | 'duo-web' | 'kba' | 'token' | 'rsa';

export interface Verification {
  requestId: string;
  method: PollMethod;
  status: VerificationStatus;
  error: string | null;
  /** A `PENDING` verification past this time reads as `FAILED` with `expiredError`. */
  expiresAt?: number;
  expiredError?: string;
}

/** A 32-hex request id (a v4 UUID without dashes: Node batches UUID entropy, so it is cheap). */
export function createRequestId(): string {
  return randomUUID().replaceAll('-', '');
}

export class Verifications {
  readonly #records = new BoundedMap<string, Verification>(stateLimit);

  create(
    method: PollMethod,
    status: VerificationStatus,
    error: string | null = null,
  ): Verification {
    const record: Verification = { requestId: createRequestId(), method, status, error };
    this.#records.set(record.requestId, record);

    return record;
  }

  /** The record for `requestId` if it was made by `method`, with expiry applied. */
  find(method: string, requestId: string, now: number): Verification | undefined {
    const record = this.#records.get(requestId);
    if (!record || record.method !== method) return undefined;

    if (record.status === 'PENDING' && record.expiresAt !== undefined && record.expiresAt <= now) {
      record.status = 'FAILED';
      record.error = record.expiredError ?? 'The verification expired';
    }

    return record;
  }

  clear(): void {
    this.#records.clear();
  }
}
