/**
 * Bad input never crashes the mock: thousands of malformed requests (random bytes, truncated
 * JSON, deep nesting, huge strings, wrong methods, odd headers, bad encodings, broken HTTP),
 * each answered with a documented 4xx and a valid body; a good request works afterwards.
 * The generator is seeded, so a failing case can be replayed.
 */
import { connect } from 'node:net';
import { expect, test } from '@playwright/test';
import { schemaValidator } from '../../src/contract/schema.ts';
import { escapePointer, loadSpec, specFiles } from '../../src/contract/spec.ts';
import type { TestMock } from './helpers.ts';
import {
  isFullErrorResponse,
  operationPaths,
  startTestMock,
  validateErrorResponse,
} from './helpers.ts';

const seed = Number(process.env.FUZZ_SEED ?? 20_240_601);
const fetchCases = 3000;
const rawCases = 300;

/** mulberry32: small, seedable, good enough to pick cases. */
function createRandom(start: number) {
  let state = start >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const bytes = (length: number) => Uint8Array.from({ length }, () => int(256));
  const text = (length: number) =>
    String.fromCharCode(...Array.from({ length }, () => 32 + int(95)));

  return { next, int, pick, bytes, text };
}

type Random = ReturnType<typeof createRandom>;

interface FuzzCase {
  id: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
}

const concretePaths = Object.entries(operationPaths).map(([operationId, path]) => ({
  operationId,
  path: path.replace('{method}', 'okta-verify'),
}));

function randomJson(random: Random, depth = 0): unknown {
  const kind = random.int(depth > 3 ? 5 : 7);
  if (kind === 0) return null;
  if (kind === 1) return random.next() < 0.5;
  if (kind === 2) return random.int(2 ** 31) - 2 ** 30;
  if (kind === 3) return random.text(random.int(20));
  if (kind === 4)
    return random.pick(['SMS_WORK', 'okta-verify', '', 'null', '{}', '\u0000', '\ud800']);
  if (kind === 5) return Array.from({ length: random.int(4) }, () => randomJson(random, depth + 1));
  const keys = [
    'userAlias',
    'deliveryType',
    'token',
    'userId',
    'signedResponse',
    'requestId',
    'id',
    'answer',
    '__proto__',
    'constructor',
  ];
  return Object.fromEntries(
    Array.from({ length: random.int(5) }, () => [random.pick(keys), randomJson(random, depth + 1)]),
  );
}

function makeBody(
  random: Random,
  isValid: (value: unknown) => boolean,
): { id: string; body: string | Uint8Array; contentType?: string } {
  switch (random.int(10)) {
    case 0:
      return { id: 'random bytes', body: random.bytes(1 + random.int(512)) };
    case 1: {
      const text = JSON.stringify({
        userAlias: random.text(10),
        deliveryType: 'SMS_WORK',
        token: '123456',
      });
      return { id: 'truncated JSON', body: text.slice(0, 1 + random.int(text.length - 1)) };
    }
    case 2: {
      const depth = 100 + random.int(20_000);
      return {
        id: `nesting ${depth} deep`,
        body:
          random.next() < 0.5
            ? `${'['.repeat(depth)}${']'.repeat(depth)}`
            : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
      };
    }
    case 3: {
      const size = random.pick([1000, 30_000, 60_000, 70_000, 200_000]);
      return {
        id: `a ${size}-character string`,
        body: JSON.stringify({ userAlias: 'x'.repeat(size), deliveryType: 'SMS_WORK' }),
      };
    }
    case 4:
      return {
        id: 'invalid UTF-8',
        body: Uint8Array.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
      };
    case 5:
      return {
        id: 'UTF-16 with BOM',
        body: Buffer.from(`\ufeff${JSON.stringify({ requestId: 'x' })}`, 'utf16le'),
      };
    case 6:
      return {
        id: 'latin1 charset',
        body: '{"userAlias":"caf\u00e9"}',
        contentType: 'application/json; charset=iso-8859-1',
      };
    default: {
      let value = randomJson(random);
      if (isValid(value)) value = { unexpected: value };
      return { id: 'JSON of the wrong shape', body: JSON.stringify(value) };
    }
  }
}

function makeFetchCase(
  random: Random,
  token: string,
  validators: Map<string, (value: unknown) => boolean>,
): FuzzCase {
  const { operationId, path } = random.pick(concretePaths);
  const version = random.pick(['beta', 'v3']);
  const body = makeBody(random, validators.get(operationId) ?? (() => false));
  const headers: Record<string, string> = {
    authorization: `Bearer ${token}`,
    'content-type': body.contentType ?? 'application/json',
  };
  let method = 'POST';
  let url = `/${version}${path}`;
  let id = body.id;

  switch (random.int(12)) {
    case 0:
      method = random.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
      id = `method ${method}`;
      break;
    case 1:
      headers['content-type'] = random.pick([
        'text/plain',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/json-patch+json',
        '*/*',
        ';;;',
        'application/json; charset="',
      ]);
      id = `content type ${headers['content-type']}`;
      break;
    case 2:
      headers.authorization = random.pick([
        'Bearer',
        'Bearer ',
        'bearer a.b.c',
        `Bearer ${token}x`,
        'Basic Og==',
        `Bearer ${'a'.repeat(4000)}`,
        'Token abc',
      ]);
      id = 'odd Authorization';
      break;
    case 3:
      headers['content-encoding'] = random.pick(['gzip', 'br', 'deflate', 'identity']);
      id = `content encoding ${headers['content-encoding']}`;
      break;
    case 4:
      url = `/${version}${random.pick(['/mfa/%zz/poll', '/mfa/%E0%A4%A/poll', '/mfa/okta%00verify/poll', '/mfa/token//send', `/mfa/${'x'.repeat(300)}/poll`, '/mfa/../mfa/token/send', '/mfa/token/send?x=%ff'])}`;
      id = `odd path ${url.slice(0, 40)}`;
      break;
    case 5:
      headers['x-forwarded-for'] = random.text(100);
      headers['slpt-forwarding'] = random.text(random.int(60));
      id = 'odd forwarding headers';
      break;
    default:
      break;
  }

  return {
    id,
    method,
    path: url,
    headers,
    body: method === 'GET' || method === 'OPTIONS' ? undefined : body.body,
  };
}

const rawRequests = (token: string): { id: string; bytes: string | Buffer }[] => [
  { id: 'not HTTP at all', bytes: 'GARBAGE\r\n\r\n' },
  {
    id: 'a header without a colon',
    bytes: 'POST /beta/mfa/token/send HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n',
  },
  {
    id: 'a control character in a header',
    bytes: 'POST /beta/mfa/token/send HTTP/1.1\r\nHost: x\r\nX-A: a\u0001b\r\n\r\n',
  },
  { id: 'an unknown HTTP version', bytes: 'POST /beta/mfa/token/send HTTP/9.9\r\nHost: x\r\n\r\n' },
  {
    id: 'a bad chunk size',
    bytes: `POST /beta/mfa/token/send HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
  },
  {
    id: 'Content-Length and chunked together',
    bytes:
      'POST /beta/mfa/token/send HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n{}',
  },
  {
    id: 'a non-numeric Content-Length',
    bytes: 'POST /beta/mfa/token/send HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}',
  },
  { id: 'a 100 KB URL', bytes: `POST /beta/${'a'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\n\r\n` },
  { id: 'a NUL in the path', bytes: 'POST /beta/mfa/token\u0000/send HTTP/1.1\r\nHost: x\r\n\r\n' },
  { id: 'an unknown method', bytes: 'FROB /beta/mfa/token/send HTTP/1.1\r\nHost: x\r\n\r\n' },
  {
    id: 'a chunked body that is not JSON',
    bytes: `POST /beta/mfa/kba/authenticate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\n[[[\r\n0\r\n\r\n`,
  },
];

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function sendRaw(url: URL, bytes: string | Buffer): Promise<RawAnswer | 'closed'> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(3000, () => {
      socket.destroy();
      reject(new Error('no answer within 3 s'));
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      if (end < 0) {
        resolve('closed');
        return;
      }

      const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      const length = Number(headers['content-length'] ?? 0);
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers,
        body: Buffer.from(text.slice(end + 4), 'latin1')
          .subarray(0, length)
          .toString('utf8'),
      });
    });
    socket.write(bytes);
    // Half-close so requests that wait for more body end; the answer still comes back.
    setTimeout(() => socket.end(), 200);
  });
}

async function checkAnswer(
  status: number,
  headers: Record<string, string>,
  text: string,
  method: string,
): Promise<string[]> {
  const problems: string[] = [];
  if (![400, 401, 403, 404, 429].includes(status)) problems.push(`status ${status}`);
  if (method === 'HEAD') return problems;
  if (!/^application\/json/.test(headers['content-type'] ?? ''))
    problems.push(`content type ${headers['content-type']}`);
  if (Number(headers['content-length']) !== Buffer.byteLength(text))
    problems.push('content length');

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [...problems, `body not JSON: ${text.slice(0, 80)}`];
  }

  if (status === 401 && typeof (body as { error?: unknown }).error !== 'string')
    problems.push('401 error not a string');
  if (status === 429 && typeof (body as { message?: unknown }).message !== 'string')
    problems.push('429 message not a string');
  if ([400, 403, 404].includes(status)) {
    if ((await validateErrorResponse(body)).length > 0 || !isFullErrorResponse(body))
      problems.push(`${status} body not an ErrorResponseDto`);
  }

  return problems;
}

let mock: TestMock;
test.beforeAll(async () => {
  mock = await startTestMock();
});
test.afterAll(async () => mock.close());

test.describe(`fuzzing the mock (seed ${seed})`, () => {
  test.setTimeout(180_000);

  test(`${fetchCases} malformed requests each get a documented 4xx with a valid body`, async () => {
    const spec = await loadSpec(specFiles.mfaController);
    const validators = new Map(
      Object.entries(operationPaths).map(([operationId, path]) => {
        const validate = schemaValidator(
          spec,
          `#/paths/${escapePointer(path)}/post/requestBody/content/application~1json/schema`,
        );
        return [operationId, (value: unknown) => validate(value).length === 0] as const;
      }),
    );
    const random = createRandom(seed);
    const token = await mock.token('admin');
    const failures: string[] = [];
    const seen = new Map<number, number>();

    const cases = Array.from({ length: fetchCases }, () =>
      makeFetchCase(random, token, validators),
    );
    for (let start = 0; start < cases.length; start += 8) {
      await Promise.all(
        cases.slice(start, start + 8).map(async (fuzz, offset) => {
          const init: RequestInit = { method: fuzz.method, headers: fuzz.headers };
          if (fuzz.body !== undefined) {
            init.body = typeof fuzz.body === 'string' ? fuzz.body : new Uint8Array(fuzz.body);
          }
          const label = `#${start + offset} ${fuzz.id} (${fuzz.method} ${fuzz.path.slice(0, 60)})`;
          try {
            const response = await fetch(`${mock.url}${fuzz.path}`, init);
            const text = await response.text();
            const headers: Record<string, string> = {};
            response.headers.forEach((value, name) => {
              headers[name] = value;
            });
            seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
            const problems = await checkAnswer(response.status, headers, text, fuzz.method);
            if (problems.length > 0) failures.push(`${label}: ${problems.join('; ')}`);
          } catch (error) {
            failures.push(`${label}: ${(error as Error).message}`);
          }
        }),
      );
    }

    expect(failures.slice(0, 20)).toEqual([]);
    // The cases reach every stage: validation (400), authentication (401) and routing (404).
    expect([...seen.keys()].sort()).toEqual([400, 401, 404]);
    test.info().annotations.push({
      type: 'statuses',
      description: JSON.stringify(Object.fromEntries(seen)),
    });
  });

  test(`${rawCases} broken HTTP requests each get a 400 with an ErrorResponseDto, or a closed connection`, async () => {
    const random = createRandom(seed + 1);
    const token = await mock.token('admin');
    const url = new URL(mock.url);
    const fixed = rawRequests(token);
    const failures: string[] = [];
    let answered = 0;

    for (let index = 0; index < rawCases; index += 1) {
      const useFixed = index < fixed.length * 3;
      const request = useFixed
        ? (fixed[index % fixed.length] as { id: string; bytes: string | Buffer })
        : {
            id: 'random bytes as HTTP',
            bytes: Buffer.concat([
              Buffer.from(
                random.pick(['POST ', 'GET /', '', 'POST /beta/mfa/token/send HTTP/1.1\r\n']),
              ),
              Buffer.from(random.bytes(1 + random.int(300))),
            ]),
          };
      const answer = await sendRaw(url, request.bytes);
      if (answer === 'closed') continue;

      answered += 1;
      const problems = await checkAnswer(answer.status, answer.headers, answer.body, 'POST');
      if (problems.length > 0) failures.push(`#${index} ${request.id}: ${problems.join('; ')}`);
    }

    expect(failures.slice(0, 20)).toEqual([]);
    expect(answered).toBeGreaterThan(rawCases / 2);
    test.info().annotations.push({ type: 'answered', description: `${answered} of ${rawCases}` });
  });

  test('the mock still serves a good request afterwards', async () => {
    const identity = await mock.identity(0);

    const response = await mock.call('/beta/mfa/token/send', {
      body: { userAlias: identity.alias, deliveryType: 'SMS_WORK' },
    });

    expect(response.status).toBe(200);
    expect((await mock.control('GET', '/health')).json).toEqual({ ok: true });
  });
});
