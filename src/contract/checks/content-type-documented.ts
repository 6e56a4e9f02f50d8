import type { CheckContext } from '../context.ts';
import { describeBody } from '../display.ts';
import type { Finding } from '../findings.ts';
import { getHeader } from '../headers.ts';
import { contractFinding } from './finding.ts';

function documentedTypes(context: CheckContext): string[] {
  const content = context.documented?.response.content;

  return typeof content === 'object' && content !== null ? Object.keys(content) : [];
}

/**
 * content_type_documented: the `Content-Type` is one the spec lists for the status (type and
 * subtype in any case, parameters such as charset ignored), and the body is there and well
 * formed: an empty body where one is documented, or a truncated or non-JSON body under a JSON
 * media type, is a finding.
 */
export function contentTypeDocumented(context: CheckContext): Finding[] {
  if (!context.documented) return [];

  const { response, redactor } = context;
  const header = getHeader(response.headers, 'content-type');
  const types = documentedTypes(context);
  const received = () => describeBody(response.body, redactor, header);
  if (types.length === 0) {
    if (context.body.kind === 'empty') return [];
    return [
      contractFinding(context, 'content_type_documented', {
        location: 'body',
        expected: 'no body',
        received: received(),
        message: `the spec documents no body for ${response.status}, but one came back`,
      }),
    ];
  }

  const expected = types.join(', ');
  if (context.body.kind === 'empty') {
    return [
      contractFinding(context, 'content_type_documented', {
        location: 'body',
        expected: `a body of ${expected}`,
        received: '(empty body)',
        message: `the spec documents a ${expected} body for ${response.status}, but the body is empty`,
      }),
    ];
  }

  if (!context.content) {
    return [
      contractFinding(context, 'content_type_documented', {
        location: 'header:content-type',
        expected,
        received: header === undefined ? '(absent)' : header,
        message:
          header === undefined
            ? `the response has a body but no Content-Type (documented: ${expected})`
            : `media type "${header}" is not documented for ${response.status}`,
      }),
    ];
  }

  if (context.body.kind === 'invalid-json') {
    return [
      contractFinding(context, 'content_type_documented', {
        location: 'body',
        expected: `well-formed JSON (${context.content.key})`,
        received: received(),
        message: `the body is not valid JSON: ${context.body.error}`,
      }),
    ];
  }

  return [];
}
