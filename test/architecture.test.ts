/**
 * Enforces the import rules of ARCHITECTURE.md by reading the import lines of every source file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, test } from '@playwright/test';

const root = resolve(import.meta.dirname, '..');

/** Folder -> the project folders its files may import from (besides itself). */
const allowed: Record<string, string[]> = {
  'src/contract': [],
  'src/client': ['generated'],
  'src/mock': ['src/contract', 'generated'],
  fixtures: ['src/contract', 'src/client', 'generated'],
  suites: ['fixtures', 'generated'],
  'src/report': ['src/contract'],
  'src/cli': ['src/contract', 'src/report'],
};

/** npm packages a folder must not use, whatever else it may. */
const bannedPackages: Record<string, string[]> = {
  'src/contract': ['@playwright/test', 'playwright', 'playwright-core', 'fastify'],
  'src/mock': ['@playwright/test', 'playwright'],
  suites: ['ajv', 'openapi-fetch', 'fastify'],
};

const projectFolders = [
  'src/contract',
  'src/client',
  'src/mock',
  'src/report',
  'src/cli',
  'fixtures',
  'suites',
  'generated',
  'scripts',
  'test',
  'spec',
];

function listSources(folder: string): string[] {
  const start = join(root, folder);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|js|mjs)$/.test(name)) found.push(path);
    }
  };
  try {
    walk(start);
  } catch {
    return [];
  }

  return found;
}

function importsOf(text: string): string[] {
  const pattern =
    /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...text.matchAll(pattern)].map((match) => match[1] ?? match[2] ?? '');
}

function folderOf(absolutePath: string): string | undefined {
  const rel = relative(root, absolutePath).replaceAll('\\', '/');
  return projectFolders.find((folder) => rel === folder || rel.startsWith(`${folder}/`));
}

/** Lists `file -> specifier` for each import of `files` that breaks the rules for `folder`. */
function findBrokenImports(folder: string, files: { path: string; text: string }[]): string[] {
  const mayImport = allowed[folder] ?? [];
  const broken: string[] = [];
  for (const { path, text } of files) {
    for (const specifier of importsOf(text)) {
      if (specifier.startsWith('.')) {
        const target = folderOf(resolve(path, '..', specifier));
        if (target && target !== folder && !mayImport.includes(target)) {
          broken.push(`${relative(root, path)} -> ${specifier}`);
        }
      } else if (
        bannedPackages[folder]?.some(
          (name) => specifier === name || specifier.startsWith(`${name}/`),
        )
      ) {
        broken.push(`${relative(root, path)} -> ${specifier}`);
      }
    }
  }

  return broken;
}

test('the import rule fires on a forbidden import and not on an allowed one', () => {
  const path = join(root, 'src/contract/example.ts');
  const files = [
    {
      path,
      text: "import { x } from '../mock/server.ts';\nimport { test } from '@playwright/test';",
    },
    { path, text: "import { y } from './spec.ts';\nimport Ajv from 'ajv';" },
  ];

  expect(findBrokenImports('src/contract', files)).toEqual([
    'src/contract/example.ts -> ../mock/server.ts',
    'src/contract/example.ts -> @playwright/test',
  ]);
});

for (const folder of Object.keys(allowed)) {
  test(`${folder} imports only what ARCHITECTURE.md allows`, () => {
    const files = listSources(folder).map((path) => ({ path, text: readFileSync(path, 'utf8') }));

    expect(findBrokenImports(folder, files), 'imports that break the rules').toEqual([]);
  });
}
