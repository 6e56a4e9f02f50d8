/** createSendToken (POST /beta/mfa/token/send): sending a one-time code. */
import { cell, expect, test } from '../fixtures/index.ts';
import { declareRefusals, raw } from '../fixtures/refusals.ts';

const operationId = 'createSendToken';

test.describe(`${operationId} POST /beta/mfa/token/send`, () => {
  test('answers 200 SUCCESS and delivers the code on the chosen channel', {
    annotation: cell(operationId, 200),
  }, async ({ api, controls, guard, settings }) => {
    guard.requireOptIn('send');
    const identity = await controls?.identity((candidate) => candidate.deliveryTypes.length > 0);
    const userAlias = identity?.alias ?? settings.testIdentity ?? '';
    const deliveryType = identity?.deliveryTypes[0] ?? 'EMAIL_WORK';

    const { response, data } = await api.POST('/mfa/token/send', {
      body: { userAlias, deliveryType: deliveryType as 'EMAIL_WORK' },
    });

    await expect(response).toConform({ operationId, status: 200 });
    expect(data?.status).toBe('SUCCESS');
    if (controls) {
      const delivered = await controls.outbox(userAlias, deliveryType);
      expect(delivered.map((message) => message.requestId)).toContain(data?.requestId);
    }
  });

  test('answers 200 FAILED with a reason when the identity has no address on that channel', {
    annotation: cell(operationId, 200),
  }, async ({ api, controls, guard }) => {
    guard.requireControls('finding an identity without a channel');
    const all = [
      'SMS_PERSONAL',
      'VOICE_PERSONAL',
      'SMS_WORK',
      'VOICE_WORK',
      'EMAIL_WORK',
      'EMAIL_PERSONAL',
    ];
    const identity = await controls?.identity(
      (candidate) => candidate.deliveryTypes.length < all.length,
    );
    const missing = all.find((type) => !identity?.deliveryTypes.includes(type)) ?? 'SMS_WORK';

    const { response, data } = await api.POST('/mfa/token/send', {
      body: { userAlias: identity?.alias ?? '', deliveryType: missing as 'SMS_WORK' },
    });

    await expect(response).toConform({ operationId, status: 200 });
    expect(data?.status).toBe('FAILED');
    expect(data?.errorMessage).toBeTruthy();
  });

  declareRefusals({
    operationId,
    validBody: { userAlias: 'ada.lovelace', deliveryType: 'SMS_WORK' },
    send: (client, body) => client.POST('/mfa/token/send', raw(body)),
  });
});
