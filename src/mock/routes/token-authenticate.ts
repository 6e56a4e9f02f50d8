/** sendTokenAuthRequest: checks a code by alias and delivery type (not by the send's request id). */
import type { components } from '../../../generated/mfa-controller.ts';
import type { OperationHandler } from './context.ts';
import { requireIdentity } from './context.ts';

type TokenAuthRequest = components['schemas']['TokenAuthRequest'];

export const authenticateToken: OperationHandler<TokenAuthRequest> = ({ tenant, body, now }) => {
  const identity = requireIdentity(
    tenant.directory.findByAlias(body.userAlias),
    'userAlias',
    body.userAlias,
  );

  return { status: tenant.codes.authenticate(identity.alias, body.deliveryType, body.token, now) };
};
