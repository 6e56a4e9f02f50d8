/** sendOktaVerifyRequest (POST /beta/mfa/okta-verify/verify): starting an Okta Verify push. */
import { cell, expect, test } from '../fixtures/index.ts';
import { declareRefusals, raw } from '../fixtures/refusals.ts';

const operationId = 'sendOktaVerifyRequest';
/** The caller's IP address, which SailPoint's prose (not the spec) requires. */
const forwarding = { 'slpt-forwarding': '203.0.113.7' };

test.describe(`${operationId} POST /beta/mfa/okta-verify/verify`, () => {
  test('answers 200 PENDING and starts a push for the identity', {
    annotation: cell(operationId, 200),
  }, async ({ api, controls, guard, settings }) => {
    guard.requireOptIn('send');
    const identity = await controls?.identity();
    const userId = identity?.oktaUserId ?? settings.testIdentity ?? '';

    const { response, data } = await api.POST('/mfa/okta-verify/verify', {
      body: { userId },
      headers: forwarding,
    });

    await expect(response).toConform({ operationId, status: 200 });
    expect(data?.status).toBe('PENDING');
    expect(data?.requestId).toBeTruthy();
  });

  declareRefusals({
    operationId,
    validBody: { userId: 'ada.lovelace@example.org' },
    send: (client, body) =>
      client.POST('/mfa/okta-verify/verify', { ...raw(body), headers: forwarding }),
    extra400: [
      {
        id: 'a request without the slpt-forwarding header',
        send: (client) =>
          client.POST('/mfa/okta-verify/verify', raw('{"userId":"ada.lovelace@example.org"}')),
      },
    ],
  });
});
