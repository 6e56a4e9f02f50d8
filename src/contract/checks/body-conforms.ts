import type { CheckContext } from '../context.ts';
import type { Finding } from '../findings.ts';
import {
  describeViolation,
  isExtensibleEnumViolation,
  listBodyViolations,
  mergeByLocation,
} from './body-violations.ts';
import { contractFinding } from './finding.ts';

/**
 * body_conforms: the JSON body validates against the schema documented for its status and
 * media type, under the document's OpenAPI rules (see schema.ts). With the strict profile on,
 * a new value of an enum the profile calls extensible is left to enum_extensible.
 */
export function bodyConforms(context: CheckContext): Finding[] {
  const details = listBodyViolations(context)
    .filter((violation) => !isExtensibleEnumViolation(context, violation))
    .map((violation) => describeViolation(context, violation));

  return mergeByLocation(details).map((detail) =>
    contractFinding(context, 'body_conforms', detail),
  );
}
