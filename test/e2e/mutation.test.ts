/**
 * The harness proves itself: the conformance suites run, through `npm run conformance`'s
 * wrapper, against every deviation profile the mock lists, and each profile must be caught by
 * the check it names. A profile no check catches is a bug in the checks. The conforming mock
 * must pass the same suites clean. The last test prints and attaches the mutation score.
 *
 * Each profile runs only the tests of its operation and status (--grep); when that filtered run
 * misses, the profile is run again over every suite before the test gives up, so a stale filter
 * cannot hide a catch. With one test worker, the next profile's run starts while the current
 * one is checked: at most two wrapper runs at a time. Outcomes are kept on disk for the rest of
 * the test run, so a worker restarted after a failed test does not run them again.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startMockTenant } from '../../src/mock/server.ts';
import type { ReportedFinding } from '../../src/report/results.ts';
import { type ConformanceRun, runConformance } from './harness.ts';

/** A profile as `GET /__mock/profiles` lists it. */
interface ProfileView {
  name: string;
  description: string;
  caughtBy: string;
  operationId?: string;
  status?: number;
}

async function listProfiles(): Promise<ProfileView[]> {
  const mock = await startMockTenant({ controls: true });
  try {
    const response = await fetch(`${mock.url}/__mock/profiles`);
    return (await response.json()) as ProfileView[];
  } finally {
    await mock.close();
  }
}

const profiles = await listProfiles();

/**
 * Profiles whose `status` is not the status of the tests that expose them. `ignored-auth`
 * lists the 200 it serves; the requests it mishandles are the ones that should get 401.
 */
const exposingStatus: Record<string, number> = { 'ignored-auth': 401 };

/**
 * A profile for every operation is tried on this one: each test it makes fail costs the run a
 * worker restart, and one operation is enough to show the check catches it.
 */
const sampleOperation = 'createSendToken';

/** The --grep that selects the tests of a profile's operation and status. */
function grepFor(profile: ProfileView): string {
  const status = exposingStatus[profile.name] ?? profile.status;
  const answers = status === undefined ? '' : `answers ${status}\\b`;

  return `${profile.operationId ?? sampleOperation} .*${answers}`;
}

/** What one profile's wrapper run showed, kept on disk for the rest of this test run. */
interface Outcome {
  profile: string;
  /** The --grep that caught it, or null when only a run of every suite did (or none). */
  grep: string | null;
  code: number | null;
  /** The findings of the check the profile names (on its operation, when it has one). */
  caught: Array<Pick<ReportedFinding, 'check' | 'severity' | 'operation' | 'status' | 'message'>>;
  failedCells: number;
  harnessErrors: string[];
  /** The end of the wrapper's output, for the failure message. */
  output: string;
}

function findingsOf(run: ConformanceRun): ReportedFinding[] {
  return run.results?.cells.flatMap((cell) => cell.findings) ?? [];
}

function outcomeOf(profile: ProfileView, run: ConformanceRun, grep: string | null): Outcome {
  const caught = findingsOf(run).filter(
    (finding) =>
      finding.check === profile.caughtBy &&
      (profile.operationId === undefined || finding.operation === profile.operationId),
  );

  return {
    profile: profile.name,
    grep,
    code: run.code,
    caught: caught.map(({ check, severity, operation, status, message }) => ({
      check,
      severity,
      operation,
      status,
      message,
    })),
    failedCells: run.results?.summary.cells.failed ?? 0,
    harnessErrors:
      run.results?.harnessErrors.map((error) => `${error.code}: ${error.message}`) ?? [],
    output: (run.stdout + run.stderr).slice(-4000),
  };
}

/** Runs without traces: a caught profile fails tests, and their traces are not needed here. */
const runSettings = { HARNESS_TRACE: 'off' };

async function runProfile(profile: ProfileView): Promise<Outcome> {
  const grep = grepFor(profile);
  const settings = { ...runSettings, HARNESS_MOCK_PROFILE: profile.name };
  const filtered = outcomeOf(profile, await runConformance(settings, ['--grep', grep]), grep);
  if (filtered.caught.length > 0) return filtered;

  return outcomeOf(profile, await runConformance(settings), null);
}

/**
 * Outcomes are kept in a folder of this test run (named after the runner's process, the
 * workers' parent), so a worker that restarts after a failed test does not run them again.
 */
const cacheRoot = join(tmpdir(), 'harness-mutation');
const cacheDir = join(cacheRoot, String(process.ppid));
for (const stale of existsSync(cacheRoot) ? readdirSync(cacheRoot) : []) {
  if (stale !== String(process.ppid) && !isAlive(Number(stale))) {
    rmSync(join(cacheRoot, stale), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Runs started by this worker, by profile name (at most two at once: see the file comment). */
const started = new Map<string, Promise<Outcome>>();

function outcomeFor(index: number): Promise<Outcome> | undefined {
  const profile = profiles[index];
  if (!profile) return undefined;
  const file = join(cacheDir, `${profile.name}.json`);
  let pending = started.get(profile.name);
  if (!pending) {
    pending = existsSync(file)
      ? Promise.resolve(JSON.parse(readFileSync(file, 'utf8')) as Outcome)
      : runProfile(profile).then((outcome) => {
          mkdirSync(cacheDir, { recursive: true });
          writeFileSync(file, JSON.stringify(outcome));
          return outcome;
        });
    started.set(profile.name, pending);
  }

  return pending;
}

test.describe.configure({ timeout: 300_000 });

test.afterAll(async () => {
  // A prefetched run still going when the file ends or the worker stops after a failure:
  // let it finish, so its outcome is kept for the next worker.
  test.info().setTimeout(300_000);
  await Promise.allSettled(started.values());
});

test('the mock lists deviation profiles, each naming a check', () => {
  expect(profiles.length).toBeGreaterThan(0);
  for (const profile of profiles) {
    expect(profile.caughtBy, profile.name).toMatch(/^[a-z_]+$/);
  }
});

test('the conforming mock passes every suite clean', async () => {
  outcomeFor(0);
  const run = await runConformance(runSettings);

  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(run.results?.harnessErrors).toEqual([]);
  expect(run.results?.summary.cells.failed).toBe(0);
  expect(findingsOf(run).filter((finding) => finding.severity === 'failure')).toEqual([]);
});

test('a profile whose check is switched off is scored as missed', async () => {
  // The strict profile off silences keys_documented: the deviation goes through unnoticed.
  const profile = profiles.find((candidate) => candidate.name === 'token-auth-undocumented-key');
  test.skip(!profile, 'the mock no longer lists token-auth-undocumented-key');
  if (!profile) return;
  const grep = grepFor(profile);
  const run = await runConformance(
    { ...runSettings, HARNESS_MOCK_PROFILE: profile.name, HARNESS_STRICT_PROFILE: 'off' },
    ['--grep', grep],
  );
  const outcome = outcomeOf(profile, run, grep);

  expect(outcome.code, outcome.output).toBe(0);
  expect(outcome.caught).toEqual([]);
  const score = scoreOf([{ profile, outcome }]);
  expect(score.score).toBe('0/1');
  expect(score.missed).toEqual([profile.name]);
  expect(score.text).toContain('MISSED (meant for keys_documented)');
});

for (const [index, profile] of profiles.entries()) {
  test(`profile ${profile.name} is caught by ${profile.caughtBy}`, async () => {
    const pending = outcomeFor(index);
    outcomeFor(index + 1);
    const outcome = await pending;
    if (!outcome) throw new Error(`no run for ${profile.name}`);
    test.info().annotations.push({
      type: 'mutation',
      description: outcome.grep
        ? `caught by ${profile.caughtBy} with --grep "${outcome.grep}"`
        : `not caught with --grep "${grepFor(profile)}": the outcome is from a run of every suite`,
    });

    expect(outcome.caught, `${profile.description}\n${outcome.output}`).not.toEqual([]);
    expect(outcome.harnessErrors, outcome.output).toEqual([]);
    if (outcome.caught.some((finding) => finding.severity === 'failure')) {
      expect(outcome.code, outcome.output).toBe(1);
    } else {
      // A warning-severity strict check leaves the run passing, unless the deviation also
      // broke what a suite asserts about the answer (a missing status the test reads).
      expect(outcome.code, outcome.output).toBe(outcome.failedCells > 0 ? 1 : 0);
    }
  });
}

/** The score line and one row per profile: the check that caught it, or MISSED. */
function scoreOf(outcomes: Array<{ profile: ProfileView; outcome: Outcome }>) {
  const rows = outcomes.map(({ profile, outcome }) => {
    const severity = outcome.caught.some((f) => f.severity === 'failure') ? 'failure' : 'warning';
    return {
      profile: profile.name,
      verdict:
        outcome.caught.length > 0
          ? `caught by ${profile.caughtBy} (${severity})`
          : `MISSED (meant for ${profile.caughtBy})`,
    };
  });
  const caught = outcomes.filter(({ outcome }) => outcome.caught.length > 0).length;
  const width = Math.max(...rows.map((row) => row.profile.length));
  const table = rows.map((row) => `${row.profile.padEnd(width)}  ${row.verdict}`).join('\n');

  return {
    score: `${caught}/${rows.length}`,
    text: `mutation score: ${caught}/${rows.length} deviation profiles caught\n${table}\n`,
    missed: rows.filter((row) => row.verdict.startsWith('MISSED')).map((row) => row.profile),
  };
}

test('mutation score: every profile is caught by the check it names', async () => {
  const outcomes: Array<{ profile: ProfileView; outcome: Outcome }> = [];
  for (const [index, profile] of profiles.entries()) {
    outcomeFor(index + 1);
    outcomes.push({ profile, outcome: (await outcomeFor(index)) as Outcome });
  }
  const { score, text, missed } = scoreOf(outcomes);

  await test.info().attach('mutation-score.txt', { body: text, contentType: 'text/plain' });
  test.info().annotations.push({ type: 'mutation score', description: score });
  // The score is this file's output, on the runner's stdout.
  process.stdout.write(text);

  expect(missed).toEqual([]);
});
