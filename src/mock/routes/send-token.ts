/** createSendToken: a one-time code to the identity on the chosen channel. */
import type { components } from '../../../generated/mfa-controller.ts';
import type { OperationHandler } from './context.ts';
import { requireIdentity } from './context.ts';

type SendTokenRequest = components['schemas']['SendTokenRequest'];

export const sendToken: OperationHandler<SendTokenRequest> = ({ tenant, body, now }) => {
  const identity = requireIdentity(
    tenant.directory.findByAlias(body.userAlias),
    'userAlias',
    body.userAlias,
  );

  return tenant.codes.send(identity, body.deliveryType, now);
};
