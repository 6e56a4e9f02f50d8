import { expect, test } from '@playwright/test';
import type { RecordedRequest } from '../../src/contract/index.ts';
import {
  formatCurl,
  formatFailure,
  loadContract,
  MASK,
  Redactor,
} from '../../src/contract/index.ts';
import { respond } from './support.ts';

const secret = 'kba-answer-Biscuit';
const bearer = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.c2ln';

function kbaRequest(): RecordedRequest {
  return {
    method: 'post',
    url: 'https://acme.api.identitynow.com/beta/mfa/kba/authenticate',
    headers: {
      authorization: `Bearer ${bearer}`,
      'content-type': 'application/json',
      'content-length': '42',
    },
    body: JSON.stringify([{ id: "q-o'brien", answer: secret }]),
  };
}

test.describe('failure layout', () => {
  test('shows operation and checks, findings, status and body, then a masked curl, in that order', async () => {
    const redactor = new Redactor();
    redactor.addSecret(secret);
    const contract = await loadContract({ redactor });
    const response = respond(200, { status: 'EXPIRED', echo: secret, kbaAuthResponseItems: [] });
    const findings = contract.check(response, { operationId: 'sendKbaAnswers' });

    const text = formatFailure({ findings, response, request: kbaRequest() }, { redactor });

    expect(text.split('\n').slice(0, 6)).toEqual([
      'sendKbaAnswers: body_conforms, keys_documented (2 findings)',
      '',
      '1. body_conforms [failure] at /status',
      '   expected: one of "PENDING", "SUCCESS", "FAILED", "LOCKOUT", "NOT_ENOUGH_DATA"',
      '   received: "EXPIRED"',
      '   /status must be equal to one of the allowed values',
    ]);
    expect(text).toContain('2. keys_documented [warning, strict] at /echo');
    expect(text).toContain(`Response: 200 application/json\n{"status":"EXPIRED","echo":"${MASK}"`);
    expect(text).toContain(
      [
        'Replay:',
        "curl -sS -X POST 'https://acme.api.identitynow.com/beta/mfa/kba/authenticate' \\",
        `  -H 'authorization: Bearer ${MASK}' \\`,
        "  -H 'content-type: application/json' \\",
        `  --data-raw '[{"id":"q-o'\\''brien","answer":"${MASK}"}]'`,
      ].join('\n'),
    );
    expect(text).not.toContain(secret);
    expect(text).not.toContain(bearer);
  });

  test('trims a long body and says how much was left out', () => {
    const response = respond(500, 'x'.repeat(5000), { 'content-type': 'text/html' });

    const text = formatFailure(
      { operationId: 'createSendToken', findings: [], response },
      { bodyLimit: 100 },
    );

    expect(text).toContain(`${'x'.repeat(100)}… (4900 more characters)`);
    expect(text).toContain('(request not recorded)');
  });

  test('masks a token request sent as a form and in the query string', () => {
    const curl = formatCurl({
      method: 'POST',
      url: 'https://acme.api.identitynow.com/oauth/token?client_secret=q-secret',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=abc&client_secret=f-secret',
    });

    expect(curl).toContain(`client_secret=${MASK}`);
    expect(curl).not.toMatch(/[qf]-secret/);
  });
});
