/**
 * spec:diff on real documents: our spec against itself, against SailPoint's published beta and
 * v3 files (../shared/reference, absent from user clones), and the CLI's exit codes and
 * messages as a user meets them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { loadSpec, specFiles } from '../../src/contract/spec.ts';
import { diffSpecs, formatLocation, isBreaking } from '../../src/contract/spec-diff/index.ts';

const root = resolve(import.meta.dirname, '../..');
const tsx = resolve(root, 'node_modules/.bin/tsx');
const reference = resolve(root, '../shared/reference');
const upstreamBeta = join(reference, 'sailpoint-beta-mfa.upstream.yaml');
const upstreamV3 = join(reference, 'sailpoint-v3-mfa.upstream.yaml');
const missing = 'needs ../shared/reference/*.upstream.yaml (workspace only)';

/** The six MFA Controller paths our spec describes. */
const controllerPaths = [
  '/mfa/token/send',
  '/mfa/{method}/poll',
  '/mfa/duo-web/verify',
  '/mfa/kba/authenticate',
  '/mfa/okta-verify/verify',
  '/mfa/token/authenticate',
];

function runSpecDiff(args: string[]) {
  const run = spawnSync(tsx, [join(root, 'src/cli/spec-diff.ts'), ...args], {
    cwd: root,
    env: { ...process.env, FORCE_COLOR: '0' },
    encoding: 'utf8',
  });

  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('our spec diffed with itself has no changes', async () => {
  const ours = await loadSpec(specFiles.mfaController);
  const diff = diffSpecs(ours, ours);

  expect(diff.changes).toEqual([]);
  expect(diff.outOfScope).toEqual([]);
});

test.describe('SailPoint published files', () => {
  test.skip(!existsSync(upstreamBeta) || !existsSync(upstreamV3), missing);

  test('the beta file adds the MFA Configuration operations and breaks nothing in ours', async () => {
    const diff = diffSpecs(await loadSpec(specFiles.mfaController), await loadSpec(upstreamBeta));
    const added = diff.changes
      .filter((change) => change.rule === 'operation-added')
      .map((change) => formatLocation(change.location));

    expect(diff.changes.filter((change) => isBreaking(change.class))).toEqual([]);
    // Six configuration paths, eight operations (two paths have GET and PUT).
    expect(added).toEqual([
      'GET /mfa/duo-web/config',
      'PUT /mfa/duo-web/config',
      'GET /mfa/kba/config',
      'POST /mfa/kba/config/answers',
      'GET /mfa/okta-verify/config',
      'PUT /mfa/okta-verify/config',
      'DELETE /mfa/{method}/delete',
      'GET /mfa/{method}/test',
    ]);
    expect(
      diff.changes.filter((change) => controllerPaths.includes(change.location.path ?? '')),
    ).toEqual([]);
    // Only our own title differs at document level; servers are the same.
    expect(diff.changes.filter((change) => change.rule !== 'operation-added')).toMatchObject([
      { rule: 'info-changed', location: { part: 'info.title' }, class: 'compatible' },
    ]);
  });

  test('beta against v3 differs only in servers and info', async () => {
    const diff = diffSpecs(await loadSpec(upstreamBeta), await loadSpec(upstreamV3));

    expect(
      diff.changes.map((change) => `${change.rule} @ ${formatLocation(change.location)}`),
    ).toEqual([
      'info-changed @ info.title',
      'info-changed @ info.version',
      'server-changed @ servers[0]',
      'server-changed @ servers[1]',
    ]);
    expect(diff.changes.every((change) => change.class === 'compatible')).toBe(true);
  });

  test('the CLI exits 0 on the beta file and writes the Markdown report', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'spec-diff-')), 'drift.md');
    const run = runSpecDiff([upstreamBeta, '--markdown', file]);

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'breaking for clients: 0, breaking for the tenant: 0, compatible: 9',
    );
    expect(run.stdout).toContain('GET /mfa/okta-verify/config: operation getMFAOktaConfig added');
    expect(readFileSync(file, 'utf8')).toContain(
      '| `GET /mfa/kba/config` | operation getMFAKbaConfig added | `operation-added` |',
    );
  });
});

test.describe('spec:diff command line', () => {
  test('exits 1 on a breaking change and leaves the token endpoint out of scope', () => {
    const run = runSpecDiff(['spec/oauth-token.yaml', '--format', 'markdown']);

    expect(run.code).toBe(1);
    expect(run.stdout).toContain('## Breaking for clients (6)');
    expect(run.stdout).toContain('| `POST /mfa/token/send` | operation createSendToken removed |');
    expect(run.stdout).toContain(
      '| `POST /oauth/token` | other | `https://{tenant}.api.identitynow.com` |',
    );
    expect(run.stdout).not.toContain('operation-added');
  });

  test('exits 0 when --base and the other are the same document', () => {
    const run = runSpecDiff(['spec/oauth-token.yaml', '--base', 'spec/oauth-token.yaml']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('no differences');
  });

  const usageCases = [
    { id: 'no other spec', given: [], want: /^spec:diff: expected exactly one other spec, got 0/ },
    { id: 'two other specs', given: ['a.yaml', 'b.yaml'], want: /got 2/ },
    { id: 'an unknown flag', given: ['--colour', 'x.yaml'], want: /Unknown option '--colour'/ },
    {
      id: 'a bad --format',
      given: ['--format', 'html', 'spec/oauth-token.yaml'],
      want: /--format must be text or markdown/,
    },
    { id: 'a missing file', given: ['nowhere.yaml'], want: /cannot read spec nowhere\.yaml/ },
    {
      id: 'a missing --base',
      given: ['--base', 'nowhere.yaml', 'spec/oauth-token.yaml'],
      want: /cannot read spec nowhere\.yaml/,
    },
    {
      id: 'a file that is not OpenAPI',
      given: ['spec/redocly.yaml'],
      want: /is not an OpenAPI 3\.0 or 3\.1 document/,
    },
  ];
  for (const { id, given, want } of usageCases) {
    test(`exits 2 with one line on ${id}`, () => {
      const run = runSpecDiff(given);

      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(want);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    });
  }
});
