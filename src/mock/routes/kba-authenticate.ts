/** sendKbaAnswers: the caller's own identity (the user behind the token) answers its questions. */
import type { components } from '../../../generated/mfa-controller.ts';
import type { OperationHandler } from './context.ts';
import { requireIdentity } from './context.ts';

type KbaAnswers = components['schemas']['KbaAnswerRequestItem'][];

export const authenticateKba: OperationHandler<KbaAnswers> = ({ tenant, caller, body }) => {
  const id = caller.identityId ?? '';
  const identity = requireIdentity(tenant.directory.findById(id), "the token's identity_id", id);

  return tenant.kba.check(identity, body);
};
