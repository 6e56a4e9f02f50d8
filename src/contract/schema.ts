/**
 * Compiling OpenAPI schemas into ajv validators, with the schema rules of the document's own
 * OpenAPI version. The choices, made once and used everywhere (checks, mock, strict profile):
 *
 * - 3.0: `nullable: true` widens `type` to admit null; an `enum` still applies, so null passes
 *   a nullable enum only where the enum lists it (OAS 3.0.3). `nullable` with no `type` is a
 *   no-op. Beside a `$ref`, `nullable: true` is honoured (the value may be null or match the
 *   target), as openapi-typescript does; other siblings of `$ref` are applied with it.
 * - 3.1: schemas are JSON Schema 2020-12 and go to ajv unchanged.
 * - Both: `example`, `xml`, `externalDocs`, `discriminator` and every `x-*` key are accepted as
 *   annotations while ajv stays in strict mode; OpenAPI formats (int32, int64, float, double,
 *   byte, binary, password) are registered next to ajv-formats.
 * - No coercion, no defaults, no removal: validating never changes the data.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { HarnessInternalError } from './errors.ts';
import type { LoadedSpec } from './spec.ts';
import { escapePointer, readPointer } from './spec.ts';

type Json = Record<string, unknown>;

/** One reason a value failed a schema, located in the value. */
export interface SchemaViolation {
  /** JSON pointer into the validated value, `''` for the value itself. */
  pointer: string;
  /** The JSON Schema keyword that failed: `type`, `enum`, `required`, `format`, ... */
  keyword: string;
  message: string;
  /** For `enum` and `const`: the values the schema allows. */
  allowed?: unknown[];
  /** The value that was found at the pointer. */
  value?: unknown;
  /** Where the failing keyword sits in the compiled schema (for context only). */
  schemaPath?: string;
  /** The keyword's parameters as ajv reports them (`{ type: 'string' }`, `{ format: 'date' }`). */
  params?: Record<string, unknown>;
}

const annotationKeywords = ['example', 'xml', 'externalDocs', 'discriminator'];

const int32 = {
  type: 'number',
  validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
} as const;
const int64 = { type: 'number', validate: (n: number) => Number.isInteger(n) } as const;
const anyNumber = { type: 'number', validate: (n: number) => Number.isFinite(n) } as const;
const base64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function createAjv(dialect: '3.0' | '3.1'): Ajv {
  const options = {
    strict: true,
    strictTypes: false,
    allErrors: true,
    coerceTypes: false,
    useDefaults: false,
    removeAdditional: false,
    validateFormats: true,
    // Errors carry the failing value, so findings can say what was received.
    verbose: true,
    logger: false,
  } as const;
  const ajv = dialect === '3.1' ? new Ajv2020(options) : new Ajv(options);
  addFormats.default(ajv);
  ajv.addFormat('int32', int32);
  ajv.addFormat('int64', int64);
  ajv.addFormat('float', anyNumber);
  ajv.addFormat('double', anyNumber);
  ajv.addFormat('byte', base64);
  ajv.addFormat('binary', true);
  ajv.addFormat('password', true);
  ajv.addVocabulary(annotationKeywords);

  return ajv as Ajv;
}

interface ConvertContext {
  spec: LoadedSpec;
  /** The id the converted component schemas are registered under. */
  refBase: string;
  /** `definitions` (3.0, draft-07) or `$defs` (3.1, 2020-12). */
  holder: string;
  /** `x-*` keys met, registered with ajv as annotations. */
  extensions: Set<string>;
  /** Non-component `$ref`s being inlined, to stop a cycle. */
  inlining: Set<string>;
}

const componentPrefix = '#/components/schemas/';

function convertRef(ref: string, context: ConvertContext): Json {
  if (ref.startsWith(componentPrefix)) {
    return { $ref: `${context.refBase}#/${context.holder}/${ref.slice(componentPrefix.length)}` };
  }

  // A schema elsewhere in the document (rare): inline it once.
  if (context.inlining.has(ref)) {
    throw new HarnessInternalError(`cyclic $ref outside components: ${ref}`);
  }
  context.inlining.add(ref);
  const target = convertSchema(readPointer(context.spec.document, ref), context);
  context.inlining.delete(ref);

  return isObject(target) ? target : {};
}

/** Rewrites one schema for ajv, following the rules in this file's header. */
function convertSchema(schema: unknown, context: ConvertContext): unknown {
  if (Array.isArray(schema)) return schema.map((item) => convertSchema(item, context));
  if (!isObject(schema)) return schema;

  let out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith('x-')) {
      context.extensions.add(key);
      out[key] = value;
    } else if (['enum', 'const', 'example', 'examples', 'default'].includes(key)) {
      out[key] = value;
    } else if (['properties', 'patternProperties', '$defs', 'definitions'].includes(key)) {
      const entries = Object.entries(isObject(value) ? value : {});
      out[key] = Object.fromEntries(
        entries.map(([name, sub]) => [name, convertSchema(sub, context)]),
      );
    } else if (key === '$ref' && typeof value === 'string' && value.startsWith('#')) {
      out = { ...out, ...convertRef(value, context) };
    } else {
      out[key] = convertSchema(value, context);
    }
  }

  if (context.spec.dialect === '3.1') {
    delete out.nullable;
    return out;
  }

  const isNullable = out.nullable === true;
  if (out.nullable !== undefined && out.type === undefined) delete out.nullable;
  if (typeof out.$ref === 'string' && isNullable) {
    const { $ref, ...siblings } = out;
    return { ...siblings, anyOf: [{ $ref }, { type: 'null' }] };
  }

  return out;
}

/** A compiled validator for one schema of one document. */
export type SchemaValidator = (value: unknown) => SchemaViolation[];

interface CompilerState {
  ajv: Ajv;
  context: ConvertContext;
  /** Keyed by the schema object itself, so a response shared by `$ref` compiles once. */
  validators: WeakMap<object, ValidateFunction>;
  /** Validators by the pointer they were asked for, so a repeat call skips the pointer walk. */
  byPointer: Map<string, SchemaValidator>;
  /** `x-*` keys already registered with ajv (its getKeyword says false for bare keywords). */
  registered: Set<string>;
}

function registerExtensions(state: Pick<CompilerState, 'ajv' | 'context' | 'registered'>): void {
  for (const key of state.context.extensions) {
    if (state.registered.has(key)) continue;
    state.ajv.addKeyword(key);
    state.registered.add(key);
  }
}

// One ajv instance and one validator cache per loaded document, for the life of the process.
const compilers = new WeakMap<LoadedSpec, CompilerState>();
let documentCounter = 0;

function stateFor(spec: LoadedSpec): CompilerState {
  const existing = compilers.get(spec);
  if (existing) return existing;

  documentCounter += 1;
  const context: ConvertContext = {
    spec,
    refBase: `urn:oas-document:${documentCounter}`,
    holder: spec.dialect === '3.1' ? '$defs' : 'definitions',
    extensions: new Set(),
    inlining: new Set(),
  };
  const components = isObject(spec.document.components) ? spec.document.components : {};
  const schemas = convertSchema(components.schemas ?? {}, context);
  const ajv = createAjv(spec.dialect);
  const registered = new Set<string>();
  registerExtensions({ ajv, context, registered });

  ajv.addSchema({ $id: context.refBase, [context.holder]: schemas });
  const state = {
    ajv,
    context,
    registered,
    validators: new WeakMap<object, ValidateFunction>(),
    byPointer: new Map<string, SchemaValidator>(),
  };
  compilers.set(spec, state);

  return state;
}

function toViolation(error: ErrorObject): SchemaViolation {
  const violation: SchemaViolation = {
    pointer: error.instancePath,
    keyword: error.keyword,
    message: error.message ?? error.keyword,
    schemaPath: error.schemaPath,
    params: { ...error.params },
    value: error.data,
  };
  if (error.keyword === 'required') {
    violation.pointer = `${error.instancePath}/${escapePointer(String(error.params.missingProperty))}`;
    delete violation.value;
  }
  if (error.keyword === 'enum') violation.allowed = error.params.allowedValues as unknown[];
  if (error.keyword === 'const') violation.allowed = [error.params.allowedValue];

  return violation;
}

/**
 * Turns ajv errors into violations. A `{$ref, nullable: true}` schema is compiled as
 * `anyOf: [{$ref}, {type: 'null'}]`; its bookkeeping errors (`anyOf`, `must be null`) are
 * folded away, and a type error of the `$ref` branch reads "must be object or null".
 */
function toViolations(errors: ErrorObject[]): SchemaViolation[] {
  const nullBranches = new Set<string>();
  for (const error of errors) {
    if (error.keyword !== 'anyOf') continue;
    const isNullableRef = errors.some(
      (other) =>
        other.schemaPath === `${error.schemaPath}/1/type` &&
        other.instancePath === error.instancePath &&
        other.params.type === 'null',
    );
    if (isNullableRef) nullBranches.add(error.schemaPath);
  }
  if (nullBranches.size === 0) return errors.map(toViolation);

  const nullablePointers = new Set<string>();
  const kept = errors.filter((error) => {
    if (nullBranches.has(error.schemaPath)) {
      nullablePointers.add(error.instancePath);
      return false;
    }
    const branch = error.schemaPath.replace(/\/1\/type$/, '');

    return !(branch !== error.schemaPath && nullBranches.has(branch));
  });

  return kept.map((error) => {
    const violation = toViolation(error);
    if (error.keyword === 'type' && nullablePointers.has(error.instancePath)) {
      violation.message = `${violation.message} or null`;
      violation.params = { ...violation.params, nullable: true };
    }

    return violation;
  });
}

/**
 * Returns the validator for the schema at `pointer` in the document (for example
 * `#/paths/~1mfa~1token~1send/post/responses/200/content/application~1json/schema`), compiled
 * on first use and cached for the process. Throws HarnessInternalError when the schema does
 * not compile: that is a fault in the document or the harness, never a finding.
 */
export function schemaValidator(spec: LoadedSpec, pointer: string): SchemaValidator {
  const state = stateFor(spec);
  const known = state.byPointer.get(pointer);
  if (known) return known;

  const raw = readPointer(spec.document, pointer);
  if (typeof raw !== 'object' || raw === null) {
    throw new HarnessInternalError(`no schema at ${pointer} in ${spec.source}`);
  }

  let validate = state.validators.get(raw);
  if (!validate) {
    // Newly met x-* keys of inline schemas are registered before compiling.
    const converted = convertSchema(raw, state.context);
    registerExtensions(state);

    try {
      validate = state.ajv.compile(isObject(converted) ? converted : {});
    } catch (error) {
      throw new HarnessInternalError(
        `schema at ${pointer} in ${spec.source} does not compile: ${(error as Error).message}`,
        { cause: error },
      );
    }
    state.validators.set(raw, validate);
  }

  const compiled = validate;
  const validator: SchemaValidator = (value) =>
    compiled(value) ? [] : toViolations(compiled.errors ?? []);
  state.byPointer.set(pointer, validator);

  return validator;
}

/** Compiles every response and request body schema of the document now; returns how many. */
export function compileAll(spec: LoadedSpec): number {
  let count = 0;
  for (const pointer of listSchemaPointers(spec)) {
    schemaValidator(spec, pointer);
    count += 1;
  }

  return count;
}

/** Pointers of every request-body, response-body, parameter and header schema. */
export function listSchemaPointers(spec: LoadedSpec): string[] {
  const pointers: string[] = [];
  for (const info of spec.operations.values()) {
    const base = `#/paths/${escapePointer(info.path)}/${info.method}`;
    const body = info.operation.requestBody;
    if (isObject(body) && isObject(body.content)) {
      for (const type of Object.keys(body.content)) {
        pointers.push(`${base}/requestBody/content/${escapePointer(type)}/schema`);
      }
    }

    const parameters = Array.isArray(info.operation.parameters) ? info.operation.parameters : [];
    parameters.forEach((_parameter, index) => {
      pointers.push(`${base}/parameters/${index}/schema`);
    });

    for (const [code, response] of Object.entries(info.responses)) {
      const responseBase = `${base}/responses/${escapePointer(code)}`;
      for (const type of Object.keys(isObject(response.content) ? response.content : {})) {
        pointers.push(`${responseBase}/content/${escapePointer(type)}/schema`);
      }
      for (const name of Object.keys(isObject(response.headers) ? response.headers : {})) {
        pointers.push(`${responseBase}/headers/${escapePointer(name)}/schema`);
      }
    }
  }

  return pointers.filter((pointer) => {
    const schema = readPointer(spec.document, pointer);
    return typeof schema === 'object' && schema !== null;
  });
}
