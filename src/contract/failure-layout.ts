/**
 * The one text layout for failures, used by every output (test attachments, matcher messages,
 * reports): operation and checks; each finding's expected against received and location; the
 * status and a trimmed body; then a replayable `curl` command. Everything passes through the
 * redactor, so no secret reaches the text.
 */
import { trimText } from './display.ts';
import type { Finding, ObservedResponse, RecordedRequest } from './findings.ts';
import { getHeader } from './headers.ts';
import type { Redactor } from './redact.ts';
import { defaultRedactor } from './redact.ts';

/** What one failed exchange shows. */
export interface FailureReport {
  /** The operationId; defaults to the first finding's operation. */
  operationId?: string;
  findings: Finding[];
  response: ObservedResponse;
  /** The request as sent; without it the replay line says so. */
  request?: RecordedRequest;
}

/** How the layout trims and masks. */
export interface LayoutOptions {
  redactor?: Redactor;
  /** Characters of the response body kept (default 1000). */
  bodyLimit?: number;
}

/** Headers curl sets by itself or that would break a replay. */
const skippedHeaders = new Set(['content-length', 'host', 'connection', 'transfer-encoding']);

/** Quotes a value for a POSIX shell: single quotes, embedded ones closed and escaped. */
export function quoteShell(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** A `curl` command that sends the request again, with every secret masked. */
export function formatCurl(request: RecordedRequest, redactor: Redactor = defaultRedactor): string {
  const lines = [
    `curl -sS -X ${request.method.toUpperCase()} ${quoteShell(redactor.maskUrl(request.url))}`,
  ];
  for (const [name, value] of Object.entries(redactor.maskHeaders(request.headers))) {
    if (skippedHeaders.has(name.toLowerCase())) continue;
    lines.push(`-H ${quoteShell(`${name}: ${value}`)}`);
  }
  if (request.body !== undefined && request.body !== '') {
    const contentType = getHeader(request.headers, 'content-type');
    lines.push(`--data-raw ${quoteShell(redactor.maskBody(request.body, contentType))}`);
  }

  return lines.join(' \\\n  ');
}

function formatFinding(finding: Finding, index: number, redactor: Redactor): string {
  const tags = finding.profile === 'strict' ? `${finding.severity}, strict` : finding.severity;

  return [
    `${index + 1}. ${finding.check} [${tags}] at ${finding.location}`,
    `   expected: ${redactor.maskText(finding.expected)}`,
    `   received: ${redactor.maskText(finding.received)}`,
    `   ${redactor.maskText(finding.message)}`,
  ].join('\n');
}

/** Lays out one failed exchange as text, in the fixed order described above. */
export function formatFailure(report: FailureReport, options: LayoutOptions = {}): string {
  const redactor = options.redactor ?? defaultRedactor;
  const { findings, response, request } = report;
  const operation = report.operationId ?? findings[0]?.operation ?? '(unknown operation)';
  const checks = [...new Set(findings.map((finding) => finding.check))].join(', ');
  const count = findings.length === 1 ? '1 finding' : `${findings.length} findings`;

  const contentType = getHeader(response.headers, 'content-type');
  const timing =
    response.durationMs === undefined ? '' : ` in ${Math.round(response.durationMs)} ms`;
  const body =
    response.body.length === 0
      ? '(empty body)'
      : trimText(redactor.maskBody(response.body, contentType), options.bodyLimit ?? 1000);

  return [
    `${operation}: ${checks || 'no findings'} (${count})`,
    '',
    ...findings.map((finding, index) => formatFinding(finding, index, redactor)),
    '',
    `Response: ${response.status} ${contentType ?? '(no content-type)'}${timing}`,
    body,
    '',
    'Replay:',
    request ? formatCurl(request, redactor) : '(request not recorded)',
  ].join('\n');
}
