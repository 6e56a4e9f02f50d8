/** The project-test reporter that names why tests were skipped. */
import { expect, test } from '@playwright/test';
import SkipReasons from './skip-reasons.ts';

function printed(run: (reporter: SkipReasons) => void): string {
  const reporter = new SkipReasons();
  const lines: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => lines.push(chunk) > 0) as typeof process.stdout.write;
  try {
    run(reporter);
    reporter.onEnd();
  } finally {
    process.stdout.write = write;
  }

  return lines.join('');
}

const result = (status: string, annotations: Array<{ type: string; description?: string }>) =>
  ({ status, annotations }) as never;
const testCase = { annotations: [] } as never;

test('prints each skip reason once, with how many tests it skipped', () => {
  const output = printed((reporter) => {
    reporter.onTestEnd(testCase, result('skipped', [{ type: 'skip', description: 'needs a' }]));
    reporter.onTestEnd(testCase, result('skipped', [{ type: 'skip', description: 'needs a' }]));
    reporter.onTestEnd(testCase, result('skipped', [{ type: 'skip', description: 'needs b' }]));
    reporter.onTestEnd(testCase, result('skipped', [{ type: 'skip' }]));
    reporter.onTestEnd(testCase, result('passed', [{ type: 'skip', description: 'not skipped' }]));
  });

  expect(output).toBe(
    'skipped 2 tests: needs a\nskipped 1 test: needs b\nskipped 1 test: no reason given\n',
  );
});

test('prints nothing when no test was skipped', () => {
  expect(printed((reporter) => reporter.onTestEnd(testCase, result('passed', [])))).toBe('');
});
