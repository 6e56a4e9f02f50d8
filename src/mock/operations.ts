/**
 * The six operations as the spec describes them: route, access rule and request validators,
 * all read from spec/mfa-controller.yaml so the mock and the contract cannot drift apart.
 */
import type { SchemaValidator } from '../contract/schema.ts';
import { schemaValidator } from '../contract/schema.ts';
import type { LoadedSpec } from '../contract/spec.ts';
import { escapePointer, resolveObject } from '../contract/spec.ts';
import type { AccessRule } from './auth.ts';

/** The API versions the operations are served under; both share one set of definitions. */
export const apiVersions = ['beta', 'v3'] as const;

/** One operation, ready to route. */
export interface OperationSpec {
  operationId: string;
  /** The spec's path template, e.g. `/mfa/{method}/poll`. */
  path: string;
  /** The same path in Fastify's syntax, e.g. `/mfa/:method/poll`. */
  routePath: string;
  access: AccessRule;
  /** Validates the `application/json` request body. */
  body: SchemaValidator;
  /** Validators of the path parameters, by name. */
  pathParameters: Map<string, SchemaValidator>;
}

function readAccess(
  operation: Record<string, unknown>,
  document: Record<string, unknown>,
): AccessRule {
  const security = (operation.security ?? document.security ?? []) as Record<string, string[]>[];
  const scopes = security.flatMap((requirement) => Object.values(requirement).flat());
  const levels = operation['x-sailpoint-userLevels'];

  return { scopes, userLevels: Array.isArray(levels) ? levels.map(String) : [] };
}

/** Reads every POST operation with a JSON body from the spec. */
export function readOperations(spec: LoadedSpec): OperationSpec[] {
  const operations: OperationSpec[] = [];
  for (const info of spec.operations.values()) {
    const base = `#/paths/${escapePointer(info.path)}/${info.method}`;
    const pathParameters = new Map<string, SchemaValidator>();
    const parameters = Array.isArray(info.operation.parameters) ? info.operation.parameters : [];
    parameters.forEach((raw, index) => {
      const parameter = resolveObject(spec.document, raw);
      if (parameter?.in === 'path' && typeof parameter.name === 'string') {
        pathParameters.set(
          parameter.name,
          schemaValidator(spec, `${base}/parameters/${index}/schema`),
        );
      }
    });

    operations.push({
      operationId: info.operationId,
      path: info.path,
      routePath: info.path.replace(/\{([^}]+)\}/g, ':$1'),
      access: readAccess(info.operation, spec.document),
      body: schemaValidator(spec, `${base}/requestBody/content/application~1json/schema`),
      pathParameters,
    });
  }

  return operations;
}
