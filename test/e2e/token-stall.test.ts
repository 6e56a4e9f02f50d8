/**
 * A tenant whose token endpoint stalls: at the preflight the run stops at once with one line
 * naming SAIL_BASE_URL and the limit (exit 2); after the preflight each stalled token request is
 * a `response_timely` finding and three in a row stop the run (exit 1), never a harness error.
 * A small proxy in front of the mock holds `/oauth/token` requests after the first few open.
 */
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { type RunningMockTenant, startMockTenant } from '../../src/mock/server.ts';
import { runConformance, tenantSettings } from './harness.ts';

test.describe.configure({ timeout: 180_000 });

/** A proxy to `target` that answers the first `passing` token requests and holds the rest. */
interface StallingProxy {
  url: string;
  /** Token requests seen so far, answered or held. */
  tokenRequests: () => number;
  close: () => Promise<void>;
}

async function startStallingProxy(target: string, passing: number): Promise<StallingProxy> {
  let tokenRequests = 0;
  const server: Server = createServer((incoming, outgoing) => {
    if (incoming.url?.startsWith('/oauth/token')) {
      tokenRequests += 1;
      // Held: never answered, as a stalled gateway would leave it.
      if (tokenRequests > passing) return;
    }
    const upstream = forward(
      new URL(incoming.url ?? '/', target),
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    tokenRequests: () => tokenRequests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}

let mock: RunningMockTenant;
test.beforeAll(async () => {
  mock = await startMockTenant();
});
test.afterAll(async () => mock.close());

test('a token endpoint stalled at the preflight stops the run in one line naming SAIL_BASE_URL and the limit (exit 2)', async () => {
  const proxy = await startStallingProxy(mock.url, 0);
  try {
    const run = await runConformance({
      ...tenantSettings(proxy.url),
      HARNESS_REQUEST_TIMEOUT_MS: '300',
    });
    const lines = run.stderr.trim().split('\n');

    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `conformance: SAIL_BASE_URL: ${proxy.url}/oauth/token sent no response within 300 ms; check that the tenant is up and answering, or raise HARNESS_REQUEST_TIMEOUT_MS`,
    );
    expect(run.results).toBeUndefined();
    expect(proxy.tokenRequests()).toBe(1);
  } finally {
    await proxy.close();
  }
});

test('a token endpoint that stalls after the preflight: timeouts are findings and the run stops after three in a row', async () => {
  // The preflight asks once per role (admin, user, app); every token request after those stalls.
  const proxy = await startStallingProxy(mock.url, 3);
  try {
    const started = Date.now();

    const run = await runConformance(
      { ...tenantSettings(proxy.url), HARNESS_REQUEST_TIMEOUT_MS: '300' },
      ['--grep', 'createSendToken|sendKbaAnswers'],
    );

    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(Date.now() - started).toBeLessThan(90_000);
    expect(run.results?.harnessErrors).toEqual([]);
    const findings = run.results?.cells.flatMap((cell) => cell.findings) ?? [];
    const timely = findings.filter((finding) => finding.check === 'response_timely');
    expect(timely.map((finding) => finding.message)).toEqual(
      Array(3).fill(
        'createOAuthToken: no response within 300 ms (limit set by HARNESS_REQUEST_TIMEOUT_MS)',
      ),
    );
    const stopped = run.results?.tests.filter((t) => t.reason?.includes('stopped answering')) ?? [];
    expect(stopped.length).toBeGreaterThan(0);
    expect(stopped[0]?.reason).toBe(
      'target stopped answering: 3 requests in a row got no response within 300 ms (HARNESS_REQUEST_TIMEOUT_MS)',
    );
    expect(proxy.tokenRequests()).toBe(6);
  } finally {
    await proxy.close();
  }
});
