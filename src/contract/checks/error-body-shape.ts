import type { CheckContext } from '../context.ts';
import type { Finding } from '../findings.ts';
import { schemaValidator } from '../schema.ts';
import { escapePointer } from '../spec.ts';
import { describeViolation, mergeByLocation } from './body-violations.ts';
import { strictFinding } from './finding.ts';

/**
 * error_body_shape (strict): a 400, 403 or 500 body has the ErrorResponseDto shape tenants
 * send: `detailCode`, a 32-hex `trackingId` and `messages[]` items with `locale`,
 * `localeOrigin` and `text` (DEFECTS.md 4). The shape is the profile's own schema.
 */
export function errorBodyShape(context: CheckContext): Finding[] {
  const rule = context.profile?.rules.get('error_body_shape');
  const profile = context.profile;
  if (!rule?.schema || !profile || context.body.kind !== 'json') return [];
  if (!(rule.statuses ?? []).includes(context.response.status)) return [];

  const validate = schemaValidator(
    profile.schemas,
    `#/components/schemas/${escapePointer(rule.schema)}`,
  );

  const details = validate(context.body.value).map((violation) =>
    describeViolation(context, violation),
  );

  return mergeByLocation(details).map((detail) =>
    strictFinding(context, rule, {
      ...detail,
      message: `${detail.message} (tenant error shape ${rule.schema})`,
    }),
  );
}
