/**
 * The contract: a spec and a strict profile, and `check`, which runs every check on one
 * response and returns the findings.
 */
import { contractChecks, strictChecks } from './checks/index.ts';
import type { CheckOptions } from './context.ts';
import { createCheckContext } from './context.ts';
import { HarnessInternalError, HarnessUsageError } from './errors.ts';
import type { CheckName, Finding, ObservedResponse } from './findings.ts';
import type { Redactor } from './redact.ts';
import { defaultRedactor } from './redact.ts';
import { compileAll } from './schema.ts';
import type { LoadedSpec } from './spec.ts';
import { loadSpec, specFiles } from './spec.ts';
import type { StrictCheckName, StrictProfile } from './strict/profile.ts';
import { loadStrictProfile } from './strict/profile.ts';

/** A spec with its checks. */
export interface Contract {
  spec: LoadedSpec;
  /** The strict profile applied unless a check call turns it off; undefined when none. */
  profile?: StrictProfile;
  /**
   * Runs every check on one response and returns the findings (none: it conforms). A bad
   * response (HTML, empty, truncated, binary, wrong type) is findings, never an exception.
   * Throws HarnessUsageError for an unknown operationId.
   */
  check(response: ObservedResponse, options: CheckOptions): Finding[];
  /**
   * The names of the checks `check` runs with these options, in its order: the contract's, then
   * (with the strict profile on) the strict checks whose rule the profile holds.
   */
  checksRun(options: Pick<CheckOptions, 'strictProfile'>): CheckName[];
}

/** Where a contract's documents come from. */
export interface LoadContractOptions {
  /** The OpenAPI file (default `spec/mfa-controller.yaml`). */
  spec?: string;
  /** The strict profile file (default `spec/strict-profile.yaml`). */
  strictProfile?: string;
  /** Masks received values in findings (default: the shared `defaultRedactor`). */
  redactor?: Redactor;
}

/**
 * Builds a contract from an already loaded spec (and profile). Every validator of the spec is
 * compiled here, so a schema that does not compile fails now, not in the middle of a run.
 */
export function createContract(
  spec: LoadedSpec,
  profile?: StrictProfile,
  redactor: Redactor = defaultRedactor,
): Contract {
  compileAll(spec);

  const check = (response: ObservedResponse, options: CheckOptions): Finding[] => {
    const context = createCheckContext(spec, response, options, { profile, redactor });
    const checks = context.profile
      ? [...contractChecks.values(), ...strictChecks.values()]
      : [...contractChecks.values()];

    let findings: Finding[];
    try {
      findings = checks.flatMap((run) => run(context));
    } catch (error) {
      if (error instanceof HarnessUsageError) throw error;
      throw new HarnessInternalError(
        `a check broke on ${options.operationId} ${response.status}: ${(error as Error).message}`,
        { cause: error },
      );
    }

    if (!options.warningsAsFailures) return findings;
    return findings.map((finding) =>
      finding.severity === 'warning' ? { ...finding, severity: 'failure' } : finding,
    );
  };

  const checksRun = (options: Pick<CheckOptions, 'strictProfile'>): CheckName[] => {
    const names: CheckName[] = [...contractChecks.keys()];
    if (options.strictProfile === false || !profile) return names;
    for (const name of strictChecks.keys()) {
      if (profile.rules.has(name as StrictCheckName)) names.push(name);
    }

    return names;
  };

  return profile ? { spec, profile, check, checksRun } : { spec, check, checksRun };
}

/** Loads the spec and the strict profile (both cached per process) and builds a contract. */
export async function loadContract(options: LoadContractOptions = {}): Promise<Contract> {
  const [spec, profile] = await Promise.all([
    loadSpec(options.spec ?? specFiles.mfaController),
    loadStrictProfile(options.strictProfile ?? specFiles.strictProfile),
  ]);

  return createContract(spec, profile, options.redactor);
}
