import type { CheckContext } from '../context.ts';
import type { Finding } from '../findings.ts';
import {
  describeViolation,
  isExtensibleEnumViolation,
  listBodyViolations,
} from './body-violations.ts';
import { strictFinding } from './finding.ts';

/**
 * enum_extensible (strict): a value outside an enum whose description says values may be
 * added (LocaleOrigin, DEFECTS.md 7) warns here instead of failing body_conforms. With the
 * profile off, body_conforms fails it as the closed enum says.
 */
export function enumExtensible(context: CheckContext): Finding[] {
  const rule = context.profile?.rules.get('enum_extensible');
  if (!rule) return [];

  return listBodyViolations(context)
    .filter((violation) => isExtensibleEnumViolation(context, violation))
    .map((violation) => {
      const detail = describeViolation(context, violation);
      return strictFinding(context, rule, {
        ...detail,
        message: `${detail.location} has a value the enum does not list yet; the spec says values may be added`,
      });
    });
}
