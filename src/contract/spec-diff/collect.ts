/** The state one comparison carries: both documents and the changes found so far. */
import type { LoadedSpec } from '../spec.ts';
import { classify } from './classify.ts';
import type { ChangeLocation, RuleId, Side, SpecChange } from './types.ts';

export type Json = Record<string, unknown>;

/** Both documents under comparison and the list every rule appends to. */
export interface DiffContext {
  base: LoadedSpec;
  other: LoadedSpec;
  changes: SpecChange[];
}

/** Records one change, classed by its rule and side. */
export function record(
  context: DiffContext,
  rule: RuleId,
  side: Side,
  location: ChangeLocation,
  detail: string,
  options: { required?: boolean } = {},
): void {
  context.changes.push({ rule, side, class: classify(rule, side, options), location, detail });
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as reports quote it: `"EXPIRED"`, `null`, `3`. */
export function quote(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
