/**
 * Reading what the fixtures attach to each test. The fixtures write exchange attachments
 * (fixtures/conform.ts, `ExchangeAttachment`); this folder may not import fixtures, so the shape
 * is restated here and checked loosely: a malformed attachment is a harness error, not a finding.
 */
import type { CheckName, Finding } from '../contract/findings.ts';

/** Attachment names the fixtures give exchanges start with this. */
export const exchangeAttachmentPrefix = 'exchange ';

/** The annotation type that declares a cell, `operationId status`. */
export const cellAnnotation = 'cell';

/** The annotation type that marks a cell not provokable on this target. */
export const notProvokableAnnotation = 'not-provokable';

/** The parts of an exchange attachment the reporter uses. */
export interface AttachedExchange {
  operationId: string;
  expectedStatus: number | null;
  observedStatus: number | null;
  durationMs: number | null;
  findings: Finding[];
  /** The checks run on the response, when the fixtures list them (absent in older ones). */
  checks?: CheckName[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses one attachment body; throws with a plain message when it is not an exchange. */
export function parseExchange(body: Buffer | string): AttachedExchange {
  const value: unknown = JSON.parse(body.toString());
  if (!isRecord(value) || typeof value.operationId !== 'string') {
    throw new Error('exchange attachment without an operationId');
  }
  if (!Array.isArray(value.findings)) throw new Error('exchange attachment without findings');
  const isNameList = (field: unknown) =>
    Array.isArray(field) && field.every((name) => typeof name === 'string');
  if (value.checks !== undefined && !isNameList(value.checks)) {
    throw new Error('exchange attachment whose checks are not a list of check names');
  }
  const numberOrNull = (field: unknown) => (typeof field === 'number' ? field : null);
  const exchange: AttachedExchange = {
    operationId: value.operationId,
    expectedStatus: numberOrNull(value.expectedStatus),
    observedStatus: numberOrNull(value.observedStatus),
    durationMs: numberOrNull(value.durationMs),
    findings: value.findings as Finding[],
  };
  if (value.checks !== undefined) exchange.checks = value.checks as CheckName[];

  return exchange;
}

/** Splits `createSendToken 200` into its parts; undefined when it is not a cell. */
export function parseCell(
  text: string | undefined,
): { operationId: string; status: number } | undefined {
  const found = /^(\S+) (\d{3})$/.exec(text?.trim() ?? '');
  if (!found?.[1] || !found[2]) return undefined;

  return { operationId: found[1], status: Number(found[2]) };
}
