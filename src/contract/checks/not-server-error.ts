import type { CheckContext } from '../context.ts';
import type { Finding } from '../findings.ts';
import { contractFinding } from './finding.ts';

/**
 * not_server_error: a 5xx means the tenant broke, documented or not, unless the test
 * provoked it on purpose (`options.provokedServerError`).
 */
export function notServerError(context: CheckContext): Finding[] {
  const { status } = context.response;
  if (status < 500 || status > 599 || context.options.provokedServerError) return [];

  return [
    contractFinding(context, 'not_server_error', {
      location: 'status',
      expected: 'a status below 500',
      received: String(status),
      message: `the server failed with ${status} on a request the test did not mean to break`,
    }),
  ];
}
