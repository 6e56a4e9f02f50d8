/**
 * `npm run bench:mock`: loads POST /beta/mfa/token/send (valid token, valid body) with
 * autocannon on the mock tenant, on a bare node:http server answering the same route, and on
 * Stoplight Prism's mock of the same spec when it is installed, all in one run, and prints
 * req/s and p50/p99 latency for each. Figures are for the report, never a test assertion.
 *
 * Settings: BENCH_DURATION (seconds per target, default 10), BENCH_CONNECTIONS (default 10).
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { specFiles } from '../src/contract/spec.ts';
import { startMockTenant } from '../src/mock/server.ts';
import { readCount } from './read-count.ts';

const duration = readCount('bench:mock', 'BENCH_DURATION', 10, 1, 3600);
const connections = readCount('bench:mock', 'BENCH_CONNECTIONS', 10, 1, 1000);
const root = fileURLToPath(new URL('..', import.meta.url));
const prismBin = `${root}node_modules/.bin/prism`;

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
    // The load runs in a worker thread, so it does not share the servers' event loop.
    workers: 1,
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

/** The same route answered by plain node:http: parse the JSON body, answer a fixed 200. */
async function startBareServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/beta/mfa/token/send') {
        response.writeHead(404).end();
        return;
      }

      JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const body = JSON.stringify({
        requestId: randomBytes(16).toString('hex'),
        status: 'SUCCESS',
        errorMessage: null,
      });
      response.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/beta/mfa/token/send`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
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

const mock = await startMockTenant({
  controls: true,
  rateLimit: { max: 1_000_000_000, windowMs: 10_000 },
  logLevel: 'silent',
});
const token = await mock.app.inject({
  method: 'POST',
  url: '/oauth/token',
  payload: 'grant_type=client_credentials&client_id=mock-admin&client_secret=mock-admin-secret',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});
const accessToken = (token.json() as { access_token: string }).access_token;
const identities = await mock.app.inject({ method: 'GET', url: '/__mock/identities' });
const [first] = identities.json() as { alias: string }[];
const body = JSON.stringify({ userAlias: first?.alias, deliveryType: 'SMS_WORK' });

const bare = await startBareServer();
const prism = await startPrism();
const targets: Target[] = [
  {
    name: 'mock tenant (Fastify)',
    url: `${mock.url}/beta/mfa/token/send`,
    token: accessToken,
    body,
  },
  { name: 'bare node:http', url: bare.url, token: accessToken, body },
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
  await mock.close();
  await bare.close();
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
