/** Building findings from a check context, so every check fills the same fields the same way. */
import type { CheckContext } from '../context.ts';
import type { CheckName, Finding } from '../findings.ts';
import type { StrictRule } from '../strict/profile.ts';

/** A check: reads one response's context, returns what is wrong with it. Never throws. */
export type Check = (context: CheckContext) => Finding[];

/** The part of a finding each check decides. */
export interface FindingDetail {
  location: string;
  expected: string;
  received: string;
  message: string;
}

/** A failure against the published contract. */
export function contractFinding(
  context: CheckContext,
  check: CheckName,
  detail: FindingDetail,
): Finding {
  return {
    check,
    severity: 'failure',
    profile: 'contract',
    operation: context.operation.operationId,
    status: context.response.status,
    ...detail,
  };
}

/** A finding of a strict-profile rule, at the rule's default severity. */
export function strictFinding(
  context: CheckContext,
  rule: StrictRule,
  detail: FindingDetail,
): Finding {
  return {
    check: rule.check,
    severity: rule.severity,
    profile: 'strict',
    operation: context.operation.operationId,
    status: context.response.status,
    ...detail,
  };
}
