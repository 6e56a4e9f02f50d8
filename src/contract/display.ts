/** Turning received values into short, printable, masked text for findings and layouts. */
import type { Redactor } from './redact.ts';

/** How many characters of a received value a finding keeps. */
export const RECEIVED_LIMIT = 200;

/**
 * Makes text printable and short: control characters (binary bodies) become `\u` escapes (four hex digits),
 * and anything past `limit` characters is cut with a note of how much was dropped.
 */
export function trimText(text: string, limit = RECEIVED_LIMIT): string {
  const printable = text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: binary bodies are made printable here
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (printable.length <= limit) return printable;

  return `${printable.slice(0, limit)}… (${printable.length - limit} more characters)`;
}

/** A JSON value as compact, masked, trimmed text; `(absent)` for undefined. */
export function describeValue(value: unknown, redactor: Redactor, limit = RECEIVED_LIMIT): string {
  if (value === undefined) return '(absent)';

  return trimText(JSON.stringify(redactor.maskJson(value)) ?? String(value), limit);
}

/** A raw body as masked, trimmed text; `(empty body)` when there is nothing. */
export function describeBody(
  body: string,
  redactor: Redactor,
  contentType?: string,
  limit = RECEIVED_LIMIT,
): string {
  if (body.length === 0) return '(empty body)';

  return trimText(redactor.maskBody(body, contentType), limit);
}
