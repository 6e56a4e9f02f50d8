/**
 * Okta Verify pushes: each stays PENDING until a test approves or denies it through
 * `/__mock/pushes/:requestId/approve|deny`, or until it expires; polls read its verification.
 */
import { BoundedMap, stateLimit } from './bounded.ts';
import type { Verification, Verifications } from './verifications.ts';

export type PushState = 'PENDING' | 'APPROVED' | 'DENIED' | 'EXPIRED';

/** A push as `/__mock/pushes` lists it. */
export interface PushView {
  requestId: string;
  /** The Okta `userId` the push was sent for, as the caller sent it. */
  userId: string;
  state: PushState;
}

interface Push {
  userId: string;
  verification: Verification;
}

export class OktaPushes {
  readonly #pushes = new BoundedMap<string, Push>(stateLimit);
  readonly #verifications: Verifications;
  readonly #ttlMs: number;

  constructor(verifications: Verifications, ttlMs: number) {
    this.#verifications = verifications;
    this.#ttlMs = ttlMs;
  }

  create(userId: string, now: number): Verification {
    const verification = this.#verifications.create('okta-verify', 'PENDING');
    verification.expiresAt = now + this.#ttlMs;
    verification.expiredError = 'The push expired before it was answered';
    this.#pushes.set(verification.requestId, { userId, verification });

    return verification;
  }

  list(now: number): PushView[] {
    return [...this.#pushes.entries()].map(([requestId, push]) => ({
      requestId,
      userId: push.userId,
      state: this.#stateOf(push, now),
    }));
  }

  /** Answers a pending push. `unknown` and `decided` are the control's 404 and 409. */
  decide(requestId: string, approve: boolean, now: number): 'done' | 'unknown' | 'decided' {
    const push = this.#pushes.get(requestId);
    if (!push) return 'unknown';
    if (this.#stateOf(push, now) !== 'PENDING') return 'decided';

    push.verification.status = approve ? 'SUCCESS' : 'FAILED';
    push.verification.error = approve ? null : 'The push was denied';

    return 'done';
  }

  #stateOf(push: Push, now: number): PushState {
    const record =
      this.#verifications.find('okta-verify', push.verification.requestId, now) ??
      push.verification;
    if (record.status === 'PENDING') return 'PENDING';
    if (record.status === 'SUCCESS') return 'APPROVED';

    return record.error === 'The push was denied' ? 'DENIED' : 'EXPIRED';
  }

  clear(): void {
    this.#pushes.clear();
  }
}
