/**
 * The global setup's checks of the mock control routes and of each role's credentials: a bad
 * setting stops the run before any test with one line naming it (exit 2).
 */
import { expect, test } from '@playwright/test';
import { runConformance, startMock, tenantSettings } from './harness.ts';

test.describe.configure({ timeout: 120_000 });

test('preflight: an unknown mock profile, missing control routes and refused secrets stop the run (exit 2)', async () => {
  const plain = await startMock([]);
  const withControls = await startMock(['--controls']);
  try {
    const cases = [
      {
        id: 'unknown profile on the embedded mock',
        given: { HARNESS_MOCK_PROFILE: 'nope' },
        want: /^conformance: HARNESS_MOCK_PROFILE: "nope" is not a profile of this mock; known: [a-z-]+, /,
      },
      {
        id: 'unknown profile on a standalone mock with controls',
        given: {
          ...tenantSettings(withControls.url),
          HARNESS_MOCK_CONTROLS: 'on',
          HARNESS_MOCK_PROFILE: 'nope',
        },
        want: /^conformance: HARNESS_MOCK_PROFILE: "nope" is not a profile/,
      },
      {
        id: 'controls on, mock started without --controls',
        given: { ...tenantSettings(plain.url), HARNESS_MOCK_CONTROLS: 'on' },
        want: /^conformance: HARNESS_MOCK_CONTROLS: .*answered 404.*start the mock with --controls, or set HARNESS_MOCK_CONTROLS=off$/,
      },
      {
        id: 'refused user secret',
        given: { ...tenantSettings(plain.url), SAIL_USER_CLIENT_SECRET: 'wrong' },
        want: /SAIL_USER_CLIENT_ID\/SAIL_USER_CLIENT_SECRET: the tenant refused .*plain user/,
      },
      {
        id: 'refused app secret',
        given: { ...tenantSettings(plain.url), SAIL_APP_CLIENT_SECRET: 'wrong' },
        want: /SAIL_APP_CLIENT_ID\/SAIL_APP_CLIENT_SECRET: the tenant refused .*API client/,
      },
    ];
    for (const { id, given, want } of cases) {
      const run = await runConformance(given);
      const lines = run.stderr.trim().split('\n');

      expect(run.code, `${id}: ${run.stderr}`).toBe(2);
      expect(lines, id).toHaveLength(1);
      expect(lines[0], id).toMatch(want);
      expect(run.results, id).toBeUndefined();
    }

    // Proven the other way: a known profile passes the preflight and one test runs.
    const known = await runConformance(
      {
        ...tenantSettings(withControls.url),
        HARNESS_MOCK_CONTROLS: 'on',
        HARNESS_MOCK_PROFILE: 'poll-status-null',
      },
      ['-g', 'delivers the code on the chosen channel'],
    );
    expect(known.code, known.stderr).toBe(0);
    expect(known.results).toBeDefined();
  } finally {
    await plain.stop();
    await withControls.stop();
  }
});
