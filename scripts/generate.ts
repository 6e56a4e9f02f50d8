/**
 * Generates TypeScript types from the specs in spec/ with openapi-typescript.
 * `--check` regenerates in memory and fails when the committed files differ, so a spec
 * edit without a regeneration cannot land.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';

const root = new URL('../', import.meta.url);

/** Each spec and the file its types go to. */
const targets = [
  { spec: 'spec/mfa-controller.yaml', out: 'generated/mfa-controller.ts' },
  { spec: 'spec/oauth-token.yaml', out: 'generated/oauth-token.ts' },
];

async function render(spec: string): Promise<string> {
  const ast = await openapiTS(new URL(spec, root));
  const header = [
    '/**',
    ` * GENERATED FILE: do not edit. Source: ${spec}.`,
    ' * Regenerate with `npm run generate`; `npm test` fails when this file is stale.',
    ' */',
    '',
  ].join('\n');

  return header + astToString(ast);
}

async function main(): Promise<number> {
  const isCheck = process.argv.includes('--check');
  const stale: string[] = [];

  for (const { spec, out } of targets) {
    const fresh = await render(spec);
    const outPath = fileURLToPath(new URL(out, root));
    if (!isCheck) {
      await writeFile(outPath, fresh);
      continue;
    }

    const committed = await readFile(outPath, 'utf8').catch(() => '');
    if (committed !== fresh) stale.push(out);
  }

  if (stale.length > 0) {
    process.stderr.write(
      `generated types are stale: ${stale.join(', ')}. Run \`npm run generate\` and commit.\n`,
    );
    return 1;
  }

  return 0;
}

process.exitCode = await main();
