/**
 * How each rule is classed, per side. The base document is what clients and the harness were
 * written against; the other is what a tenant would now follow.
 *
 * - breaking for clients: a client written against the base can fail against a tenant that
 *   follows the other: it must send something new (an operation, parameter, location, type or
 *   format it did not know), or it can receive something it was not written to read (a new
 *   success code or media type, a new enum value, null, another type or format, a property no
 *   longer there or no longer promised).
 * - breaking for the tenant: clients keep working in general, but what the harness assumes about
 *   the tenant no longer holds: values the mock accepts or serves and the suites send or provoke
 *   are refused or never produced by the tenant (a request enum value or null removed, a
 *   response narrowed, a response code removed), a refusal the mock and the negative suites
 *   rely on is dropped (something no longer required), or the tenant may answer with an error
 *   code that `status_documented` would flag.
 * - compatible: neither, e.g. an operation or optional property added, a request widened.
 */
import type { ChangeClass, RuleId, Side } from './types.ts';

type PerSide = { request: ChangeClass; response: ChangeClass };

const client = 'breaking-client';
const tenant = 'breaking-tenant';
const compatible = 'compatible';

/** Rules whose class does not depend on the side. */
const fixed: Partial<Record<RuleId, ChangeClass>> = {
  'dialect-changed': compatible,
  'info-changed': compatible,
  'server-added': compatible,
  'server-removed': compatible,
  'server-changed': compatible,
  'operation-added': compatible,
  'operation-removed': client,
  'success-response-added': client,
  'error-response-added': tenant,
  'response-removed': tenant,
  'required-parameter-added': client,
  'optional-parameter-added': compatible,
  'parameter-removed': tenant,
  'parameter-now-required': client,
  'parameter-now-optional': tenant,
  'parameter-location-changed': client,
  'body-removed': tenant,
  'body-now-required': client,
  'body-now-optional': tenant,
  'type-changed': client,
  'format-changed': client,
};

/**
 * Rules that narrow or widen what a message may hold: narrowing a request breaks clients,
 * widening a response breaks clients; the mirror cases break the harness's model of the tenant
 * or are compatible.
 */
const bySide: Partial<Record<RuleId, PerSide>> = {
  'media-type-added': { request: compatible, response: client },
  'media-type-removed': { request: client, response: tenant },
  'property-added': { request: compatible, response: compatible },
  'property-removed': { request: tenant, response: client },
  'required-property-added': { request: client, response: tenant },
  'required-property-removed': { request: tenant, response: client },
  'type-narrowed': { request: client, response: tenant },
  'type-widened': { request: compatible, response: client },
  'format-added': { request: client, response: tenant },
  'format-removed': { request: compatible, response: client },
  'nullable-added': { request: compatible, response: client },
  // A request that may no longer be null: the mock and the suites' seeded data still use null.
  'nullable-removed': { request: tenant, response: tenant },
  'enum-value-added': { request: compatible, response: client },
  // A request value the mock accepts and the suites send is refused by the tenant.
  'enum-value-removed': { request: tenant, response: tenant },
  'enum-added': { request: tenant, response: tenant },
  'enum-removed': { request: compatible, response: client },
  'variant-added': { request: compatible, response: client },
  'variant-removed': { request: client, response: tenant },
  'all-of-added': { request: client, response: tenant },
  'all-of-removed': { request: compatible, response: client },
};

/**
 * The class of one rule on one side. `body-added` depends on whether the new body is required,
 * so its caller passes `required`.
 */
export function classify(
  rule: RuleId,
  side: Side,
  options: { required?: boolean } = {},
): ChangeClass {
  if (rule === 'body-added') return options.required ? client : compatible;

  const always = fixed[rule];
  if (always) return always;

  const perSide = bySide[rule];
  if (perSide && (side === 'request' || side === 'response')) return perSide[side];

  return compatible;
}

/** Every rule the diff knows, for tests that make sure each one is exercised. */
export const knownRules = [...Object.keys(fixed), ...Object.keys(bySide), 'body-added'] as RuleId[];

/** Class names as the reports print them, in report order. */
export const classLabels: Record<ChangeClass, string> = {
  'breaking-client': 'breaking for clients',
  'breaking-tenant': 'breaking for the tenant',
  compatible: 'compatible',
};

/** Whether a class makes `spec:diff` exit 1. */
export function isBreaking(changeClass: ChangeClass): boolean {
  return changeClass !== 'compatible';
}
