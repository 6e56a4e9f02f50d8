import type { CheckContext } from '../context.ts';
import { trimText } from '../display.ts';
import type { Finding } from '../findings.ts';
import { getHeader } from '../headers.ts';
import { strictFinding } from './finding.ts';

const day = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const longDay = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const month = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const time = '\\d{2}:\\d{2}:\\d{2}';
const imfFixdate = new RegExp(`^${day}, \\d{2} ${month} \\d{4} ${time} GMT$`);
const rfc850Date = new RegExp(`^${longDay}, \\d{2}-${month}-\\d{2} ${time} GMT$`);
const asctimeDate = new RegExp(`^${day} ${month} (?: \\d|\\d{2}) ${time} \\d{4}$`);

/**
 * True for a `Retry-After` value RFC 9110 §10.2.3 allows: delta-seconds (digits only) or an
 * HTTP-date (IMF-fixdate, or the obsolete RFC 850 and asctime forms recipients must accept).
 */
export function isRetryAfterValue(value: string): boolean {
  const text = value.trim();
  if (/^\d+$/.test(text)) return true;
  // A real calendar date: "Mon, 31 Feb ..." has the shape but not the day.
  if (imfFixdate.test(text)) return new Date(text).toUTCString() === text;

  return (rfc850Date.test(text) || asctimeDate.test(text)) && !Number.isNaN(Date.parse(text));
}

/**
 * retry_after_valid (strict): a 429 carries `Retry-After` as delta-seconds or an HTTP-date.
 * SailPoint documents the header in prose only (DEFECTS.md 1). Header names in any case.
 */
export function retryAfterValid(context: CheckContext): Finding[] {
  const rule = context.profile?.rules.get('retry_after_valid');
  const statuses = rule?.statuses ?? [429];
  if (!rule || !statuses.includes(context.response.status)) return [];

  const value = getHeader(context.response.headers, 'retry-after');
  if (value !== undefined && isRetryAfterValue(value)) return [];

  return [
    strictFinding(context, rule, {
      location: 'header:retry-after',
      expected: 'delta-seconds or an HTTP-date',
      received: value === undefined ? '(absent)' : trimText(value),
      message:
        value === undefined
          ? `a ${context.response.status} without Retry-After leaves the client no way to back off`
          : `Retry-After "${trimText(value, 60)}" is neither delta-seconds nor an HTTP-date`,
    }),
  ];
}
