import type { CheckContext } from '../context.ts';
import { trimText } from '../display.ts';
import type { Finding } from '../findings.ts';
import { getHeader } from '../headers.ts';
import { contractFinding } from './finding.ts';

/**
 * status_documented: the status is listed for the operation (exactly, by its `2XX`-style
 * range, or through `default`). A 3xx is never followed by the harness; an undocumented one is
 * reported with where it pointed.
 */
export function statusDocumented(context: CheckContext): Finding[] {
  if (context.documented) return [];

  const { status, headers } = context.response;
  const listed = Object.keys(context.operation.responses).join(', ') || '(none)';
  const location = getHeader(headers, 'location');
  const isRedirect = status >= 300 && status < 400;
  const received =
    isRedirect && location !== undefined
      ? `${status} to ${trimText(context.redactor.maskUrl(location))}`
      : String(status);

  return [
    contractFinding(context, 'status_documented', {
      location: 'status',
      expected: `one of ${listed}`,
      received,
      message: isRedirect
        ? `a ${status} redirect is not documented for ${context.operation.operationId} (not followed)`
        : `status ${status} is not documented for ${context.operation.operationId}`,
    }),
  ];
}
