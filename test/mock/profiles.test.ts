import { expect, test } from '@playwright/test';
import type { Contract } from '../../src/contract/contract.ts';
import { loadContract } from '../../src/contract/contract.ts';
import type { TestMock } from './helpers.ts';
import { startTestMock } from './helpers.ts';
import { observe, provoke } from './provoke.ts';

interface ProfileListing {
  name: string;
  description: string;
  caughtBy: string;
  operationId?: string;
  status?: number;
}

let mock: TestMock;
let contract: Contract;
let listing: ProfileListing[];
test.beforeAll(async () => {
  mock = await startTestMock();
  contract = await loadContract();
  listing = (await mock.control('GET', '/profiles')).json as ProfileListing[];
});
test.afterAll(async () => mock.close());
test.beforeEach(async () => mock.reset());

/**
 * How to provoke the response each profile alters: the operation, the status the request
 * would get from a conforming tenant (the status the test expects), and whether a token goes.
 */
const targets: Record<string, { operationId: string; status: number; noToken?: boolean }> = {
  'send-request-id-number': { operationId: 'createSendToken', status: 200 },
  'token-auth-status-outside-enum': { operationId: 'sendTokenAuthRequest', status: 200 },
  'poll-status-null': { operationId: 'pingVerificationStatus', status: 200 },
  'duo-missing-content-type': { operationId: 'sendDuoVerifyRequest', status: 200 },
  'okta-text-plain': { operationId: 'sendOktaVerifyRequest', status: 200 },
  'kba-empty-200': { operationId: 'sendKbaAnswers', status: 200 },
  'send-truncated-json': { operationId: 'createSendToken', status: 200 },
  'token-auth-undocumented-202': { operationId: 'sendTokenAuthRequest', status: 200 },
  'okta-redirect-302': { operationId: 'sendOktaVerifyRequest', status: 200 },
  'rate-limit-no-retry-after': { operationId: 'sendKbaAnswers', status: 429 },
  'rate-limit-bad-retry-after': { operationId: 'pingVerificationStatus', status: 429 },
  'unauthorized-error-object': { operationId: 'sendDuoVerifyRequest', status: 401 },
  'bad-request-other-shape': { operationId: 'createSendToken', status: 400 },
  'forbidden-locale-origin-extended': { operationId: 'sendOktaVerifyRequest', status: 403 },
  'send-unprovoked-500': { operationId: 'createSendToken', status: 200 },
  'ignored-auth': { operationId: 'sendKbaAnswers', status: 401 },
  'token-auth-undocumented-key': { operationId: 'sendTokenAuthRequest', status: 200 },
  'send-missing-status': { operationId: 'createSendToken', status: 200 },
};

test.describe('deviation profiles', () => {
  test('the listing has at least twelve profiles, every one with a provocation here', async () => {
    expect(listing.length).toBeGreaterThanOrEqual(12);
    expect(listing.map((profile) => profile.name).sort()).toEqual(Object.keys(targets).sort());
  });

  for (const [name, target] of Object.entries(targets)) {
    test(`${name} is caught by its named check, and the same request without it conforms`, async () => {
      const profile = listing.find((candidate) => candidate.name === name);
      const options = { operationId: target.operationId, expectedStatus: target.status };

      const plain = await provoke(mock, target.operationId, target.status);
      expect((await mock.control('PUT', '/profile', { name })).status).toBe(204);
      const deviant = await provoke(mock, target.operationId, target.status);
      const plainChecks = contract.check(observe(plain), options).map((finding) => finding.check);
      const deviantChecks = contract
        .check(observe(deviant), options)
        .map((finding) => finding.check);

      expect(plainChecks).toEqual([]);
      expect(deviantChecks).toContain(profile?.caughtBy);
      if (profile?.operationId) expect(profile.operationId).toBe(target.operationId);
      if (profile?.status)
        expect(profile.status).toBe(name === 'ignored-auth' ? 200 : target.status);
    });
  }

  test('a profile for one operation leaves the others conforming', async () => {
    await mock.control('PUT', '/profile', { name: 'send-request-id-number' });

    const other = await provoke(mock, 'sendTokenAuthRequest', 200);

    expect(
      contract.check(observe(other), { operationId: 'sendTokenAuthRequest', expectedStatus: 200 }),
    ).toEqual([]);
  });

  test('a profile for one status leaves other statuses of the operation conforming', async () => {
    await mock.control('PUT', '/profile', { name: 'bad-request-other-shape' });

    const ok = await provoke(mock, 'createSendToken', 200);

    expect(
      contract.check(observe(ok), { operationId: 'createSendToken', expectedStatus: 200 }),
    ).toEqual([]);
  });

  test('PUT /profile with null switches back to conforming', async () => {
    await mock.control('PUT', '/profile', { name: 'send-unprovoked-500' });
    await mock.control('PUT', '/profile', { name: null });

    const response = await provoke(mock, 'createSendToken', 200);

    expect(response.status).toBe(200);
  });
});
