/** sendTokenAuthRequest (POST /beta/mfa/token/authenticate): checking a one-time code. */
import { cell, expect, test } from '../fixtures/index.ts';
import { declareRefusals, raw } from '../fixtures/refusals.ts';

const operationId = 'sendTokenAuthRequest';

test.describe(`${operationId} POST /beta/mfa/token/authenticate`, () => {
  test('answers 200 SUCCESS to the code the send delivered', {
    annotation: cell(operationId, 200),
  }, async ({ api, controls, guard }) => {
    guard.requireControls('reading the delivered code');
    const identity = await controls?.identity((candidate) => candidate.deliveryTypes.length > 0);
    const userAlias = identity?.alias ?? '';
    const deliveryType = (identity?.deliveryTypes[0] ?? 'EMAIL_WORK') as 'EMAIL_WORK';
    const sent = await api.POST('/mfa/token/send', { body: { userAlias, deliveryType } });
    await expect(sent.response).toConform({ operationId: 'createSendToken', status: 200 });
    const [message] = (await controls?.outbox(userAlias, deliveryType)) ?? [];

    const { response, data } = await api.POST('/mfa/token/authenticate', {
      body: { token: message?.code ?? '', userAlias, deliveryType },
    });

    await expect(response).toConform({ operationId, status: 200 });
    expect(data?.status).toBe('SUCCESS');
  });

  test('answers 200 FAILED to a wrong code', { annotation: cell(operationId, 200) }, async ({
    api,
    controls,
    guard,
    settings,
    data: faker,
  }) => {
    guard.requireOptIn('lockout');
    const identity = await controls?.identity((candidate) => candidate.deliveryTypes.length > 0);
    const userAlias = identity?.alias ?? settings.testIdentity ?? '';
    const deliveryType = (identity?.deliveryTypes[0] ?? 'EMAIL_WORK') as 'EMAIL_WORK';

    const { response, data } = await api.POST('/mfa/token/authenticate', {
      body: { token: faker.string.numeric(6), userAlias, deliveryType },
    });

    await expect(response).toConform({ operationId, status: 200 });
    expect(data?.status).toBe('FAILED');
  });

  declareRefusals({
    operationId,
    validBody: { token: '480913', userAlias: 'ada.lovelace', deliveryType: 'SMS_WORK' },
    send: (client, body) => client.POST('/mfa/token/authenticate', raw(body)),
  });
});
