/** Compares an operation's responses, matched by their key as written (`200`, `4XX`, `default`). */
import type { OperationInfo } from '../spec.ts';
import { type DiffContext, record } from './collect.ts';
import { diffContent } from './content.ts';
import type { ChangeLocation } from './types.ts';

function isSuccess(code: string): boolean {
  return code.startsWith('2');
}

/** Compares the responses of one operation both documents describe. */
export function diffResponses(
  context: DiffContext,
  where: Omit<ChangeLocation, 'part' | 'pointer'>,
  base: OperationInfo,
  other: OperationInfo,
): void {
  for (const code of Object.keys(other.responses)) {
    if (code in base.responses) continue;

    const rule = isSuccess(code) ? 'success-response-added' : 'error-response-added';
    record(context, rule, 'response', { ...where, part: `response ${code}` }, 'response added');
  }

  for (const [code, response] of Object.entries(base.responses)) {
    const location = { ...where, part: `response ${code}` };
    const counterpart = other.responses[code];
    if (!counterpart) {
      record(context, 'response-removed', 'response', location, 'response removed');
      continue;
    }

    diffContent(context, 'response', location, response, counterpart);
  }
}
