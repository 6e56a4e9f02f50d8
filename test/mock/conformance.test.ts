import { expect, test } from '@playwright/test';
import type { Contract } from '../../src/contract/contract.ts';
import { loadContract } from '../../src/contract/contract.ts';
import type { TestMock } from './helpers.ts';
import {
  operationPaths,
  startTestMock,
  validateErrorResponse,
  validateResponse,
} from './helpers.ts';
import { documentedStatuses, observe, provoke } from './provoke.ts';

let mock: TestMock;
let contract: Contract;
test.beforeAll(async () => {
  mock = await startTestMock();
  contract = await loadContract();
});
test.afterAll(async () => mock.close());
test.beforeEach(async () => mock.reset());

test.describe('the conforming mock passes every contract and strict check', () => {
  for (const version of ['beta', 'v3']) {
    for (const operationId of Object.keys(operationPaths)) {
      for (const status of documentedStatuses) {
        test(`${operationId} ${status} on /${version} conforms`, async () => {
          const exchange = await provoke(mock, operationId, status, version);

          const findings = contract.check(observe(exchange), {
            operationId,
            expectedStatus: status,
            provokedServerError: status === 500,
          });

          expect(exchange.status).toBe(status);
          expect(findings).toEqual([]);
          expect(await validateResponse(operationId, status, exchange.json)).toEqual([]);
          expect(exchange.headers['content-type']).toMatch(/^application\/json/);
          expect(Number(exchange.headers['content-length'])).toBe(Buffer.byteLength(exchange.text));
        });
      }
    }
  }

  test('a 404 body is an ErrorResponseDto with JSON type and length', async () => {
    const exchange = await mock.call('/beta/mfa/nothing/here', { body: {} });

    expect(exchange.status).toBe(404);
    expect(await validateErrorResponse(exchange.json)).toEqual([]);
    expect(Number(exchange.headers['content-length'])).toBe(Buffer.byteLength(exchange.text));
  });
});
