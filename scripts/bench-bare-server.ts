/**
 * The benchmark's baseline: plain node:http answering `POST /beta/mfa/token/send` the way the
 * mock does (read the JSON body, answer a 200 SendTokenResponse), nothing else. Started by
 * `npm run bench:mock` in a process of its own; prints `listening on <url>` and serves until
 * it is signalled.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

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
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening on http://127.0.0.1:${port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
