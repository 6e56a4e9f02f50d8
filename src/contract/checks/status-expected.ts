import type { CheckContext } from '../context.ts';
import type { Finding } from '../findings.ts';
import { contractFinding } from './finding.ts';

/** status_expected: the test provoked one status (`options.expectedStatus`) and got another. */
export function statusExpected(context: CheckContext): Finding[] {
  const expected = context.options.expectedStatus;
  const { status } = context.response;
  if (expected === undefined || expected === status) return [];

  return [
    contractFinding(context, 'status_expected', {
      location: 'status',
      expected: String(expected),
      received: String(status),
      message: `the test provoked ${expected} but the response is ${status}`,
    }),
  ];
}
