/**
 * The vocabulary every check, reporter and tool shares: what a check looked at (an exchange)
 * and what it found (findings). Checks return findings; they never throw for a bad response.
 */

/** Names of the checks, as they appear in findings, reports and `reports/results.json`. */
export type CheckName =
  // Verdicts against the published contract.
  | 'status_documented'
  | 'content_type_documented'
  | 'headers_conform'
  | 'body_conforms'
  | 'not_server_error'
  /** The test provoked one documented code and another came back. */
  | 'status_expected'
  /** A request to the target timed out. */
  | 'response_timely'
  // The strict profile (spec/strict-profile.yaml): what real tenants do beyond the text.
  | 'retry_after_valid'
  | 'error_field_is_string'
  | 'error_body_shape'
  | 'keys_documented'
  | 'documented_keys_present'
  | 'enum_extensible';

/** `failure` fails the test and the run; `warning` is reported only. */
export type Severity = 'failure' | 'warning';

/** `contract`: the published spec says so. `strict`: only the strict profile says so. */
export type FindingProfile = 'contract' | 'strict';

/** One thing a check found wrong with one response. */
export interface Finding {
  check: CheckName;
  severity: Severity;
  profile: FindingProfile;
  /** The operationId the response belongs to. */
  operation: string;
  /** The HTTP status of the response. */
  status: number;
  /** Where: a JSON pointer into the body (`/messages/0/locale`), `header:retry-after`, `status`, `content-type`. */
  location: string;
  /** What the spec or profile allows, in words or values. */
  expected: string;
  /** What came back, trimmed and with secrets masked. */
  received: string;
  /** One sentence saying what is wrong. */
  message: string;
}

/** A request as sent, for the failure layout's replay command. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** The body as sent, if any (text). */
  body?: string;
}

/** A response as received. Header names are lower-case. The body is the raw text. */
export interface ObservedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from sending to the full body, when measured. */
  durationMs?: number;
}
