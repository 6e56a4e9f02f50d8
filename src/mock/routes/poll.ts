/**
 * pingVerificationStatus: where a verification started earlier stands. A request id that no
 * verify or send of this method returned (and every id for `kba` and `rsa`, which have none)
 * is answered 400 ErrorResponseDto: the contract documents no 404, and a 200 would claim a
 * verification exists.
 */
import type { components } from '../../../generated/mfa-controller.ts';
import { badRequest } from '../errors.ts';
import type { OperationHandler } from './context.ts';

type VerificationPollRequest = components['schemas']['VerificationPollRequest'];

export const pollVerification: OperationHandler<VerificationPollRequest> = ({
  tenant,
  body,
  params,
  now,
}) => {
  const method = params.method ?? '';
  const record = tenant.verifications.find(method, body.requestId, now);
  if (!record) throw badRequest(`No ${method} verification has requestId "${body.requestId}".`);

  return { requestId: record.requestId, status: record.status, error: record.error };
};
