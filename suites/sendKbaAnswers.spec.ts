/** sendKbaAnswers (POST /beta/mfa/kba/authenticate): answering knowledge-based questions. */
import { cell, expect, test } from '../fixtures/index.ts';
import { declareRefusals, raw } from '../fixtures/refusals.ts';

const operationId = 'sendKbaAnswers';

test.describe(`${operationId} POST /beta/mfa/kba/authenticate`, () => {
  test('answers 200 SUCCESS when every question is answered right', {
    annotation: cell(operationId, 200),
  }, async ({ api, controls, guard }) => {
    guard.requireControls('knowing the right answers');
    // The answers are the caller's own: the admin token's user is the first identity.
    const [caller] = (await controls?.identities()) ?? [];
    const answers = (caller?.kba ?? []).map(({ id, answer }) => ({ id, answer }));

    const { response, data } = await api.POST('/mfa/kba/authenticate', { body: answers });

    await expect(response).toConform({ operationId, status: 200 });
    expect(data?.status).toBe('SUCCESS');
    expect(data?.kbaAuthResponseItems?.every((item) => item.isVerified)).toBe(true);
  });

  test('answers 200 FAILED when an answer is wrong', {
    annotation: cell(operationId, 200),
  }, async ({ api, controls, guard, data: faker }) => {
    guard.requireControls('knowing the question ids');
    guard.requireOptIn('lockout');
    const [caller] = (await controls?.identities()) ?? [];
    const answers = (caller?.kba ?? []).map(({ id }) => ({ id, answer: faker.lorem.word() }));

    const { response, data } = await api.POST('/mfa/kba/authenticate', { body: answers });

    await expect(response).toConform({ operationId, status: 200 });
    expect(data?.status).toBe('FAILED');
  });

  declareRefusals({
    operationId,
    validBody: [
      { id: 'q-first-pet', answer: 'Biscuit' },
      { id: 'q-birth-city', answer: 'Lisbon' },
    ],
    send: (client, body) => client.POST('/mfa/kba/authenticate', raw(body)),
  });
});
