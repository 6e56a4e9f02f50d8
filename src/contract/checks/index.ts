/** Every check, by the name it puts in findings, in the order `Contract.check` runs them. */
import type { CheckName } from '../findings.ts';
import { bodyConforms } from './body-conforms.ts';
import { contentTypeDocumented } from './content-type-documented.ts';
import { documentedKeysPresent } from './documented-keys-present.ts';
import { enumExtensible } from './enum-extensible.ts';
import { errorBodyShape } from './error-body-shape.ts';
import { errorFieldIsString } from './error-field-is-string.ts';
import type { Check } from './finding.ts';
import { headersConform } from './headers-conform.ts';
import { keysDocumented } from './keys-documented.ts';
import { notServerError } from './not-server-error.ts';
import { retryAfterValid } from './retry-after-valid.ts';
import { statusDocumented } from './status-documented.ts';
import { statusExpected } from './status-expected.ts';

export { bodyConforms } from './body-conforms.ts';
export { contentTypeDocumented } from './content-type-documented.ts';
export { documentedKeysPresent } from './documented-keys-present.ts';
export { enumExtensible } from './enum-extensible.ts';
export { errorBodyShape } from './error-body-shape.ts';
export { errorFieldIsString } from './error-field-is-string.ts';
export type { Check, FindingDetail } from './finding.ts';
export { headersConform } from './headers-conform.ts';
export { keysDocumented } from './keys-documented.ts';
export { notServerError } from './not-server-error.ts';
export { isRetryAfterValue, retryAfterValid } from './retry-after-valid.ts';
export { statusDocumented } from './status-documented.ts';
export { statusExpected } from './status-expected.ts';

/** Verdicts against the published contract. */
export const contractChecks: ReadonlyMap<CheckName, Check> = new Map<CheckName, Check>([
  ['status_documented', statusDocumented],
  ['status_expected', statusExpected],
  ['not_server_error', notServerError],
  ['content_type_documented', contentTypeDocumented],
  ['headers_conform', headersConform],
  ['body_conforms', bodyConforms],
]);

/** The strict profile's checks; each is quiet unless its rule is in the profile. */
export const strictChecks: ReadonlyMap<CheckName, Check> = new Map<CheckName, Check>([
  ['retry_after_valid', retryAfterValid],
  ['error_field_is_string', errorFieldIsString],
  ['error_body_shape', errorBodyShape],
  ['keys_documented', keysDocumented],
  ['documented_keys_present', documentedKeysPresent],
  ['enum_extensible', enumExtensible],
]);
