/**
 * Errors the harness raises about itself (never about the API under test: those are findings).
 * Each has a stable `code` that the README lists.
 */

/** The harness was called wrongly: a bad option, spec or setting. Exit code 2. */
export class HarnessUsageError extends Error {
  readonly code = 'HARNESS_USAGE';

  constructor(message: string) {
    super(message);
    this.name = 'HarnessUsageError';
  }
}

/** The harness broke while checking (a bug, not a finding). Exit code 3. */
export class HarnessInternalError extends Error {
  readonly code = 'HARNESS_INTERNAL';

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'HarnessInternalError';
  }
}
