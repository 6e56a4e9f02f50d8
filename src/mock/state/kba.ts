/**
 * Knowledge-based answers: each answer is checked against the stored SHA-256 hex, given
 * either as plaintext (normalised, hashed and compared) or as the 64-hex hash itself.
 * SUCCESS needs every question of the identity answered right; a right but partial set is
 * NOT_ENOUGH_DATA; any wrong answer is FAILED and the third failed attempt locks the identity.
 */
import type { components } from '../../../generated/mfa-controller.ts';
import type { Identity } from './identities.ts';
import { hashAnswer } from './identities.ts';

type KbaAuthResponse = components['schemas']['KbaAuthResponse'];
type KbaAnswer = components['schemas']['KbaAnswerRequestItem'];

/** Failed attempts an identity may make before it is locked out (until the next reset). */
export const maxKbaFailures = 3;

function isRightAnswer(given: string, answerHash: string): boolean {
  const trimmed = given.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed) && trimmed.toLowerCase() === answerHash) return true;

  return hashAnswer(given) === answerHash;
}

export class KbaChecker {
  readonly #failures = new Map<string, number>();

  check(identity: Identity, answers: KbaAnswer[]): KbaAuthResponse {
    const failures = this.#failures.get(identity.id) ?? 0;
    if (failures >= maxKbaFailures) {
      return {
        kbaAuthResponseItems: answers.map((answer) => ({
          questionId: answer.id,
          isVerified: null,
        })),
        status: 'LOCKOUT',
      };
    }

    const items = answers.map((answer) => {
      const question = identity.kba.find((candidate) => candidate.id === answer.id);
      return {
        questionId: answer.id,
        isVerified: question ? isRightAnswer(answer.answer, question.answerHash) : false,
      };
    });
    if (items.length === 0) return { kbaAuthResponseItems: [], status: 'NOT_ENOUGH_DATA' };

    if (items.every((item) => item.isVerified)) {
      const answered = new Set(items.map((item) => item.questionId));
      const isComplete = identity.kba.every((question) => answered.has(question.id));
      if (isComplete) this.#failures.delete(identity.id);
      return { kbaAuthResponseItems: items, status: isComplete ? 'SUCCESS' : 'NOT_ENOUGH_DATA' };
    }

    this.#failures.set(identity.id, failures + 1);
    return {
      kbaAuthResponseItems: items,
      status: failures + 1 >= maxKbaFailures ? 'LOCKOUT' : 'FAILED',
    };
  }

  clear(): void {
    this.#failures.clear();
  }
}
