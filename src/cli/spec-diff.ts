/**
 * `npm run spec:diff -- <other-spec> [--base spec/mfa-controller.yaml] [--markdown <file>]
 * [--format text|markdown]`: compares our spec (or --base) with another OpenAPI 3.0/3.1
 * document and classes each difference. Exit 1 when a change breaks clients or the tenant,
 * 0 otherwise, 2 on a usage error (bad flags, a missing file, not OpenAPI), 3 on a bug.
 */
import { writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { HarnessUsageError } from '../contract/errors.ts';
import { type LoadedSpec, loadSpec, specFiles } from '../contract/spec.ts';
import {
  diffSpecs,
  hasBreaking,
  renderMarkdown,
  renderText,
  type SpecDiff,
} from '../contract/spec-diff/index.ts';

const usage =
  'usage: npm run spec:diff -- <other-spec> [--base <spec>] [--markdown <file>] [--format text|markdown]';

function fail(code: 2 | 3, message: string): never {
  console.error(`spec:diff: ${message}`);
  process.exit(code);
}

function readArguments() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        base: { type: 'string' },
        markdown: { type: 'string' },
        format: { type: 'string', default: 'text' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    fail(2, `${(error as Error).message.split('\n')[0]} (${usage})`);
  }
}

async function load(path: string, role: string): Promise<LoadedSpec> {
  try {
    return await loadSpec(path);
  } catch (error) {
    // A bundling failure (an unresolvable $ref, say) is as much the document's fault as bad YAML.
    const reason = (error as Error).message.split('\n')[0] ?? '';
    fail(2, error instanceof HarnessUsageError ? reason : `${role} spec ${path}: ${reason}`);
  }
}

/** Paths as the user would type them, relative to where the command runs. */
function shorten(diff: SpecDiff): SpecDiff {
  const display = (source: string) => relative(process.cwd(), source) || source;

  return {
    ...diff,
    base: { ...diff.base, source: display(diff.base.source) },
    other: { ...diff.other, source: display(diff.other.source) },
  };
}

async function main(): Promise<number> {
  const { values, positionals } = readArguments();
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (positionals.length !== 1) {
    fail(2, `expected exactly one other spec, got ${positionals.length} (${usage})`);
  }
  if (values.format !== 'text' && values.format !== 'markdown') {
    fail(2, `--format must be text or markdown, got "${values.format}"`);
  }

  const base = await load(values.base ?? specFiles.mfaController, 'base');
  const other = await load(positionals[0] ?? '', 'other');
  const diff = shorten(diffSpecs(base, other));

  if (values.markdown) {
    try {
      writeFileSync(values.markdown, renderMarkdown(diff));
    } catch (error) {
      fail(2, `cannot write --markdown ${values.markdown}: ${(error as Error).message}`);
    }
  }
  process.stdout.write(values.format === 'markdown' ? renderMarkdown(diff) : renderText(diff));

  return hasBreaking(diff) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => fail(3, `the tool itself broke: ${(error as Error).stack ?? error}`),
);
