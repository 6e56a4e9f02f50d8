/** What every operation handler receives: the request, already authenticated and validated. */
import type { IncomingHttpHeaders } from 'node:http';
import type { Caller } from '../auth.ts';
import { badRequest } from '../errors.ts';
import type { Identity } from '../state/identities.ts';
import type { TenantState } from '../state/tenant.ts';

export interface OperationContext<Body> {
  tenant: TenantState;
  caller: Caller;
  /** The body, already checked against the operation's request schema. */
  body: Body;
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  now: number;
}

/** Answers the 200 body; refusals are thrown as MockHttpError. */
export type OperationHandler<Body = never> = (context: OperationContext<Body>) => unknown;

/**
 * An identity the request names but the directory lacks. The contract has no 404, so the
 * mock answers 400 (a request naming nobody is not acceptable), the same for every operation.
 */
export function requireIdentity(
  identity: Identity | undefined,
  field: string,
  value: string,
): Identity {
  if (!identity) throw badRequest(`No identity matches ${field} "${value}".`);
  return identity;
}
