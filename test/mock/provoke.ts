/**
 * Provokes each documented status of each operation on a test mock, over HTTP only, so the
 * conformance and profile tests can judge real responses with the contract's checks.
 */
import type { ObservedResponse } from '../../src/contract/findings.ts';
import type { Exchange, TestMock } from './helpers.ts';

/** The statuses every operation documents. */
export const documentedStatuses = [200, 400, 401, 403, 429, 500] as const;

const sendPath = (version: string) => `/${version}/mfa/token/send`;

/** A request that gets 200 from the operation; it may set up state first. */
async function succeed(mock: TestMock, operationId: string, version: string): Promise<Exchange> {
  const identity = await mock.identity(0);
  switch (operationId) {
    case 'createSendToken':
      return mock.call(sendPath(version), {
        body: { userAlias: identity.alias, deliveryType: 'SMS_WORK' },
      });
    case 'sendTokenAuthRequest':
      return mock.call(`/${version}/mfa/token/authenticate`, {
        body: { userAlias: identity.alias, deliveryType: 'SMS_WORK', token: '000000' },
      });
    case 'pingVerificationStatus': {
      const sent = await mock.call(sendPath(version), {
        body: { userAlias: identity.alias, deliveryType: 'EMAIL_WORK' },
      });
      const requestId = (sent.json as { requestId: string }).requestId;
      return mock.call(`/${version}/mfa/token/poll`, { body: { requestId } });
    }
    case 'sendDuoVerifyRequest': {
      const signed = await mock.control('POST', '/duo/sign', { userId: identity.id });
      return mock.call(`/${version}/mfa/duo-web/verify`, {
        body: { userId: identity.id, ...(signed.json as object) },
      });
    }
    case 'sendOktaVerifyRequest':
      return mock.call(`/${version}/mfa/okta-verify/verify`, {
        body: { userId: identity.oktaUserId },
        headers: { 'slpt-forwarding': '198.51.100.4' },
      });
    case 'sendKbaAnswers':
      return mock.call(`/${version}/mfa/kba/authenticate`, {
        body: identity.kba.map(({ id, answer }) => ({ id, answer })),
      });
    default:
      throw new Error(`unknown operation ${operationId}`);
  }
}

/** The concrete path of an operation (poll under okta-verify). */
export function pathOf(operationId: string, version: string): string {
  const paths: Record<string, string> = {
    createSendToken: '/mfa/token/send',
    pingVerificationStatus: '/mfa/okta-verify/poll',
    sendDuoVerifyRequest: '/mfa/duo-web/verify',
    sendKbaAnswers: '/mfa/kba/authenticate',
    sendOktaVerifyRequest: '/mfa/okta-verify/verify',
    sendTokenAuthRequest: '/mfa/token/authenticate',
  };
  return `/${version}${paths[operationId]}`;
}

/** Sends what makes the operation answer `status`. Leaves no fault armed and no budget changed. */
export async function provoke(
  mock: TestMock,
  operationId: string,
  status: number,
  version = 'beta',
): Promise<Exchange> {
  const path = pathOf(operationId, version);
  switch (status) {
    case 200:
      return succeed(mock, operationId, version);
    case 400:
      return mock.call(path, { raw: '{"truncated": ' });
    case 401:
      return mock.call(path, { body: {}, token: null });
    case 403:
      return mock.call(path, { body: {}, role: 'app' });
    case 429: {
      await mock.control('PUT', '/rate-limit', { max: 1, windowMs: 60_000 });
      await mock.call(path, { raw: '{' });
      const limited = await mock.call(path, { raw: '{' });
      await mock.control('PUT', '/rate-limit', { max: 1_000_000, windowMs: 10_000 });
      return limited;
    }
    case 500:
      await mock.control('POST', '/faults', { operationId, kind: 'server_error' });
      return mock.call(path, { body: {} });
    default:
      throw new Error(`no way to provoke ${status}`);
  }
}

/** The exchange as the contract's checks take it. */
export function observe(exchange: Exchange): ObservedResponse {
  return { status: exchange.status, headers: exchange.headers, body: exchange.text };
}
