/**
 * A reporter for the project's own tests: after the run, one line per distinct reason a test
 * was skipped, with how many tests it skipped, since the list and dot reporters show a skipped
 * test without its reason (for example the tests that read ../shared, absent in a user's clone).
 */
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export default class SkipReasons implements Reporter {
  readonly #reasons = new Map<string, number>();

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const notes = [...result.annotations, ...test.annotations].filter(
      (note) => note.type === 'skip' || note.type === 'fixme',
    );
    const reason = notes.find((note) => note.description)?.description ?? 'no reason given';
    this.#reasons.set(reason, (this.#reasons.get(reason) ?? 0) + 1);
  }

  onEnd(): void {
    for (const [reason, count] of this.#reasons) {
      process.stdout.write(`skipped ${count} test${count === 1 ? '' : 's'}: ${reason}\n`);
    }
  }
}
