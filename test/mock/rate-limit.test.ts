import { expect, test } from '@playwright/test';
import { startMockTenant } from '../../src/mock/server.ts';
import { startTestMock, TestMock, validateResponse } from './helpers.ts';

let mock: TestMock;
test.beforeAll(async () => {
  mock = await startTestMock();
});
test.afterAll(async () => mock.close());
test.beforeEach(async () => {
  await mock.reset();
  await mock.control('PUT', '/rate-limit', { max: 2, windowMs: 5000 });
});

const poll = (version: string, role: 'admin' | 'user' = 'admin') =>
  mock.call(`/${version}/mfa/kba/poll`, { role, body: { requestId: 'x' } });

test.describe('rate limiting per client id and API version', () => {
  test('the request past the budget is 429 with the spec body and Retry-After in seconds', async () => {
    await poll('beta');
    await poll('beta');

    const response = await poll('beta');

    expect(response.status).toBe(429);
    expect(response.json).toEqual({ message: 'Rate Limit Exceeded' });
    expect(response.headers['retry-after']).toMatch(/^[1-5]$/);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(await validateResponse('pingVerificationStatus', 429, response.json)).toEqual([]);
  });

  test('counts each API version apart', async () => {
    await poll('beta');
    await poll('beta');

    expect((await poll('beta')).status).toBe(429);
    expect((await poll('v3')).status).toBe(400);
  });

  test('counts each client apart', async () => {
    await poll('beta');
    await poll('beta');

    expect((await poll('beta')).status).toBe(429);
    expect((await poll('beta', 'user')).status).toBe(403);
  });

  test('counts refused (403) calls too, since the limit sits before authorisation', async () => {
    await poll('beta', 'user');
    await poll('beta', 'user');

    expect((await poll('beta', 'user')).status).toBe(429);
  });

  test('does not count requests without a valid token (they stop at 401)', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      expect((await mock.call('/beta/mfa/kba/poll', { token: null, body: {} })).status).toBe(401);
    }

    expect((await poll('beta')).status).toBe(400);
  });

  test('counts every operation against one budget', async () => {
    await poll('beta');
    await mock.call('/beta/mfa/token/send', { body: {} });

    expect((await mock.call('/beta/mfa/duo-web/verify', { body: {} })).status).toBe(429);
  });

  test('a new window restores the budget', async () => {
    await mock.control('PUT', '/rate-limit', { max: 1, windowMs: 300 });
    await poll('beta');
    expect((await poll('beta')).status).toBe(429);

    await new Promise((resolve) => setTimeout(resolve, 350));

    expect((await poll('beta')).status).toBe(400);
  });

  test('a reset clears the counters and restores the start-up budget', async () => {
    await poll('beta');
    await poll('beta');

    await mock.reset();
    const statuses = [];
    for (let attempt = 0; attempt < 5; attempt += 1) statuses.push((await poll('beta')).status);

    expect(statuses).toEqual([400, 400, 400, 400, 400]);
  });
});

test.describe('the documented default budget', () => {
  test('is 100 requests per 10 seconds', async () => {
    const fresh = new TestMock(await startMockTenant({ controls: true }));
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 101; attempt += 1) {
        statuses.push(
          (await fresh.call('/beta/mfa/kba/poll', { body: { requestId: 'x' } })).status,
        );
      }

      expect(statuses.filter((status) => status === 400)).toHaveLength(100);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await fresh.close();
    }
  });
});
