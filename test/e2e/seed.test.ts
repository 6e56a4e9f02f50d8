/**
 * HARNESS_SEED is printed when a run fails and replays it: the failure output, the HTML
 * report's `seed` annotation and results.json name the seed, a run given that seed generates
 * the same test data, and another seed different data. Data comes from two places: the embedded
 * mock's identity directory (seeded with the run's seed) and the harness' own generator (wrong
 * codes and KBA answers), which only a standalone mock behind a recording proxy can show, since
 * every report masks them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { unzipSync } from 'fflate';
import { type ConformanceRun, runConformance, startMock, tenantSettings } from './harness.ts';
import { startRecordingProxy } from './recording-proxy.ts';

test.describe.configure({ timeout: 240_000 });

/** Both token checks fail under the profile; the wrong-KBA test passes but sends made-up answers. */
const grep = 'sendTokenAuthRequest .*answers 200|sendKbaAnswers .*answers 200 FAILED';
const failing = {
  HARNESS_MOCK_PROFILE: 'token-auth-status-outside-enum',
};

interface HtmlTest {
  title: string;
  outcome: string;
  annotations: Array<{ type: string; description?: string }>;
  /** Request bodies of the attached exchanges, in order. */
  requestBodies: string[];
}

/** The tests of the HTML report, read from the data embedded in its index.html. */
function htmlTests(reportsDir: string): HtmlTest[] {
  const page = readFileSync(join(reportsDir, 'html/index.html'), 'latin1');
  const data = /data:application\/zip;base64,([A-Za-z0-9+/=]+)/.exec(page)?.[1] ?? '';
  const entries = Object.entries(unzipSync(Buffer.from(data, 'base64')));
  expect(entries.length).toBeGreaterThan(1);

  return entries
    .filter(([name]) => name !== 'report.json')
    .flatMap(([, bytes]) => {
      const file = JSON.parse(Buffer.from(bytes).toString('utf8')) as {
        tests: Array<{
          title: string;
          outcome: string;
          annotations: HtmlTest['annotations'];
          results: Array<{ attachments: Array<{ name: string; body?: string }> }>;
        }>;
      };
      return file.tests.map((each) => ({
        title: each.title,
        outcome: each.outcome,
        annotations: each.annotations,
        requestBodies: (each.results.at(-1)?.attachments ?? [])
          .filter((attachment) => attachment.name.startsWith('exchange '))
          .map((attachment) => {
            const exchange = JSON.parse(attachment.body ?? '{}') as { request?: { body?: string } };
            return exchange.request?.body ?? '';
          }),
      }));
    })
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** Checks that a failed run names its seed everywhere README promises, and returns it. */
function printedSeed(run: ConformanceRun, seed: number): string {
  expect(run.code, run.stdout + run.stderr).toBe(1);
  const printed = [...run.stdout.matchAll(/Replay the test data with HARNESS_SEED=(\d+)\./g)];
  // One line per failed test: the two token checks.
  expect(printed.map((match) => match[1])).toEqual([String(seed), String(seed)]);
  expect(run.results?.run.seed).toBe(seed);
  for (const record of htmlTests(run.reportsDir)) {
    const notes = record.annotations.filter((note) => note.type === 'seed');
    if (record.outcome === 'expected') {
      expect(notes, record.title).toEqual([]);
    } else {
      expect(notes, record.title).toEqual([
        { type: 'seed', description: `${seed} (replay with HARNESS_SEED=${seed})` },
      ]);
    }
  }

  return printed[0]?.[1] ?? '';
}

/** A seed no other run uses, so the replay cannot match by default. */
function freshSeed(): number {
  return 100_000 + Math.floor(Math.random() * 1_000_000);
}

test('the embedded mock: a failed run prints its seed, which replays the same identities', async () => {
  const seed = freshSeed();
  const first = await runConformance({ ...failing, HARNESS_SEED: String(seed) }, ['--grep', grep]);
  const printed = printedSeed(first, seed);

  const replay = await runConformance({ ...failing, HARNESS_SEED: printed }, ['--grep', grep]);
  const other = await runConformance({ ...failing, HARNESS_SEED: String(seed + 1) }, [
    '--grep',
    grep,
  ]);

  printedSeed(replay, seed);
  printedSeed(other, seed + 1);
  const bodies = (run: ConformanceRun) => htmlTests(run.reportsDir).map((t) => t.requestBodies);
  expect(bodies(first).flat().length).toBeGreaterThanOrEqual(3);
  expect(bodies(first).flat().join('\n')).toContain('"userAlias"');
  expect(bodies(replay)).toEqual(bodies(first));
  expect(bodies(other)).not.toEqual(bodies(first));
  // The same failures, word for word apart from the mock's port.
  const reasons = (run: ConformanceRun) =>
    run.results?.tests.map((t) => t.reason?.replace(/127\.0\.0\.1:\d+/g, 'mock')) ?? [];
  expect(reasons(replay)).toEqual(reasons(first));
});

test("a standalone mock: the seed replays the harness' own made-up codes and answers", async () => {
  const mock = await startMock(['--controls', '--seed', '7']);
  const proxy = await startRecordingProxy(mock.url);
  try {
    const settings = { ...tenantSettings(proxy.url), HARNESS_MOCK_CONTROLS: 'on', ...failing };
    /** The raw bodies of one run's token checks and KBA answers, as the mock received them. */
    const sent = async (seed: string) => {
      const from = proxy.exchanges.length;
      const run = await runConformance({ ...settings, HARNESS_SEED: seed }, ['--grep', grep]);
      const bodies = proxy.exchanges
        .slice(from)
        .filter((exchange) => /\/beta\/mfa\/(token|kba)\/authenticate$/.test(exchange.url))
        .map((exchange) => exchange.requestBody);

      return { run, bodies };
    };
    const seed = freshSeed();

    const first = await sent(String(seed));
    const printed = printedSeed(first.run, seed);
    const replay = await sent(printed);
    const other = await sent(String(seed + 1));

    printedSeed(other.run, seed + 1);
    // The wrong code (a made-up one, not the delivered one) and the made-up KBA answers.
    const delivered = proxy.exchanges
      .filter((exchange) => exchange.url.startsWith('/__mock/outbox'))
      .flatMap((exchange) => JSON.parse(exchange.responseBody) as Array<{ code: string }>)
      .map((message) => message.code);
    expect(delivered.length).toBeGreaterThanOrEqual(3);
    const made = (bodies: string[]) =>
      bodies
        .map((body) => JSON.parse(body) as { token?: string })
        .filter((body) => body.token === undefined || !delivered.includes(body.token));
    expect(made(first.bodies)).toHaveLength(2);
    expect(made(first.bodies)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ token: expect.stringMatching(/^\d{6}$/) }),
        expect.arrayContaining([expect.objectContaining({ answer: expect.any(String) })]),
      ]),
    );
    expect(made(replay.bodies)).toEqual(made(first.bodies));
    expect(made(other.bodies)).not.toEqual(made(first.bodies));
  } finally {
    await proxy.close();
    await mock.stop();
  }
});
