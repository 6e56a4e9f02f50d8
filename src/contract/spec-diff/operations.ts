/**
 * The entry point: pairs the operations of two documents by method and path template (path
 * parameter names aside), reports the ones only one has when they are served under the API
 * base, and compares each pair's parameters, request body and responses.
 */
import { type LoadedSpec, type OperationInfo, resolveObject } from '../spec.ts';
import { classLabels } from './classify.ts';
import type { DiffContext, Json } from './collect.ts';
import { record } from './collect.ts';
import { diffDocument } from './document.ts';
import { diffParameters } from './parameters.ts';
import { diffRequestBody } from './request-body.ts';
import { diffResponses } from './responses.ts';
import { effectiveServers, isUnderApiBase } from './scope.ts';
import type { OutOfScope, SpecChange, SpecDiff } from './types.ts';

/** `post /mfa/{}/poll`: the same operation whatever its path parameters are called. */
function matchKey(operation: OperationInfo): string {
  return `${operation.method} ${operation.path.replace(/\{[^}]*\}/g, '{}')}`;
}

function byMatchKey(spec: LoadedSpec): Map<string, OperationInfo> {
  return new Map(
    [...spec.operations.values()].map((operation) => [matchKey(operation), operation]),
  );
}

function pathItemOf(spec: LoadedSpec, operation: OperationInfo): Json {
  const paths = (spec.document.paths ?? {}) as Json;

  return resolveObject(spec.document, paths[operation.path]) ?? {};
}

function whereOf(operation: OperationInfo) {
  return { method: operation.method.toUpperCase(), path: operation.path };
}

/** Reports an operation only one document has, or notes it as out of scope. */
function diffUnpaired(
  context: DiffContext,
  outOfScope: OutOfScope[],
  operation: OperationInfo,
  from: 'base' | 'other',
): void {
  const spec = from === 'base' ? context.base : context.other;
  const pathItem = pathItemOf(spec, operation);
  if (!isUnderApiBase(spec.document, pathItem, operation.operation)) {
    const [server] = effectiveServers(spec.document, pathItem, operation.operation);
    outOfScope.push({ ...whereOf(operation), in: from, server: String(server?.url ?? '') });
    return;
  }

  const rule = from === 'base' ? 'operation-removed' : 'operation-added';
  const detail = `operation ${operation.operationId} ${from === 'base' ? 'removed' : 'added'}`;
  record(context, rule, 'operation', whereOf(operation), detail);
}

const classOrder = Object.keys(classLabels);
const methodOrder = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function compareChanges(a: SpecChange, b: SpecChange): number {
  const keys = (change: SpecChange): (string | number)[] => [
    classOrder.indexOf(change.class),
    change.location.path ?? '',
    methodOrder.indexOf((change.location.method ?? '').toLowerCase()),
    change.location.part ?? '',
    change.location.pointer ?? '',
    change.detail,
  ];
  const [left, right] = [keys(a), keys(b)];
  for (let index = 0; index < left.length; index++) {
    const [x, y] = [left[index] ?? '', right[index] ?? ''];
    if (x < y) return -1;
    if (x > y) return 1;
  }

  return 0;
}

/**
 * Compares two loaded documents. `base` is what clients and the harness were written against
 * (normally spec/mfa-controller.yaml), `other` the document a tenant would now follow.
 */
export function diffSpecs(base: LoadedSpec, other: LoadedSpec): SpecDiff {
  const context: DiffContext = { base, other, changes: [] };
  const outOfScope: OutOfScope[] = [];
  diffDocument(context);

  const before = byMatchKey(base);
  const after = byMatchKey(other);
  for (const [key, operation] of before) {
    const counterpart = after.get(key);
    if (!counterpart) {
      diffUnpaired(context, outOfScope, operation, 'base');
      continue;
    }

    const where = whereOf(operation);
    diffParameters(
      context,
      where,
      { pathItem: pathItemOf(base, operation), operation: operation.operation },
      { pathItem: pathItemOf(other, counterpart), operation: counterpart.operation },
    );
    diffRequestBody(context, where, operation.operation, counterpart.operation);
    diffResponses(context, where, operation, counterpart);
  }
  for (const [key, operation] of after) {
    if (!before.has(key)) diffUnpaired(context, outOfScope, operation, 'other');
  }

  const summarise = (spec: LoadedSpec) => ({
    source: spec.source,
    title: spec.title,
    version: spec.version,
  });

  return {
    base: summarise(base),
    other: summarise(other),
    changes: context.changes.sort(compareChanges),
    outOfScope: outOfScope.sort(
      (a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method),
    ),
  };
}
