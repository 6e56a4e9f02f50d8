/** sendDuoVerifyRequest (POST /beta/mfa/duo-web/verify): checking a Duo Web signed response. */
import { cell, expect, test } from '../fixtures/index.ts';
import { declareRefusals, raw } from '../fixtures/refusals.ts';

const operationId = 'sendDuoVerifyRequest';

test.describe(`${operationId} POST /beta/mfa/duo-web/verify`, () => {
  for (const expired of [false, true]) {
    const outcome = expired ? 'FAILED' : 'SUCCESS';
    test(`answers 200 ${outcome} to ${expired ? 'an expired' : 'a valid'} signed response`, {
      annotation: cell(operationId, 200),
    }, async ({ api, controls, guard }) => {
      guard.requireControls('signing a Duo response');
      const identity = await controls?.identity();
      const signedResponse = (await controls?.signDuo(identity?.id ?? '', expired)) ?? '';

      const { response, data } = await api.POST('/mfa/duo-web/verify', {
        body: { userId: identity?.id ?? '', signedResponse },
      });

      await expect(response).toConform({ operationId, status: 200 });
      expect(data?.status).toBe(outcome);
    });
  }

  declareRefusals({
    operationId,
    validBody: {
      userId: '7d3c1b2a9e8f4a6b5c4d3e2f1a0b9c8d',
      signedResponse:
        'AUTH|YWRhfERJWFh8MTg5MzQ1NjAwMA==|0a1b2c3d:APP|YWRhfERJWFh8MTg5MzQ1OTYwMA==|76543210',
    },
    send: (client, body) => client.POST('/mfa/duo-web/verify', raw(body)),
    extra400: [
      {
        id: 'a signed response that is not an AUTH/APP pair',
        send: async (client) =>
          client.POST('/mfa/duo-web/verify', raw('{"userId":"x","signedResponse":"garbage"}')),
      },
    ],
  });
});
