import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { IdentityView, TestMock } from './helpers.ts';
import { startTestMock, validateResponse } from './helpers.ts';

let mock: TestMock;
let admin: IdentityView;
test.beforeAll(async () => {
  mock = await startTestMock();
  admin = await mock.identity(0);
});
test.afterAll(async () => mock.close());
test.beforeEach(async () => mock.reset());

interface OutboxEntry {
  requestId: string;
  alias: string;
  deliveryType: string;
  channel: string;
  address: string;
  code: string;
  sentAt: string;
  expiresAt: string;
}

async function send(alias: string, deliveryType: string, version = 'beta') {
  return mock.call(`/${version}/mfa/token/send`, { body: { userAlias: alias, deliveryType } });
}

async function lastCode(alias: string, deliveryType: string): Promise<OutboxEntry> {
  const outbox = (await mock.control('GET', `/outbox?alias=${alias}&deliveryType=${deliveryType}`))
    .json as OutboxEntry[];
  const entry = outbox.at(-1);
  if (!entry) throw new Error('nothing in the outbox');
  return entry;
}

async function authenticate(alias: string, deliveryType: string, token: string) {
  return mock.call('/beta/mfa/token/authenticate', {
    body: { userAlias: alias, deliveryType, token },
  });
}

test.describe('one-time codes: send and authenticate', () => {
  const channels = [
    { deliveryType: 'SMS_WORK', channel: 'SMS', attribute: 'workPhone' },
    { deliveryType: 'VOICE_PERSONAL', channel: 'VOICE', attribute: 'personalPhone' },
    { deliveryType: 'EMAIL_WORK', channel: 'EMAIL', attribute: 'workEmail' },
    { deliveryType: 'EMAIL_PERSONAL', channel: 'EMAIL', attribute: 'personalEmail' },
  ] as const;
  for (const { deliveryType, channel, attribute } of channels) {
    test(`send with ${deliveryType} delivers a code by ${channel} to the ${attribute}`, async () => {
      const response = await send(admin.alias, deliveryType);
      const entry = await lastCode(admin.alias, deliveryType);

      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ status: 'SUCCESS', errorMessage: null });
      expect(await validateResponse('createSendToken', 200, response.json)).toEqual([]);
      expect(entry).toMatchObject({
        requestId: (response.json as { requestId: string }).requestId,
        channel,
        address: admin[attribute],
      });
      expect(entry.code).toMatch(/^\d{6}$/);
      expect(Date.parse(entry.expiresAt) - Date.parse(entry.sentAt)).toBe(300_000);
    });
  }

  test('send answers FAILED with an errorMessage for a channel the identity lacks', async () => {
    const noPersonalPhone = (await mock.identities()).find(
      (identity) => identity.personalPhone === null,
    );
    if (!noPersonalPhone)
      throw new Error('the seed should hold an identity without a personal phone');

    const response = await send(noPersonalPhone.alias, 'SMS_PERSONAL');

    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      status: 'FAILED',
      errorMessage: expect.stringMatching(/personal phone/),
    });
    expect((await mock.control('GET', `/outbox?alias=${noPersonalPhone.alias}`)).json).toEqual([]);
  });

  test('authenticate accepts the delivered code once, then FAILED', async () => {
    await send(admin.alias, 'SMS_WORK');
    const { code } = await lastCode(admin.alias, 'SMS_WORK');

    const first = await authenticate(admin.alias, 'SMS_WORK', code);
    const again = await authenticate(admin.alias, 'SMS_WORK', code);

    expect(first.json).toEqual({ status: 'SUCCESS' });
    expect(await validateResponse('sendTokenAuthRequest', 200, first.json)).toEqual([]);
    expect(again.json).toEqual({ status: 'FAILED' });
  });

  test('a code only works for the delivery type it was sent on', async () => {
    await send(admin.alias, 'SMS_WORK');
    const { code } = await lastCode(admin.alias, 'SMS_WORK');

    const response = await authenticate(admin.alias, 'EMAIL_WORK', code);

    expect(response.json).toEqual({ status: 'FAILED' });
  });

  test('a new send replaces the earlier code', async () => {
    await send(admin.alias, 'SMS_WORK');
    const older = await lastCode(admin.alias, 'SMS_WORK');
    await send(admin.alias, 'SMS_WORK');
    const newer = await lastCode(admin.alias, 'SMS_WORK');
    test.skip(older.code === newer.code, 'the two random codes happened to be equal');

    expect((await authenticate(admin.alias, 'SMS_WORK', older.code)).json).toEqual({
      status: 'FAILED',
    });
    expect((await authenticate(admin.alias, 'SMS_WORK', newer.code)).json).toEqual({
      status: 'SUCCESS',
    });
  });

  test('four wrong codes are FAILED, the fifth is LOCKOUT, and then even the right code is LOCKOUT', async () => {
    await send(admin.alias, 'SMS_WORK');
    const { code } = await lastCode(admin.alias, 'SMS_WORK');
    const wrong = code === '000000' ? '111111' : '000000';

    const statuses: unknown[] = [];
    for (let attempt = 0; attempt < 5; attempt += 1) {
      statuses.push(
        ((await authenticate(admin.alias, 'SMS_WORK', wrong)).json as { status: string }).status,
      );
    }
    const afterwards = await authenticate(admin.alias, 'SMS_WORK', code);

    expect(statuses).toEqual(['FAILED', 'FAILED', 'FAILED', 'FAILED', 'LOCKOUT']);
    expect(afterwards.json).toEqual({ status: 'LOCKOUT' });
  });

  test('a reset lifts a lockout', async () => {
    for (let attempt = 0; attempt < 5; attempt += 1)
      await authenticate(admin.alias, 'SMS_WORK', 'nope');
    await mock.reset();
    await send(admin.alias, 'SMS_WORK');
    const { code } = await lastCode(admin.alias, 'SMS_WORK');

    expect((await authenticate(admin.alias, 'SMS_WORK', code)).json).toEqual({ status: 'SUCCESS' });
  });

  test('poll with method token follows a send from PENDING to SUCCESS', async () => {
    const sent = await send(admin.alias, 'EMAIL_WORK');
    const requestId = (sent.json as { requestId: string }).requestId;

    const pending = await mock.call('/beta/mfa/token/poll', { body: { requestId } });
    await authenticate(admin.alias, 'EMAIL_WORK', (await lastCode(admin.alias, 'EMAIL_WORK')).code);
    const done = await mock.call('/beta/mfa/token/poll', { body: { requestId } });

    expect(pending.json).toEqual({ requestId, status: 'PENDING', error: null });
    expect(done.json).toEqual({ requestId, status: 'SUCCESS', error: null });
    expect(await validateResponse('pingVerificationStatus', 200, done.json)).toEqual([]);
  });

  test('the same flow works under /v3', async () => {
    await send(admin.alias, 'SMS_WORK', 'v3');
    const { code } = await lastCode(admin.alias, 'SMS_WORK');

    const response = await mock.call('/v3/mfa/token/authenticate', {
      body: { userAlias: admin.alias, deliveryType: 'SMS_WORK', token: code },
    });

    expect(response.json).toEqual({ status: 'SUCCESS' });
  });
});

test.describe('one-time codes and pushes: expiry', () => {
  let quick: TestMock;
  test.beforeAll(async () => {
    quick = await startTestMock({ codeTtlMs: 50, pushTtlMs: 50 });
  });
  test.afterAll(async () => quick.close());

  test('an expired code is FAILED', async () => {
    const identity = await quick.identity(0);
    await quick.call('/beta/mfa/token/send', {
      body: { userAlias: identity.alias, deliveryType: 'SMS_WORK' },
    });
    const outbox = (await quick.control('GET', '/outbox')).json as OutboxEntry[];
    await new Promise((resolve) => setTimeout(resolve, 100));

    const response = await quick.call('/beta/mfa/token/authenticate', {
      body: { userAlias: identity.alias, deliveryType: 'SMS_WORK', token: outbox[0]?.code },
    });

    expect(response.json).toEqual({ status: 'FAILED' });
  });

  test('an unanswered push expires to FAILED', async () => {
    const identity = await quick.identity(0);
    const started = await quick.call('/beta/mfa/okta-verify/verify', {
      body: { userId: identity.oktaUserId },
      headers: { 'slpt-forwarding': '203.0.113.7' },
    });
    const requestId = (started.json as { requestId: string }).requestId;
    await new Promise((resolve) => setTimeout(resolve, 100));

    const polled = await quick.call('/beta/mfa/okta-verify/poll', { body: { requestId } });
    const pushes = (await quick.control('GET', '/pushes')).json;

    expect(polled.json).toMatchObject({
      status: 'FAILED',
      error: expect.stringMatching(/expired/),
    });
    expect(pushes).toEqual([{ requestId, userId: identity.oktaUserId, state: 'EXPIRED' }]);
  });
});

test.describe('Okta Verify pushes', () => {
  async function startPush(userId: string) {
    const response = await mock.call('/beta/mfa/okta-verify/verify', {
      body: { userId },
      headers: { 'slpt-forwarding': '2001:db8::1' },
    });
    return { response, requestId: (response.json as { requestId: string }).requestId };
  }

  test('verify starts a PENDING push that the pushes control lists', async () => {
    const { response, requestId } = await startPush(admin.oktaUserId);

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ requestId, status: 'PENDING', error: null });
    expect(await validateResponse('sendOktaVerifyRequest', 200, response.json)).toEqual([]);
    expect((await mock.control('GET', '/pushes')).json).toEqual([
      { requestId, userId: admin.oktaUserId, state: 'PENDING' },
    ]);
  });

  const answers = [
    {
      id: 'approved',
      action: 'approve',
      want: { status: 'SUCCESS', error: null },
      state: 'APPROVED',
    },
    {
      id: 'denied',
      action: 'deny',
      want: { status: 'FAILED', error: 'The push was denied' },
      state: 'DENIED',
    },
  ];
  for (const { id, action, want, state } of answers) {
    test(`poll reports PENDING, then the ${id} outcome`, async () => {
      const { requestId } = await startPush(admin.oktaUserId.toUpperCase());

      const before = await mock.call('/beta/mfa/okta-verify/poll', { body: { requestId } });
      const answered = await mock.control('POST', `/pushes/${requestId}/${action}`);
      const after = await mock.call('/beta/mfa/okta-verify/poll', { body: { requestId } });

      expect(before.json).toMatchObject({ status: 'PENDING' });
      expect(answered.status).toBe(204);
      expect(after.json).toEqual({ requestId, ...want });
      expect(await validateResponse('pingVerificationStatus', 200, after.json)).toEqual([]);
      expect((await mock.control('GET', '/pushes')).json).toMatchObject([{ state }]);
    });
  }

  test('an Okta userId no identity maps to is a 400', async () => {
    const { response } = await startPush('nobody@acme.example');

    expect(response.status).toBe(400);
  });

  test('a push request id cannot be polled under another method', async () => {
    const { requestId } = await startPush(admin.oktaUserId);

    const response = await mock.call('/beta/mfa/duo-web/poll', { body: { requestId } });

    expect(response.status).toBe(400);
  });
});

test.describe('Duo Web signed responses', () => {
  async function sign(userId: string, expired?: boolean): Promise<string> {
    const response = await mock.control('POST', '/duo/sign', {
      userId,
      ...(expired === undefined ? {} : { expired }),
    });
    return (response.json as { signedResponse: string }).signedResponse;
  }

  async function verify(userId: string, signedResponse: string) {
    return mock.call('/beta/mfa/duo-web/verify', { body: { userId, signedResponse } });
  }

  test('a response signed by the mock is SUCCESS, and poll reports the same', async () => {
    const signed = await sign(admin.id);

    const response = await verify(admin.id, signed);
    const requestId = (response.json as { requestId: string }).requestId;
    const polled = await mock.call('/beta/mfa/duo-web/poll', { body: { requestId } });

    expect(signed).toMatch(
      /^AUTH\|[A-Za-z0-9+/=]+\|[0-9a-f]{40}:APP\|[A-Za-z0-9+/=]+\|[0-9a-f]{40}$/,
    );
    expect(response.json).toEqual({ requestId, status: 'SUCCESS', error: null });
    expect(await validateResponse('sendDuoVerifyRequest', 200, response.json)).toEqual([]);
    expect(polled.json).toEqual({ requestId, status: 'SUCCESS', error: null });
  });

  const failures: { id: string; given: () => Promise<string>; want: RegExp }[] = [
    { id: 'an expired response', given: () => sign(admin.id, true), want: /expired/ },
    {
      id: 'a tampered AUTH signature',
      given: async () =>
        (await sign(admin.id)).replace(
          /\|([0-9a-f])([0-9a-f]{39}):/,
          (_m, first: string, rest: string) => `|${first === 'a' ? 'b' : 'a'}${rest}:`,
        ),
      want: /Duo signature is invalid/,
    },
    {
      id: 'a response for another user',
      given: async () => sign((await mock.identity(1)).id),
      want: /another user/,
    },
  ];
  for (const { id, given, want } of failures) {
    test(`${id} is a 200 with status FAILED and the reason`, async () => {
      const response = await verify(admin.id, await given());

      expect(response.status).toBe(200);
      expect(response.json).toMatchObject({ status: 'FAILED', error: expect.stringMatching(want) });
    });
  }

  const shapes = [
    '',
    'AUTH|abc|def',
    'APP|x|y:AUTH|x|y',
    'garbage:more:parts',
    'AUTH|!!!|0000:APP|!!!|0000',
  ];
  for (const shape of shapes) {
    test(`a signedResponse that is not an AUTH:APP pair (${JSON.stringify(shape)}) is a 400`, async () => {
      const response = await verify(admin.id, shape);

      expect(response.status).toBe(400);
    });
  }

  test('an unknown userId is a 400', async () => {
    const response = await verify('0'.repeat(32), await sign(admin.id));

    expect(response.status).toBe(400);
  });
});

test.describe('knowledge-based answers', () => {
  const answersOf = (
    identity: IdentityView,
    change: (answer: string, index: number) => string = (answer) => answer,
  ) =>
    identity.kba.map((question, index) => ({
      id: question.id,
      answer: change(question.answer, index),
    }));
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  const cases: {
    id: string;
    given: (identity: IdentityView) => { id: string; answer: string }[];
    want: { status: string; verified: (boolean | null)[] };
  }[] = [
    {
      id: 'every answer right in plaintext',
      given: (identity) => answersOf(identity),
      want: { status: 'SUCCESS', verified: [true, true, true] },
    },
    {
      id: 'answers with other case and spacing',
      given: (identity) =>
        answersOf(identity, (answer) => `  ${answer.toUpperCase().replace(' ', '   ')} `),
      want: { status: 'SUCCESS', verified: [true, true, true] },
    },
    {
      id: 'answers given as SHA-256 hex of the normalised answer',
      given: (identity) => answersOf(identity, (answer) => sha256(answer.toLowerCase())),
      want: { status: 'SUCCESS', verified: [true, true, true] },
    },
    {
      id: 'one wrong answer',
      given: (identity) =>
        answersOf(identity, (answer, index) => (index === 1 ? `${answer}x` : answer)),
      want: { status: 'FAILED', verified: [true, false, true] },
    },
    {
      id: 'two right answers of three',
      given: (identity) => answersOf(identity).slice(0, 2),
      want: { status: 'NOT_ENOUGH_DATA', verified: [true, true] },
    },
    { id: 'no answers at all', given: () => [], want: { status: 'NOT_ENOUGH_DATA', verified: [] } },
    {
      id: 'an unknown question id',
      given: () => [{ id: 'q-unknown', answer: 'x' }],
      want: { status: 'FAILED', verified: [false] },
    },
  ];
  for (const { id, given, want } of cases) {
    test(`kba answers ${want.status} for ${id}`, async () => {
      const response = await mock.call('/beta/mfa/kba/authenticate', { body: given(admin) });
      const body = response.json as {
        status: string;
        kbaAuthResponseItems: { isVerified: boolean | null }[];
      };

      expect(response.status).toBe(200);
      expect(body.status).toBe(want.status);
      expect(body.kbaAuthResponseItems.map((item) => item.isVerified)).toEqual(want.verified);
      expect(await validateResponse('sendKbaAnswers', 200, response.json)).toEqual([]);
    });
  }

  test('checks the answers of the identity behind the token (the user client is identity 1)', async () => {
    const user = await mock.identity(1);

    const own = await mock.call('/beta/mfa/kba/authenticate', {
      role: 'user',
      body: answersOf(user),
    });
    const others = await mock.call('/beta/mfa/kba/authenticate', {
      role: 'user',
      body: answersOf(admin),
    });

    expect(own.json).toMatchObject({ status: 'SUCCESS' });
    expect(others.json).toMatchObject({ status: expect.stringMatching(/FAILED|NOT_ENOUGH_DATA/) });
  });

  test('the third failed attempt is LOCKOUT and locks the right answers out too', async () => {
    const wrong = answersOf(admin, (answer) => `${answer}!`);

    const statuses: string[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push(
        (
          (await mock.call('/beta/mfa/kba/authenticate', { body: wrong })).json as {
            status: string;
          }
        ).status,
      );
    }
    const right = await mock.call('/beta/mfa/kba/authenticate', { body: answersOf(admin) });

    expect(statuses).toEqual(['FAILED', 'FAILED', 'LOCKOUT']);
    expect(right.json).toMatchObject({
      status: 'LOCKOUT',
      kbaAuthResponseItems: [{ isVerified: null }, { isVerified: null }, { isVerified: null }],
    });
    expect(await validateResponse('sendKbaAnswers', 200, right.json)).toEqual([]);
  });
});

test.describe('poll for methods without a verify operation', () => {
  for (const method of ['kba', 'rsa']) {
    test(`poll ${method} answers 400 for any request id`, async () => {
      const response = await mock.call(`/beta/mfa/${method}/poll`, {
        body: { requestId: 'a'.repeat(32) },
      });

      expect(response.status).toBe(400);
    });
  }
});
