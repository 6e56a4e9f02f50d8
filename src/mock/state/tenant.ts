/**
 * The tenant's state, one object per mock instance: the identity directory (fixed for the
 * life of the instance) and everything a test changes, which `reset()` clears.
 */
import type { ResolvedOptions } from '../options.ts';
import { OneTimeCodes } from './codes.ts';
import { DuoKeys } from './duo.ts';
import { Directory, seedIdentities } from './identities.ts';
import { KbaChecker } from './kba.ts';
import { OktaPushes } from './pushes.ts';
import { Verifications } from './verifications.ts';

export class TenantState {
  readonly directory: Directory;
  readonly verifications = new Verifications();
  readonly codes: OneTimeCodes;
  readonly pushes: OktaPushes;
  readonly duo: DuoKeys;
  readonly kba = new KbaChecker();

  constructor(
    options: Pick<ResolvedOptions, 'seed' | 'identityCount' | 'codeTtlMs' | 'pushTtlMs'>,
  ) {
    this.directory = new Directory(seedIdentities(options.seed, options.identityCount));
    this.codes = new OneTimeCodes(this.verifications, options.codeTtlMs);
    this.pushes = new OktaPushes(this.verifications, options.pushTtlMs);
    this.duo = new DuoKeys(options.seed);
  }

  /** The clock every flow reads, so expiry is consistent within one request. */
  now(): number {
    return Date.now();
  }

  reset(): void {
    this.verifications.clear();
    this.codes.clear();
    this.pushes.clear();
    this.kba.clear();
  }
}
