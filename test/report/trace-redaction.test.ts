/**
 * Trace redaction on archives shaped like Playwright's (event lines as APIRequestContext.fetch
 * records them, HAR entries in trace.network, bodies under resources/): every secret is masked,
 * what is not secret stays, and the archive still reads back with its references intact.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { MASK, Redactor } from '../../src/contract/redact.ts';
import { TraceRedaction } from '../../src/report/trace-redaction.ts';
import TraceRedactor from '../../src/report/trace-redactor.ts';

const clientSecret = 'conf1gured-s3cret';
/** A token the run was issued; the reporter cannot know it, only find it in the trace. */
const opaqueToken = 'opaque-t0ken-5f2e91';
const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJjbGllbnRfaWQiOiJtb2NrLWFkbWluIn0.c2lnbmF0dXJl';
const code = '480913';
const answer = 'Beatty School';
const duo = 'AUTH|YWRh|0a1b2c3d:APP|YWRh|76543210';
const tokenBody = 'resources/1111111111111111111111111111111111111111.json';
const formBody = 'resources/2222222222222222222222222222222222222222.dat';
const outboxBody = 'resources/3333333333333333333333333333333333333333.json';
const screenshot = 'resources/4444444444444444444444444444444444444444.png';

const lines = (...values: unknown[]) => values.map((value) => JSON.stringify(value)).join('\n');

/** A trace of one test that fetched a token, read the outbox and sent a code. */
function makeTrace(): Uint8Array {
  const fetch = (callId: string, params: Record<string, unknown>) => ({
    type: 'before',
    callId,
    class: 'APIRequestContext',
    method: 'fetch',
    params,
  });
  const events = lines(
    { version: 10, type: 'context-options', title: 'sends a code' },
    fetch('c1', {
      url: 'http://127.0.0.1:4010/oauth/token',
      method: 'POST',
      formData: [
        { name: 'grant_type', value: 'client_credentials' },
        { name: 'client_secret', value: clientSecret },
      ],
    }),
    fetch('c2', {
      url: 'http://127.0.0.1:4010/beta/mfa/token/authenticate',
      method: 'POST',
      headers: [
        { name: 'content-type', value: 'application/json' },
        { name: 'authorization', value: `Bearer ${opaqueToken}` },
      ],
      jsonData: JSON.stringify({ userAlias: 'ada.lovelace', token: code }),
    }),
    fetch('c3', {
      url: 'http://127.0.0.1:4010/beta/mfa/kba/authenticate',
      method: 'POST',
      postData: Buffer.from(JSON.stringify([{ id: 'q-school', answer }])).toString('base64'),
    }),
    { type: 'log', callId: 'c2', message: `  authorization: Bearer ${opaqueToken}` },
    { type: 'log', callId: 'c2', message: `  x-api-key: ${opaqueToken}` },
    { type: 'stdout', text: `the code ${code} and ${duo} and ${jwt}` },
    { type: 'after', callId: 'c2', result: { response: { status: 200, url: 'http://x/y' } } },
  );
  const network = lines(
    {
      type: 'resource-snapshot',
      snapshot: {
        request: {
          method: 'POST',
          url: 'http://127.0.0.1:4010/oauth/token',
          headers: [{ name: 'cookie', value: `session=${opaqueToken}` }],
          cookies: [{ name: 'session', value: 'cookie-v4lue' }],
          postData: {
            mimeType: 'application/x-www-form-urlencoded',
            params: [{ name: 'client_secret', value: clientSecret }],
            _file: formBody,
          },
        },
        response: {
          status: 200,
          content: { mimeType: 'application/json; charset=utf-8', _file: tokenBody },
        },
      },
    },
    {
      type: 'resource-snapshot',
      snapshot: {
        request: { method: 'GET', url: 'http://127.0.0.1:4010/__mock/outbox' },
        response: { status: 200, content: { mimeType: 'application/json', _file: outboxBody } },
      },
    },
  );

  return zipSync({
    'test.trace': strToU8(lines({ type: 'before', title: `Expect "toBe" ${code}` })),
    '0-trace.trace': strToU8(events),
    '0-trace.network': strToU8(network),
    '0-trace.stacks': strToU8(JSON.stringify({ files: ['/repo/suites/a.spec.ts'], stacks: [] })),
    [tokenBody]: strToU8(JSON.stringify({ access_token: opaqueToken, expires_in: 43199 })),
    [formBody]: strToU8(`grant_type=client_credentials&client_secret=${clientSecret}`),
    [outboxBody]: strToU8(JSON.stringify([{ alias: 'ada.lovelace', code }])),
    [screenshot]: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00, 0x01]),
  });
}

/** Text plus the base64 `postData` bodies it holds, decoded: what a reader of the trace sees. */
function withDecodedBodies(text: string): string {
  const bodies = [...text.matchAll(/"postData":"([A-Za-z0-9+/=]+)"/g)].map((match) =>
    Buffer.from(match[1] ?? '', 'base64').toString('utf8'),
  );

  return [text, ...bodies].join('\n');
}

function redactorWithConfiguredSecret(): TraceRedaction {
  const redactor = new Redactor();
  redactor.addSecret(clientSecret);

  return new TraceRedaction(redactor);
}

/** Harvests then redacts, as the reporter does, and returns every entry as text. */
function redactAll(archive: Uint8Array): Record<string, string> {
  const traces = redactorWithConfiguredSecret();
  traces.harvest(archive);
  const masked = traces.redact(archive);
  if (!masked) throw new Error('nothing was masked');

  return Object.fromEntries(
    Object.entries(unzipSync(masked)).map(([name, data]) => [name, strFromU8(data, true)]),
  );
}

test.describe('TraceRedaction', () => {
  const secrets = [
    { id: 'the configured client secret (form field, HAR params, form body)', want: clientSecret },
    { id: 'a token found only in a token response', want: opaqueToken },
    { id: 'an MFA code (JSON body, outbox, stdout, step title)', want: code },
    { id: 'a KBA answer inside a base64 postData', want: answer },
    { id: 'a Duo signed response', want: duo },
    { id: 'a JWT', want: jwt },
    { id: 'a cookie value', want: 'cookie-v4lue' },
  ];
  for (const { id, want } of secrets) {
    test(`masks ${id} in every entry`, () => {
      const raw = Object.values(unzipSync(makeTrace())).map((data) => strFromU8(data, true));
      expect(withDecodedBodies(raw.join('\n'))).toContain(want);

      const entries = redactAll(makeTrace());

      for (const [name, text] of Object.entries(entries)) {
        expect(withDecodedBodies(text), name).not.toContain(want);
      }
    });
  }

  test('keeps what is not secret, every entry name and every reference', () => {
    const entries = redactAll(makeTrace());

    expect(Object.keys(entries).sort()).toEqual(Object.keys(unzipSync(makeTrace())).sort());
    const events = entries['0-trace.trace'] ?? '';
    expect(events).toContain('http://127.0.0.1:4010/beta/mfa/token/authenticate');
    expect(events).toContain('ada.lovelace');
    expect(events).toContain(`Bearer ${MASK}`);
    expect(events).toContain(`  x-api-key: ${MASK}`);
    expect(entries[tokenBody]).toBe(`{"access_token":"${MASK}","expires_in":43199}`);
    expect(entries[formBody]).toBe(`grant_type=client_credentials&client_secret=${MASK}`);
    for (const name of ['0-trace.trace', '0-trace.network', 'test.trace', '0-trace.stacks']) {
      for (const line of (entries[name] ?? '').split('\n'))
        expect(() => JSON.parse(line)).not.toThrow();
    }
    const referenced = [...(entries['0-trace.network'] ?? '').matchAll(/"_file":"([^"]+)"/g)];
    expect(referenced.map((match) => match[1])).toEqual([formBody, tokenBody, outboxBody]);
    for (const [, file] of referenced) expect(entries).toHaveProperty([file ?? '']);
  });

  test('leaves binary resources byte for byte', () => {
    const traces = redactorWithConfiguredSecret();
    const masked = traces.redact(makeTrace()) ?? new Uint8Array();

    expect(unzipSync(masked)[screenshot]).toEqual(unzipSync(makeTrace())[screenshot]);
  });

  test('returns nothing for an archive without secrets, so clean files stay untouched', () => {
    const clean = zipSync({
      'test.trace': strToU8(lines({ type: 'before', title: 'GET /beta/mfa/token/send' })),
      'resources/5555555555555555555555555555555555555555.json': strToU8('{"status":"PENDING"}'),
    });

    expect(redactorWithConfiguredSecret().redact(clean)).toBeUndefined();
    expect(redactorWithConfiguredSecret().redact(makeTrace())).toBeDefined();
  });

  test('masks traces nested in another archive (the blob report)', () => {
    const blob = zipSync({
      'report.jsonl': strToU8('{"method":"onBegin"}'),
      'resources/aaaa.zip': makeTrace(),
    });
    const traces = redactorWithConfiguredSecret();
    traces.harvest(blob);

    const masked = traces.redact(blob) ?? new Uint8Array();

    const nested = unzipSync(unzipSync(masked)['resources/aaaa.zip'] ?? new Uint8Array());
    const text = Object.values(nested).map((data) => strFromU8(data, true));
    expect(text.join('\n')).not.toContain(opaqueToken);
    expect(text.join('\n')).toContain(MASK);
  });
});

test.describe('TraceRedactor (the reporter)', () => {
  function layOutReports(): { dir: string; files: string[] } {
    const dir = mkdtempSync(join(tmpdir(), 'trace-redactor-'));
    const files = [
      join(dir, 'test-output/sends-a-code-mock/trace.zip'),
      join(dir, 'html/data/0123456789abcdef0123456789abcdef01234567.zip'),
      join(dir, 'blob/report.zip'),
    ];
    for (const file of files) {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, makeTrace());
    }

    return { dir, files };
  }

  test('rewrites every archive under the reports folder in place, names kept', async () => {
    const { dir, files } = layOutReports();
    const reporter = new TraceRedactor({ reportsDir: dir, secrets: [clientSecret] });

    await reporter.onEnd();

    for (const file of files) {
      const entries = unzipSync(readFileSync(file));
      const text = Object.values(entries).map((data) => strFromU8(data, true));
      expect(text.join('\n'), file).not.toMatch(
        new RegExp(`${clientSecret}|${opaqueToken}|${code}`),
      );
      expect(Object.keys(entries)).toContain('0-trace.network');
    }
  });

  test('masks a test trace as soon as its test ends', () => {
    const { dir, files } = layOutReports();
    const reporter = new TraceRedactor({ reportsDir: dir, secrets: [clientSecret] });
    const [traceFile = '', htmlCopy = ''] = files;
    const result = {
      attachments: [{ name: 'trace', path: traceFile, contentType: 'application/zip' }],
    };

    reporter.onTestEnd({} as never, result as never);

    expect(readFileSync(traceFile).includes(clientSecret)).toBe(false);
    // Only the test's own trace: the rest waits for the end of the run.
    expect(Buffer.from(readFileSync(htmlCopy)).length).toBe(makeTrace().length);
  });

  test('deletes an archive it cannot read and fails the run naming it', async () => {
    const { dir } = layOutReports();
    const broken = join(dir, 'test-output/broken/trace.zip');
    mkdirSync(join(broken, '..'), { recursive: true });
    writeFileSync(broken, `not a zip but ${clientSecret}`);
    const reporter = new TraceRedactor({ reportsDir: dir, secrets: [clientSecret] });

    await expect(reporter.onEnd()).rejects.toThrow(/could not read .*broken\/trace\.zip/);
    expect(existsSync(broken)).toBe(false);
  });

  test("masks the HTML report's embedded data, its step errors included, and leaves the page around it", async () => {
    const { dir } = layOutReports();
    // Playwright's step error for a timed-out fetch quotes the call log, headers and all.
    const stepError = `apiRequestContext.fetch: Timeout 2000ms exceeded.\nCall log:\n  - → POST http://127.0.0.1/beta/mfa/kba/authenticate\n    - authorization: Bearer ${jwt}\n`;
    const reportData = zipSync({
      'report.json': strToU8(JSON.stringify({ files: [{ fileId: 'abc' }] })),
      'abc.json': strToU8(
        JSON.stringify({ tests: [{ steps: [{ error: { message: stepError } }] }] }),
      ),
    });
    const before = '<!DOCTYPE html><html><body><div id="root"></div></body></html>\n';
    const page = `${before}<template id="playwrightReportBase64">data:application/zip;base64,${Buffer.from(reportData).toString('base64')}</template>`;
    const pagePath = join(dir, 'html/index.html');
    const matrixPath = join(dir, 'matrix.html');
    const matrix = '<html><body>a matrix with no embedded report</body></html>';
    writeFileSync(pagePath, page);
    writeFileSync(matrixPath, matrix);
    const reporter = new TraceRedactor({ reportsDir: dir, secrets: [clientSecret] });

    await reporter.onEnd();

    const written = readFileSync(pagePath, 'latin1');
    const embedded = /^(.*)data:application\/zip;base64,([A-Za-z0-9+/=]+)(<\/template>)$/s.exec(
      written,
    );
    expect(embedded?.[1]).toBe(`${before}<template id="playwrightReportBase64">`);
    const entries = unzipSync(Buffer.from(embedded?.[2] ?? '', 'base64'));
    expect(Object.keys(entries).sort()).toEqual(['abc.json', 'report.json']);
    const steps = strFromU8(entries['abc.json'] ?? new Uint8Array());
    expect(steps).not.toContain(jwt.split('.')[2]);
    expect(steps).toContain('Timeout 2000ms exceeded');
    expect(steps).toContain(MASK);
    expect(readFileSync(matrixPath, 'utf8')).toBe(matrix);
  });
});
