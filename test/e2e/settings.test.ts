/** Settings parsing: URL joining, defaults, and the one-line errors that stop a run (exit 2). */

import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadTargets, normaliseHostUrl, parseSettings } from '../../fixtures/settings.ts';
import { apiBaseUrl, tokenUrl } from '../../src/client/index.ts';

const hostCases = [
  {
    id: 'bare host',
    given: 'https://acme.api.identitynow.com',
    want: 'https://acme.api.identitynow.com',
  },
  {
    id: 'trailing slash',
    given: 'https://acme.api.identitynow.com/',
    want: 'https://acme.api.identitynow.com',
  },
  {
    id: 'pasted /beta',
    given: 'https://acme.api.identitynow.com/beta/',
    want: 'https://acme.api.identitynow.com',
  },
  {
    id: 'pasted /v3',
    given: 'https://acme.api.identitynow.com/v3',
    want: 'https://acme.api.identitynow.com',
  },
  {
    id: 'pasted /beta with spaces',
    given: '  https://acme.example/BETA  ',
    want: 'https://acme.example',
  },
];

const refusedHosts = [
  { id: 'a path prefix', given: 'http://gw.local/isc/', want: 'has the path "/isc/"' },
  { id: 'a pasted operation URL', given: 'https://acme.example/beta/mfa/token/send', want: 'path' },
  { id: 'a version not at the end', given: 'https://acme.example/v3/beta', want: 'path' },
  { id: 'credentials', given: 'https://u:p@acme.example', want: 'must not carry credentials' },
  { id: 'a query', given: 'https://acme.example?tenant=x', want: 'must not have a query' },
];

for (const { id, given, want } of refusedHosts) {
  test(`SAIL_BASE_URL with ${id} is refused, naming the setting`, () => {
    expect(() => normaliseHostUrl(given)).toThrow('SAIL_BASE_URL');
    expect(() => normaliseHostUrl(given)).toThrow(want);
  });
}

for (const { id, given, want } of hostCases) {
  test(`SAIL_BASE_URL ${id}: requests go to /beta and /oauth/token`, () => {
    const host = normaliseHostUrl(given);

    expect(host).toBe(want);
    expect(apiBaseUrl(host)).toBe(`${want}/beta`);
    expect(tokenUrl(host)).toBe(`${want}/oauth/token`);
  });
}

const live = {
  SAIL_BASE_URL: 'https://acme.example',
  SAIL_CLIENT_ID: 'id',
  SAIL_CLIENT_SECRET: 's',
};
const errorCases = [
  {
    id: 'URL without scheme',
    given: { SAIL_BASE_URL: 'acme.example' },
    want: /^SAIL_BASE_URL: .*no scheme/,
  },
  {
    id: 'ftp scheme',
    given: { ...live, SAIL_BASE_URL: 'ftp://acme.example' },
    want: /^SAIL_BASE_URL: scheme/,
  },
  {
    id: 'missing secret',
    given: { ...live, SAIL_CLIENT_SECRET: '' },
    want: /^SAIL_CLIENT_SECRET: missing/,
  },
  {
    id: 'half a user client',
    given: { ...live, SAIL_USER_CLIENT_ID: 'u' },
    want: /^SAIL_USER_CLIENT_SECRET/,
  },
  {
    id: 'client id without host',
    given: { SAIL_CLIENT_ID: 'id' },
    want: /^SAIL_BASE_URL: missing/,
  },
  {
    id: 'flag not on/off',
    given: { HARNESS_ALLOW_FLOOD: 'please' },
    want: /^HARNESS_ALLOW_FLOOD:/,
  },
  {
    id: 'timeout not a number',
    given: { HARNESS_REQUEST_TIMEOUT_MS: '10s' },
    want: /^HARNESS_REQUEST_TIMEOUT_MS:/,
  },
  {
    id: 'send opt-in without identity',
    given: { ...live, HARNESS_ALLOW_SEND: 'on' },
    want: /^HARNESS_TEST_IDENTITY:/,
  },
  {
    id: 'a reports folder that cannot be made (Node would spin on /proc)',
    given: { HARNESS_REPORTS_DIR: '/proc/harness-reports' },
    want: /^HARNESS_REPORTS_DIR: cannot write to \/proc\/harness-reports/,
  },
  {
    id: 'a reports folder that is a file',
    given: { HARNESS_REPORTS_DIR: '/etc/hostname' },
    want: /^HARNESS_REPORTS_DIR: cannot write to \/etc\/hostname \(not a folder\)/,
  },
  {
    id: 'timeout of 0 is out of range, not "not a whole number"',
    given: { HARNESS_REQUEST_TIMEOUT_MS: '0' },
    want: /^HARNESS_REQUEST_TIMEOUT_MS: must be between 1 and 600000, got 0;/,
  },
  {
    id: 'rate max of 0 is out of range',
    given: { HARNESS_MOCK_RATE_MAX: '0' },
    want: /^HARNESS_MOCK_RATE_MAX: must be between 1 and 100000, got 0;/,
  },
  {
    id: 'timeout with a fraction is not a whole number',
    given: { HARNESS_REQUEST_TIMEOUT_MS: '1.5' },
    want: /^HARNESS_REQUEST_TIMEOUT_MS: "1.5" is not a whole number/,
  },
  {
    id: 'mock profile on a tenant',
    given: { ...live, HARNESS_MOCK_PROFILE: 'x' },
    want: /^HARNESS_MOCK_PROFILE:/,
  },
];

for (const { id, given, want } of errorCases) {
  test(`a bad setting is refused with the setting named: ${id}`, () => {
    expect(() => parseSettings(given)).toThrow(want);
  });
}

test('HARNESS_ENV_FILE: a named file must exist; the default .env stays optional', () => {
  const missing = resolve(tmpdir(), 'harness-no-such.env');
  const empty = resolve(tmpdir(), `harness-empty-${process.pid}.env`);
  writeFileSync(empty, '');

  expect(() => loadTargets({ HARNESS_ENV_FILE: missing })).toThrow(
    /^HARNESS_ENV_FILE: .*harness-no-such\.env does not exist;/,
  );
  expect(loadTargets({ HARNESS_ENV_FILE: empty })[0]?.target.kind).toBe('mock');
  expect(loadTargets({ HARNESS_ENV_FILE: '' })[0]?.target.kind).toBe('mock');
});

test('no settings at all: the mock with its documented clients and the issue-6 defaults', () => {
  const settings = parseSettings({});

  expect(settings.target).toEqual({ name: 'mock', kind: 'mock' });
  expect(settings.credentials.admin).toEqual({
    clientId: 'mock-admin',
    clientSecret: 'mock-admin-secret',
  });
  expect(settings).toMatchObject({
    requestTimeoutMs: 10_000,
    strictProfile: true,
    warningsAsFailures: false,
    controls: true,
    allowSend: false,
    allowFlood: false,
  });
});

test('a complete tenant setting is accepted and safe by default', () => {
  const settings = parseSettings({ ...live, SAIL_BASE_URL: 'https://acme.example/beta/' });

  expect(settings.target).toEqual({
    name: 'tenant',
    kind: 'live',
    hostUrl: 'https://acme.example',
  });
  expect(settings).toMatchObject({ controls: false, allowSend: false, allowLockout: false });
});
