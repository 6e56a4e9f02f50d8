/**
 * `.env.example` and the README's settings table list every setting `npm run conformance` reads.
 * The names are not typed by hand here: they are recorded while the settings code parses a few
 * typical environments, plus the ones the config and the wrapper read from `process.env`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { parseSettings } from '../../fixtures/settings.ts';

const root = resolve(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(resolve(root, file), 'utf8');

/** Environments that walk the settings code's branches: the mock, one tenant, several. */
const environments: Record<string, string>[] = [
  {},
  {
    SAIL_BASE_URL: 'https://acme.example',
    SAIL_CLIENT_ID: 'id',
    SAIL_CLIENT_SECRET: 'secret',
    HARNESS_ALLOW_SEND: 'on',
    HARNESS_TEST_IDENTITY: 'someone',
  },
  {
    HARNESS_TENANTS: 'acme',
    HARNESS_INCLUDE_MOCK: 'on',
    SAIL_BASE_URL__ACME: 'https://acme.example',
    SAIL_CLIENT_ID__ACME: 'id',
    SAIL_CLIENT_SECRET__ACME: 'secret',
  },
];

/** Every name the settings code asks `env` for, with a per-tenant `__NAME` suffix removed. */
function recordNamesRead(): Set<string> {
  const names = new Set<string>();
  for (const given of environments) {
    const env = new Proxy(given, {
      get(target, key) {
        if (typeof key === 'string') names.add(key.replace(/__[A-Z0-9_]+$/, ''));
        return target[key as string];
      },
    });
    parseSettings(env);
  }

  return names;
}

/** Names the config and the wrapper read straight from process.env. */
function scanProcessEnvNames(): string[] {
  const sources = read('playwright.config.ts') + read('src/cli/conformance.ts');

  return [...sources.matchAll(/process\.env\.((?:SAIL|HARNESS)_[A-Z0-9_]+)/g)].map(
    (match) => match[1] as string,
  );
}

const settings = [...new Set([...recordNamesRead(), ...scanProcessEnvNames()])].sort();

test('the settings code reads the SAIL_* credentials and the mock client overrides', () => {
  // Guards the recording itself: were it to see nothing, the listing tests below would pass empty.
  expect(settings).toEqual(
    expect.arrayContaining([
      'SAIL_BASE_URL',
      'SAIL_CLIENT_SECRET',
      'SAIL_USER_CLIENT_ID',
      'HARNESS_REQUEST_TIMEOUT_MS',
      'HARNESS_ENV_FILE',
      'MOCK_ADMIN_CLIENT_SECRET',
    ]),
  );
});

for (const file of ['.env.example', 'README.md']) {
  test(`${file} names every setting npm run conformance reads`, () => {
    const text = read(file);

    const missing = settings.filter((name) => !new RegExp(`\\b${name}\\b`).test(text));

    expect(missing, `settings read by the harness but absent from ${file}`).toEqual([]);
  });
}

test('.env.example gives each setting it lists a comment line above it', () => {
  const lines = read('.env.example').split('\n');

  const bare = lines.flatMap((line, index) => {
    const setting = /^# ?([A-Z][A-Z0-9_]+)=/.exec(line)?.[1];
    if (!setting) return [];
    const above = lines[index - 1] ?? '';
    const isExplained = above.startsWith('#') && !/^# ?[A-Z][A-Z0-9_]+=/.test(above);
    const isGroup = /__[A-Z]/.test(setting) || /^# ?[A-Z][A-Z0-9_]+=/.test(above);

    return isExplained || isGroup ? [] : [setting];
  });

  expect(bare, 'settings with no explaining comment').toEqual([]);
});
