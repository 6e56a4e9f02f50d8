/**
 * sendOktaVerifyRequest: starts a push that stays PENDING until a test answers it. The
 * `slpt-forwarding` header (the caller's IP) is required by SailPoint's prose only
 * (DEFECTS.md 8); without it, or with something that is not an IP address, the mock answers 400.
 */
import { isIP } from 'node:net';
import type { components } from '../../../generated/mfa-controller.ts';
import { badRequest } from '../errors.ts';
import type { OperationHandler } from './context.ts';
import { requireIdentity } from './context.ts';

type OktaVerificationRequest = components['schemas']['OktaVerificationRequest'];

export const verifyOkta: OperationHandler<OktaVerificationRequest> = ({
  tenant,
  body,
  headers,
  now,
}) => {
  const forwarding = headers['slpt-forwarding'];
  const address = (Array.isArray(forwarding) ? forwarding[0] : forwarding)?.trim() ?? '';
  if (address === '')
    throw badRequest("The slpt-forwarding header (the caller's IP address) is required.");
  if (isIP(address) === 0)
    throw badRequest('The slpt-forwarding header must be an IPv4 or IPv6 address.');

  requireIdentity(tenant.directory.findByOktaUserId(body.userId), 'userId', body.userId);
  const push = tenant.pushes.create(body.userId, now);

  return { requestId: push.requestId, status: push.status, error: null };
};
