/**
 * The strict profile as data: `spec/strict-profile.yaml` read, checked against the shape
 * below and turned into rules the strict checks look up by check name.
 */
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { parse as parseYaml } from 'yaml';
import { HarnessUsageError } from '../errors.ts';
import type { CheckName, Severity } from '../findings.ts';
import type { LoadedSpec } from '../spec.ts';
import { indexSpec, specFiles } from '../spec.ts';

/** The checks the strict profile can switch on. */
export type StrictCheckName = Extract<
  CheckName,
  | 'retry_after_valid'
  | 'error_field_is_string'
  | 'error_body_shape'
  | 'keys_documented'
  | 'documented_keys_present'
  | 'enum_extensible'
>;

/** One rule of the profile: a check, its default severity, why, and its parameters. */
export interface StrictRule {
  check: StrictCheckName;
  severity: Severity;
  why: string;
  /** retry_after_valid, error_body_shape: the statuses the rule applies to. */
  statuses?: number[];
  /** error_field_is_string: status code to the top-level key that must be a string. */
  fields?: Record<string, string>;
  /** error_body_shape: the name of a schema in the profile's `schemas`. */
  schema?: string;
  /** documented_keys_present: component schema name to documented keys allowed to be absent. */
  optional?: Record<string, string[]>;
  /** enum_extensible: component schemas of the contract whose enums may grow. */
  schemas?: string[];
}

/** A loaded strict profile. */
export interface StrictProfile {
  /** The profile's name (`profile:` in the file). */
  name: string;
  title: string;
  /** The file it was read from. */
  source: string;
  rules: Map<StrictCheckName, StrictRule>;
  /** The profile's own schemas, as a document the schema compiler understands. */
  schemas: LoadedSpec;
}

const strictCheckNames: StrictCheckName[] = [
  'retry_after_valid',
  'error_field_is_string',
  'error_body_shape',
  'keys_documented',
  'documented_keys_present',
  'enum_extensible',
];

const profileShape = {
  type: 'object',
  required: ['profile', 'rules'],
  additionalProperties: false,
  properties: {
    profile: { type: 'string', minLength: 1 },
    title: { type: 'string' },
    version: { type: ['integer', 'string'] },
    rules: {
      type: 'array',
      items: {
        type: 'object',
        required: ['check', 'severity', 'why'],
        additionalProperties: false,
        properties: {
          check: { enum: strictCheckNames },
          severity: { enum: ['failure', 'warning'] },
          why: { type: 'string', minLength: 1 },
          statuses: { type: 'array', items: { type: 'integer', minimum: 100, maximum: 599 } },
          fields: { type: 'object', additionalProperties: { type: 'string' } },
          schema: { type: 'string' },
          optional: {
            type: 'object',
            additionalProperties: { type: 'array', items: { type: 'string' } },
          },
          schemas: { type: 'array', items: { type: 'string' } },
        },
      },
    },
    schemas: { type: 'object', additionalProperties: { type: 'object' } },
  },
} as const;

const validateShape = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(profileShape);

interface ProfileFile {
  profile: string;
  title?: string;
  rules: StrictRule[];
  schemas?: Record<string, unknown>;
}

/** Builds a profile from its parsed file; throws HarnessUsageError naming the problem. */
export function parseStrictProfile(data: unknown, source = 'inline'): StrictProfile {
  if (!validateShape(data)) {
    const problems = (validateShape.errors ?? [])
      .map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`)
      .join('; ');
    throw new HarnessUsageError(`strict profile ${source} is not valid: ${problems}`);
  }

  const file = data as unknown as ProfileFile;
  const rules = new Map<StrictCheckName, StrictRule>();
  for (const rule of file.rules) {
    if (rules.has(rule.check)) {
      throw new HarnessUsageError(`strict profile ${source} lists ${rule.check} twice`);
    }
    if (rule.schema !== undefined && file.schemas?.[rule.schema] === undefined) {
      throw new HarnessUsageError(
        `strict profile ${source}: rule ${rule.check} names schema ${rule.schema}, which its schemas do not define`,
      );
    }
    rules.set(rule.check, rule);
  }

  const schemas = indexSpec(
    {
      openapi: '3.0.3',
      info: { title: `strict profile ${file.profile}`, version: '1' },
      paths: {},
      components: { schemas: file.schemas ?? {} },
    },
    source,
  );

  return { name: file.profile, title: file.title ?? file.profile, source, rules, schemas };
}

const loaded = new Map<string, Promise<StrictProfile>>();

/** Reads a strict profile file (default `spec/strict-profile.yaml`), once per process. */
export function loadStrictProfile(path: string = specFiles.strictProfile): Promise<StrictProfile> {
  let pending = loaded.get(path);
  if (!pending) {
    pending = readProfile(path);
    loaded.set(path, pending);
    pending.catch(() => loaded.delete(path));
  }

  return pending;
}

async function readProfile(path: string): Promise<StrictProfile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new HarnessUsageError(`cannot read strict profile ${path}: ${(error as Error).message}`);
  }

  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new HarnessUsageError(`strict profile ${path} is not YAML: ${(error as Error).message}`);
  }

  return parseStrictProfile(data, path);
}
