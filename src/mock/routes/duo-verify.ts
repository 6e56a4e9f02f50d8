/**
 * sendDuoVerifyRequest: checks a Duo Web signed response for the identity `userId` names.
 * A value that is not even an `AUTH|...:APP|...` pair is a 400; a well-formed one with a bad
 * signature, another user or a past expiry is a 200 with status FAILED and the reason.
 */
import type { components } from '../../../generated/mfa-controller.ts';
import { badRequest } from '../errors.ts';
import type { OperationHandler } from './context.ts';
import { requireIdentity } from './context.ts';

type DuoVerificationRequest = components['schemas']['DuoVerificationRequest'];

export const verifyDuo: OperationHandler<DuoVerificationRequest> = ({ tenant, body, now }) => {
  const identity = requireIdentity(tenant.directory.findById(body.userId), 'userId', body.userId);
  const verdict = tenant.duo.verify(body.signedResponse, identity.alias, now);
  if (verdict.shape === 'bad') throw badRequest(verdict.reason);

  const record = tenant.verifications.create(
    'duo-web',
    verdict.failure ? 'FAILED' : 'SUCCESS',
    verdict.failure,
  );

  return { requestId: record.requestId, status: record.status, error: record.error };
};
