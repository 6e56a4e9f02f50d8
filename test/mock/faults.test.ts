import { expect, test } from '@playwright/test';
import type { TestMock } from './helpers.ts';
import { isFullErrorResponse, startTestMock, validateResponse } from './helpers.ts';

let mock: TestMock;
let alias: string;
test.beforeAll(async () => {
  mock = await startTestMock();
  alias = (await mock.identity(0)).alias;
});
test.afterAll(async () => mock.close());
test.beforeEach(async () => mock.reset());

const send = () =>
  mock.call('/beta/mfa/token/send', { body: { userAlias: alias, deliveryType: 'SMS_WORK' } });

test.describe('faults armed through POST /__mock/faults', () => {
  test('server_error answers 500 ErrorResponseDto, for count requests only', async () => {
    const armed = await mock.control('POST', '/faults', {
      operationId: 'createSendToken',
      kind: 'server_error',
      count: 2,
    });

    const statuses = [(await send()).status, (await send()).status, (await send()).status];

    expect(armed.status).toBe(201);
    expect(armed.json).toEqual({
      operationId: 'createSendToken',
      kind: 'server_error',
      count: 2,
      delayMs: 1000,
    });
    expect(statuses).toEqual([500, 500, 200]);
  });

  test('server_error body conforms to the 500 schema', async () => {
    await mock.control('POST', '/faults', { operationId: 'createSendToken', kind: 'server_error' });

    const response = await send();

    expect(isFullErrorResponse(response.json)).toBe(true);
    expect(await validateResponse('createSendToken', 500, response.json)).toEqual([]);
  });

  test('rate_limit answers 429 with Retry-After', async () => {
    await mock.control('POST', '/faults', { operationId: 'createSendToken', kind: 'rate_limit' });

    const response = await send();

    expect(response.status).toBe(429);
    expect(response.json).toEqual({ message: 'Rate Limit Exceeded' });
    expect(response.headers['retry-after']).toBe('10');
  });

  test('latency delays the response, then serves it normally', async () => {
    await mock.control('POST', '/faults', {
      operationId: 'createSendToken',
      kind: 'latency',
      delayMs: 300,
    });

    const started = Date.now();
    const response = await send();
    const elapsed = Date.now() - started;

    expect(response.status).toBe(200);
    expect(elapsed).toBeGreaterThanOrEqual(290);
  });

  test('latency longer than the client waits lets the client time out (issue 6)', async () => {
    await mock.control('POST', '/faults', {
      operationId: 'createSendToken',
      kind: 'latency',
      delayMs: 5000,
      count: 3,
    });
    const token = await mock.token('admin');

    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      outcomes.push(
        await fetch(`${mock.url}/beta/mfa/token/send`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ userAlias: alias, deliveryType: 'SMS_WORK' }),
          signal: AbortSignal.timeout(100),
        }).then(
          () => 'answered',
          (error: Error) => error.name,
        ),
      );
    }

    expect(outcomes).toEqual(['TimeoutError', 'TimeoutError', 'TimeoutError']);
  });

  test('reset drops the connection without an answer', async () => {
    await mock.control('POST', '/faults', { operationId: 'createSendToken', kind: 'reset' });

    const failure = await send().then(
      () => undefined,
      (error: Error & { cause?: { code?: string } }) => error.cause?.code ?? error.message,
    );

    expect(failure).toMatch(/ECONNRESET|UND_ERR_SOCKET|other side closed/);
    expect((await send()).status).toBe(200);
  });

  test('gateway_html answers 502 with an HTML page', async () => {
    await mock.control('POST', '/faults', { operationId: 'createSendToken', kind: 'gateway_html' });

    const response = await send();

    expect(response.status).toBe(502);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toMatch(/^<html>/);
    expect(response.json).toBeUndefined();
  });

  test('a fault hits only its operation; * hits every operation', async () => {
    await mock.control('POST', '/faults', { operationId: 'sendKbaAnswers', kind: 'server_error' });
    expect((await send()).status).toBe(200);
    expect((await mock.call('/beta/mfa/kba/authenticate', { body: [] })).status).toBe(500);

    await mock.control('POST', '/faults', { operationId: '*', kind: 'server_error', count: 2 });
    expect((await mock.call('/v3/mfa/kba/authenticate', { body: [] })).status).toBe(500);
    expect((await send()).status).toBe(500);
  });

  test('faults act before authentication, as a gateway would', async () => {
    await mock.control('POST', '/faults', { operationId: 'createSendToken', kind: 'server_error' });

    const response = await mock.call('/beta/mfa/token/send', { body: {}, token: null });

    expect(response.status).toBe(500);
  });

  test('GET /faults lists what is armed and DELETE /faults disarms it all', async () => {
    await mock.control('POST', '/faults', {
      operationId: 'createSendToken',
      kind: 'server_error',
      count: 3,
    });
    await send();
    const listed = (await mock.control('GET', '/faults')).json;

    const deleted = await mock.control('DELETE', '/faults');

    expect(listed).toEqual([
      { operationId: 'createSendToken', kind: 'server_error', count: 2, delayMs: 1000 },
    ]);
    expect(deleted.status).toBe(204);
    expect((await send()).status).toBe(200);
  });

  test('closing the mock drops a request held by a delay, without a 500 or an error log', async () => {
    const logged: string[] = [];
    const slow = await startTestMock({
      logLevel: 'error',
      logStream: { write: (line) => logged.push(line) },
    });
    const token = await slow.token('admin');
    await slow.control('POST', '/faults', { operationId: '*', kind: 'latency', delayMs: 60_000 });
    const pending = fetch(`${slow.url}/beta/mfa/kba/authenticate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '[]',
    }).then(
      (response) => `answered ${response.status}`,
      () => 'connection closed',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));

    const started = Date.now();
    await slow.close();
    const outcome = await pending;

    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome).toBe('connection closed');
    expect(logged).toEqual([]);
  });
});
