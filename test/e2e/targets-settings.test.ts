/**
 * Several targets in one run: HARNESS_TENANTS with per-tenant variables, HARNESS_INCLUDE_MOCK,
 * and the one-line refusals (exit 2) when the list or a tenant's variables are wrong.
 */
import { expect, test } from '@playwright/test';
import { parseSettings, parseTargets } from '../../fixtures/settings.ts';

const acme = {
  SAIL_BASE_URL__ACME: 'https://acme.api.identitynow.com/beta',
  SAIL_CLIENT_ID__ACME: 'acme-id',
  SAIL_CLIENT_SECRET__ACME: 'acme-secret',
};
const sandbox = {
  SAIL_BASE_URL__ACME_SANDBOX: 'https://acme-sb.api.identitynow.com',
  SAIL_CLIENT_ID__ACME_SANDBOX: 'sb-id',
  SAIL_CLIENT_SECRET__ACME_SANDBOX: 'sb-secret',
};
const two = { HARNESS_TENANTS: 'acme, acme-sandbox', ...acme, ...sandbox };

const targetCases = [
  { id: 'nothing set: the embedded mock alone', given: {}, want: ['mock'] },
  {
    id: 'SAIL_BASE_URL alone: one tenant, as before',
    given: { SAIL_BASE_URL: 'https://x.example', SAIL_CLIENT_ID: 'i', SAIL_CLIENT_SECRET: 's' },
    want: ['tenant'],
  },
  {
    id: 'SAIL_BASE_URL and HARNESS_INCLUDE_MOCK: the mock first, then the tenant',
    given: {
      SAIL_BASE_URL: 'https://x.example',
      SAIL_CLIENT_ID: 'i',
      SAIL_CLIENT_SECRET: 's',
      HARNESS_INCLUDE_MOCK: 'on',
    },
    want: ['mock', 'tenant'],
  },
  { id: 'HARNESS_TENANTS: each tenant in list order', given: two, want: ['acme', 'acme-sandbox'] },
  {
    id: 'HARNESS_TENANTS and HARNESS_INCLUDE_MOCK',
    given: { ...two, HARNESS_INCLUDE_MOCK: 'on' },
    want: ['mock', 'acme', 'acme-sandbox'],
  },
  {
    id: 'HARNESS_INCLUDE_MOCK without tenants',
    given: { HARNESS_INCLUDE_MOCK: 'on' },
    want: ['mock'],
  },
];

for (const { id, given, want } of targetCases) {
  test(`targets: ${id}`, () => {
    expect(parseTargets(given).map((settings) => settings.target.name)).toEqual(want);
  });
}

test('each tenant reads its own host, credentials and suffix, never another tenant’s', () => {
  const [first, second] = parseTargets({
    ...two,
    SAIL_USER_CLIENT_ID__ACME: 'acme-user',
    SAIL_USER_CLIENT_SECRET__ACME: 'acme-user-secret',
  });

  expect(first).toMatchObject({
    target: { name: 'acme', kind: 'live', hostUrl: 'https://acme.api.identitynow.com' },
    settingSuffix: '__ACME',
    credentials: {
      admin: { clientId: 'acme-id', clientSecret: 'acme-secret' },
      user: { clientId: 'acme-user', clientSecret: 'acme-user-secret' },
    },
  });
  expect(second?.settingSuffix).toBe('__ACME_SANDBOX');
  expect(second?.credentials).toEqual({ admin: { clientId: 'sb-id', clientSecret: 'sb-secret' } });
});

test('opt-ins and the test identity are shared unless a tenant sets its own', () => {
  const [first, second] = parseTargets({
    ...two,
    HARNESS_TEST_IDENTITY: 'shared.alias',
    HARNESS_ALLOW_SEND: 'on',
    HARNESS_ALLOW_SEND__ACME_SANDBOX: 'off',
    HARNESS_TEST_IDENTITY__ACME: 'acme.alias',
  });

  expect(first).toMatchObject({ testIdentity: 'acme.alias', allowSend: true });
  expect(second).toMatchObject({ testIdentity: 'shared.alias', allowSend: false });
});

test('mock controls and profiles belong to one target: the embedded mock’s stay its own', () => {
  const [mock, acmeTarget] = parseTargets({
    ...two,
    HARNESS_INCLUDE_MOCK: 'on',
    HARNESS_MOCK_PROFILE: 'rate-limit-no-retry-after',
    HARNESS_MOCK_CONTROLS__ACME: 'on',
    HARNESS_MOCK_PROFILE__ACME: 'unauthorized-error-object',
  });

  expect(mock).toMatchObject({ controls: true, mockProfile: 'rate-limit-no-retry-after' });
  expect(acmeTarget).toMatchObject({ controls: true, mockProfile: 'unauthorized-error-object' });
});

test('parseSettings still answers for the first target', () => {
  expect(parseSettings(two).target.name).toBe('acme');
});

const errorCases = [
  {
    id: 'a tenant without its host',
    given: { ...two, SAIL_BASE_URL__ACME_SANDBOX: '' },
    want: /^SAIL_BASE_URL__ACME_SANDBOX: missing \(acme-sandbox is listed in HARNESS_TENANTS\)/,
  },
  {
    id: 'a tenant without its admin client',
    given: { ...two, SAIL_CLIENT_ID__ACME: '', SAIL_CLIENT_SECRET__ACME: '' },
    want: /^SAIL_CLIENT_ID__ACME: missing \(SAIL_BASE_URL__ACME is set\)/,
  },
  {
    id: 'half a user client of one tenant',
    given: { ...two, SAIL_USER_CLIENT_ID__ACME_SANDBOX: 'u' },
    want: /^SAIL_USER_CLIENT_SECRET__ACME_SANDBOX: missing/,
  },
  {
    id: 'a bad host of one tenant',
    given: { ...two, SAIL_BASE_URL__ACME: 'acme.example' },
    want: /^SAIL_BASE_URL__ACME: .*no scheme/,
  },
  {
    id: 'an upper-case or odd tenant name',
    given: { HARNESS_TENANTS: 'Acme' },
    want: /^HARNESS_TENANTS: "Acme" is not a tenant name/,
  },
  {
    id: 'an empty name between commas',
    given: { HARNESS_TENANTS: 'acme,,beta' },
    want: /^HARNESS_TENANTS: "" is not a tenant name/,
  },
  {
    id: 'a tenant listed twice',
    given: { ...two, HARNESS_TENANTS: 'acme,acme' },
    want: /^HARNESS_TENANTS: "acme" is listed twice/,
  },
  {
    id: 'the reserved name mock',
    given: { HARNESS_TENANTS: 'mock' },
    want: /^HARNESS_TENANTS: "mock" is the embedded mock; set HARNESS_INCLUDE_MOCK=on/,
  },
  {
    id: 'the single-tenant host next to the list',
    given: { ...two, SAIL_BASE_URL: 'https://x.example' },
    want: /^SAIL_BASE_URL: set together with HARNESS_TENANTS/,
  },
  {
    id: 'a profile on a tenant without controls',
    given: { ...two, HARNESS_MOCK_PROFILE__ACME: 'x' },
    want: /^HARNESS_MOCK_PROFILE__ACME: needs the mock control routes.*HARNESS_MOCK_CONTROLS__ACME=on/,
  },
  {
    id: 'a send opt-in of one tenant without an identity',
    given: { ...two, HARNESS_ALLOW_SEND__ACME: 'on' },
    want: /^HARNESS_TEST_IDENTITY: missing while HARNESS_ALLOW_SEND__ACME is on/,
  },
  {
    id: 'HARNESS_INCLUDE_MOCK not on or off',
    given: { ...two, HARNESS_INCLUDE_MOCK: 'both' },
    want: /^HARNESS_INCLUDE_MOCK: "both" is not on or off/,
  },
];

for (const { id, given, want } of errorCases) {
  test(`a bad tenant setting is refused in one line naming it: ${id}`, () => {
    expect(() => parseTargets(given)).toThrow(want);
    try {
      parseTargets(given);
    } catch (error) {
      expect((error as Error).message).not.toContain('\n');
      expect((error as Error).message).not.toMatch(/acme-secret|sb-secret/);
    }
  });
}
