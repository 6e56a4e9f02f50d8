/** pingVerificationStatus (POST /beta/mfa/{method}/poll): where a verification stands. */
import { cell, expect, test } from '../fixtures/index.ts';
import { declareRefusals, raw } from '../fixtures/refusals.ts';

const operationId = 'pingVerificationStatus';
const forwarding = { 'slpt-forwarding': '203.0.113.7' };

test.describe(`${operationId} POST /beta/mfa/{method}/poll`, () => {
  for (const answer of ['approve', 'deny'] as const) {
    const outcome = answer === 'approve' ? 'SUCCESS' : 'FAILED';
    test(`answers 200 ${outcome} for an Okta push the person ${answer === 'approve' ? 'approved' : 'denied'}`, {
      annotation: cell(operationId, 200),
    }, async ({ api, controls, guard }) => {
      guard.requireControls(`answering the push (${answer})`);
      const identity = await controls?.identity();
      const started = await api.POST('/mfa/okta-verify/verify', {
        body: { userId: identity?.oktaUserId ?? '' },
        headers: forwarding,
      });
      await expect(started.response).toConform({
        operationId: 'sendOktaVerifyRequest',
        status: 200,
      });
      const requestId = started.data?.requestId ?? '';
      await controls?.answerPush(requestId, answer);

      const { response, data } = await api.POST('/mfa/{method}/poll', {
        params: { path: { method: 'okta-verify' } },
        body: { requestId },
      });

      await expect(response).toConform({ operationId, status: 200 });
      expect(data?.status).toBe(outcome);
    });
  }

  test('answers 200 PENDING for a push nobody answered yet', {
    annotation: cell(operationId, 200),
  }, async ({ api, controls, guard, settings }) => {
    guard.requireOptIn('send');
    const identity = await controls?.identity();
    const started = await api.POST('/mfa/okta-verify/verify', {
      body: { userId: identity?.oktaUserId ?? settings.testIdentity ?? '' },
      headers: forwarding,
    });
    await expect(started.response).toConform({ operationId: 'sendOktaVerifyRequest', status: 200 });

    const { response, data } = await api.POST('/mfa/{method}/poll', {
      params: { path: { method: 'okta-verify' } },
      body: { requestId: started.data?.requestId ?? '' },
    });

    await expect(response).toConform({ operationId, status: 200 });
    expect(data?.status).toBe('PENDING');
  });

  declareRefusals({
    operationId,
    validBody: { requestId: '0e4d2c9a7b6f4e1d8c3a5b2f1e0d9c8b' },
    send: (client, body) =>
      client.POST('/mfa/{method}/poll', {
        params: { path: { method: 'okta-verify' } },
        ...raw(body),
      }),
    refusedRoles: ['user'],
    extra400: [
      {
        id: 'a method outside the documented enum',
        send: (client) =>
          client.POST('/mfa/{method}/poll', {
            params: { path: { method: 'carrier-pigeon' as 'kba' } },
            ...raw('{"requestId":"0e4d2c9a7b6f4e1d8c3a5b2f1e0d9c8b"}'),
          }),
      },
      {
        id: 'a request id no verification returned',
        send: (client) =>
          client.POST('/mfa/{method}/poll', {
            params: { path: { method: 'okta-verify' } },
            ...raw('{"requestId":"no-such-request"}'),
          }),
      },
    ],
  });
});
