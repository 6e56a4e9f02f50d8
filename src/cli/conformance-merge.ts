/**
 * `npm run conformance:merge -- [blob folders...]`: for sharded runs. Gathers the blob reports
 * (`report-<shard>.zip`) the shards wrote to reports/blob, from one or more folders (searched
 * recursively, as CI artifact downloads nest them; other zips such as traces are skipped), merges them with merge.config.ts into the
 * same HTML report, junit.xml, results.json and matrix as one unsharded run, then exits with the
 * code that run would have earned: 0, 1 or 3 (see README, Exit codes); 2 when no blob is found.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { exitWithResults, fail } from './results-exit.ts';

const tool = 'conformance:merge';
const root = resolve(import.meta.dirname, '../..');
const reportsDir = resolve(process.env.HARNESS_REPORTS_DIR?.trim() || 'reports');

function blobFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return blobFiles(path);
    // Blob reports are report.zip or report-<shard>.zip; traces and other zips are not blobs.
    return /^report.*\.zip$/.test(name) ? [path] : [];
  });
}

/** Copies every blob into one folder, as merge-reports reads one; equal names get a prefix. */
function gatherBlobs(folders: string[]): { folder: string; count: number } {
  const staging = mkdtempSync(join(tmpdir(), 'conformance-blobs-'));
  const used = new Set<string>();
  let count = 0;
  folders.forEach((folder, index) => {
    if (!existsSync(folder) || !statSync(folder).isDirectory()) {
      fail(2, `${folder} is not a folder; pass the folders holding the shards' blob reports`, tool);
    }
    for (const file of blobFiles(folder)) {
      let name = basename(file);
      if (used.has(name)) name = `${index + 1}-${count}-${name}`;
      used.add(name);
      copyFileSync(file, join(staging, name));
      count += 1;
    }
  });

  return { folder: staging, count };
}

function mergeReports(folder: string): Promise<number> {
  const cli = resolve(root, 'node_modules/@playwright/test/cli.js');
  const config = resolve(root, 'merge.config.ts');
  const child = spawn(process.execPath, [cli, 'merge-reports', '--config', config, folder], {
    stdio: 'inherit',
    env: process.env,
  });

  return new Promise((done) => {
    child.on('exit', (code, signal) => done(code ?? (signal ? 130 : 3)));
    child.on('error', () => done(3));
  });
}

let folders: string[];
try {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  folders =
    positionals.length > 0 ? positionals.map((f) => resolve(f)) : [join(reportsDir, 'blob')];
} catch (error) {
  fail(
    2,
    `${(error as Error).message}; usage: npm run conformance:merge -- [blob folders...]`,
    tool,
  );
}

const blobs = gatherBlobs(folders);
if (blobs.count === 0) {
  rmSync(blobs.folder, { recursive: true, force: true });
  fail(
    2,
    `no blob report (report*.zip) in ${folders.join(', ')}; run the shards with --shard=i/n first`,
    tool,
  );
}

rmSync(resolve(reportsDir, 'results.json'), { force: true });
const mergeExit = await mergeReports(blobs.folder);
rmSync(blobs.folder, { recursive: true, force: true });

// merge-reports exits 1 only when a reporter failed; results.json says how the tests went.
exitWithResults(reportsDir, mergeExit);
