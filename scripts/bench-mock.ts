/**
 * `npm run bench:mock`: loads POST /beta/mfa/token/send (valid token, valid body) with
 * autocannon on the mock tenant, on a bare node:http server answering the same route, and on
 * Stoplight Prism's mock of the same spec when it is installed, all in one run, and prints
 * req/s and p50/p99 latency for each. Every server runs in a process of its own (the mock as
 * `npm run mock` starts it, logs off) and autocannon in this one. Figures are for the report, never a test assertion.
 *
 * Settings: BENCH_DURATION (seconds per target, default 10), BENCH_CONNECTIONS (default 10).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { specFiles } from '../src/contract/spec.ts';
import { readCount } from './read-count.ts';

const duration = readCount('bench:mock', 'BENCH_DURATION', 10, 1, 3600);
const connections = readCount('bench:mock', 'BENCH_CONNECTIONS', 10, 1, 1000);
const root = fileURLToPath(new URL('..', import.meta.url));
const prismBin = `${root}node_modules/.bin/prism`;
const tsxBin = `${root}node_modules/.bin/tsx`;

interface Target {
  name: string;
  url: string;
  token: string;
  body: string;
}

interface Row {
  target: string;
  reqPerSec: number;
  'p50 ms': number;
  'p99 ms': number;
  non2xx: number;
  errors: number;
}

async function load(target: Target, seconds: number): Promise<Row> {
  const result = await autocannon({
    url: target.url,
    method: 'POST',
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
    body: target.body,
  });

  return {
    target: target.name,
    reqPerSec: Math.round(result.requests.average),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** A server in a process of its own; resolves with its URL once it prints `listening on`. */
function startServer(
  name: string,
  script: string,
  args: string[] = [],
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(tsxBin, [script, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';

  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (!url) return;
      child.stdout?.off('data', onData);
      resolve({
        url,
        stop: () =>
          new Promise((stopped) => {
            if (child.exitCode !== null) return stopped();
            child.once('exit', () => stopped());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) =>
      reject(new Error(`${name} exited with ${code} before listening: ${output.trim()}`)),
    );
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));

  return port;
}

/** Starts `prism mock` on the spec; resolves once it says it listens. */
async function startPrism(): Promise<{ url: string; child: ChildProcess } | undefined> {
  if (!existsSync(prismBin)) return undefined;

  const port = await freePort();
  const child = spawn(
    prismBin,
    ['mock', specFiles.mfaController, '-h', '127.0.0.1', '-p', String(port), '-v', 'error'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // With `-v error` Prism prints nothing on start (and nothing per request), so probe the port.
  const url = `http://127.0.0.1:${port}/mfa/token/send`;
  let started = false;
  for (let attempt = 0; attempt < 150 && !started && child.exitCode === null; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    started = await fetch(url, { method: 'POST' }).then(
      () => true,
      () => false,
    );
  }
  if (!started) {
    child.kill('SIGTERM');
    return undefined;
  }

  // Prism routes the spec's paths without the server's /beta base path.
  return { url, child };
}

// Each server in a process of its own, as users run them (`npm run mock`, Prism's CLI), so none
// shares an event loop, a heap or a garbage collector with the load generator.
const mock = await startServer('the mock tenant', 'src/mock/cli.ts', [
  '--port',
  '0',
  '--controls',
  '--rate-max',
  '1000000000',
  '--log-level',
  'silent',
]);
const token = await fetch(`${mock.url}/oauth/token`, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: 'grant_type=client_credentials&client_id=mock-admin&client_secret=mock-admin-secret',
});
const accessToken = ((await token.json()) as { access_token: string }).access_token;
const identities = await fetch(`${mock.url}/__mock/identities`);
const [first] = (await identities.json()) as { alias: string }[];
const body = JSON.stringify({ userAlias: first?.alias, deliveryType: 'SMS_WORK' });

const bare = await startServer('the bare node:http server', 'scripts/bench-bare-server.ts');
const prism = await startPrism();
const targets: Target[] = [
  {
    name: 'mock tenant (Fastify)',
    url: `${mock.url}/beta/mfa/token/send`,
    token: accessToken,
    body,
  },
  { name: 'bare node:http', url: `${bare.url}/beta/mfa/token/send`, token: accessToken, body },
];
if (prism) targets.push({ name: 'Stoplight Prism mock', url: prism.url, token: accessToken, body });

console.log(
  `autocannon: ${connections} connections, ${duration} s per target, POST /beta/mfa/token/send`,
);
const rows: Row[] = [];
try {
  for (const target of targets) {
    await load(target, 1);
    rows.push(await load(target, duration));
  }
} finally {
  await mock.stop();
  await bare.stop();
  prism?.child.kill('SIGTERM');
}

console.table(rows);
const [mockRow, bareRow, prismRow] = rows;
if (mockRow && bareRow) {
  console.log(`mock / bare req/s: ${(mockRow.reqPerSec / bareRow.reqPerSec).toFixed(2)}x`);
}
if (mockRow && prismRow)
  console.log(`mock / Prism req/s: ${(mockRow.reqPerSec / prismRow.reqPerSec).toFixed(2)}x`);
if (!prismRow) console.log('Prism: not installed or did not start; its row is left out.');
