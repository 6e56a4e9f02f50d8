/**
 * The vocabulary of a spec diff: which rule fired, on which side of the exchange, where, and
 * how it is classed. The rules themselves live in the files beside this one; their classes in
 * classify.ts.
 */

/** How a change is classed; see the README section "Spec drift (spec:diff)". */
export type ChangeClass = 'breaking-client' | 'breaking-tenant' | 'compatible';

/** Which message a change is about; `document` for servers and info. */
export type Side = 'document' | 'operation' | 'request' | 'response';

/** Every rule the diff applies. Each one is named after what it observed in the other document. */
export type RuleId =
  | 'dialect-changed'
  | 'info-changed'
  | 'server-added'
  | 'server-removed'
  | 'server-changed'
  | 'operation-added'
  | 'operation-removed'
  | 'success-response-added'
  | 'error-response-added'
  | 'response-removed'
  | 'media-type-added'
  | 'media-type-removed'
  | 'required-parameter-added'
  | 'optional-parameter-added'
  | 'parameter-removed'
  | 'parameter-now-required'
  | 'parameter-now-optional'
  | 'parameter-location-changed'
  | 'body-added'
  | 'body-removed'
  | 'body-now-required'
  | 'body-now-optional'
  | 'property-added'
  | 'property-removed'
  | 'required-property-added'
  | 'required-property-removed'
  | 'type-narrowed'
  | 'type-widened'
  | 'type-changed'
  | 'format-added'
  | 'format-removed'
  | 'format-changed'
  | 'nullable-added'
  | 'nullable-removed'
  | 'enum-value-added'
  | 'enum-value-removed'
  | 'enum-added'
  | 'enum-removed'
  | 'variant-added'
  | 'variant-removed'
  | 'all-of-added'
  | 'all-of-removed';

/** Where a change sits: the operation (when there is one) and the part inside it. */
export interface ChangeLocation {
  /** Upper-case HTTP method, e.g. `POST`; absent for document-level changes. */
  method?: string;
  /** The path template as the base document writes it (the other's when only it has one). */
  path?: string;
  /**
   * The part of the operation: `request body`, `response 200`, `parameter path method`,
   * `servers[0]`, `info.version`...
   */
  part?: string;
  /** Inside a schema: `/status`, `/kbaAuthResponseItems/[]/isVerified`; `/` for the root. */
  pointer?: string;
}

/** One difference between the base and the other document. */
export interface SpecChange {
  rule: RuleId;
  side: Side;
  class: ChangeClass;
  location: ChangeLocation;
  /** What changed, in a few words: `enum value "EXPIRED" added`, `string -> integer`. */
  detail: string;
}

/** An operation only one document has, left out because it is not served under the API base. */
export interface OutOfScope {
  method: string;
  path: string;
  /** Which document has it. */
  in: 'base' | 'other';
  /** The server it is served from, e.g. `https://{tenant}.api.identitynow.com`. */
  server: string;
}

/** The outcome of comparing two documents. */
export interface SpecDiff {
  base: { source: string; title: string; version: string };
  other: { source: string; title: string; version: string };
  /** Sorted: by class (clients, tenant, compatible), then path, method, part, pointer. */
  changes: SpecChange[];
  outOfScope: OutOfScope[];
}
