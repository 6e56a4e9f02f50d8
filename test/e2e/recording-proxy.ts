/**
 * A recording HTTP proxy for the end-to-end tests: it stands between the harness and a
 * standalone mock, forwards every request unchanged and keeps what went by, so a test can prove
 * what the harness sent (and did not send) without trusting the harness' own reports.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request that went through the proxy and what came back. */
export interface ProxiedExchange {
  method: string;
  /** Path and query, as the harness sent them. */
  url: string;
  requestBody: string;
  /** The upstream's status; `0` when it gave no answer. */
  status: number;
  responseBody: string;
}

/** What `startRecordingProxy` resolves to. */
export interface RecordingProxy {
  url: string;
  /** Every exchange so far, in the order the answers came back. */
  exchanges: ProxiedExchange[];
  close: () => Promise<void>;
}

/** Called before a request is forwarded (for example to arm a fault on the mock for it). */
export type BeforeForward = (request: {
  method: string;
  url: string;
  body: string;
}) => Promise<void>;

const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host']);

function forwardedHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !hopByHop.has(name)) out[name] = value;
  }

  return out;
}

/** Starts a proxy on a free port in front of `upstream` (an `http://host:port` origin). */
export async function startRecordingProxy(
  upstream: string,
  beforeForward?: BeforeForward,
): Promise<RecordingProxy> {
  const target = new URL(upstream);
  const exchanges: ProxiedExchange[] = [];

  const server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const method = incoming.method ?? 'GET';
    const url = incoming.url ?? '/';
    const record: ProxiedExchange = {
      method,
      url,
      requestBody: body.toString('utf8'),
      status: 0,
      responseBody: '',
    };
    await beforeForward?.({ method, url, body: record.requestBody });

    const upstreamRequest = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method,
        path: url,
        headers: forwardedHeaders(incoming.headers),
      },
      async (answer) => {
        const parts: Buffer[] = [];
        for await (const part of answer) parts.push(part as Buffer);
        const text = Buffer.concat(parts);
        record.status = answer.statusCode ?? 0;
        record.responseBody = text.toString('utf8');
        exchanges.push(record);
        // The harness may have given up on a stalled request: its socket is gone by now.
        if (outgoing.destroyed) return;
        const headers = forwardedHeaders(answer.headers);
        headers['content-length'] = String(text.length);
        outgoing.writeHead(answer.statusCode ?? 502, headers);
        outgoing.end(text);
      },
    );
    upstreamRequest.on('error', () => {
      exchanges.push(record);
      outgoing.destroy();
    });
    upstreamRequest.end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    exchanges,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
