/** Small builders shared by the contract tests. */
import type { Finding, ObservedResponse } from '../../src/contract/index.ts';
import { indexSpec } from '../../src/contract/index.ts';

export const jsonType = { 'content-type': 'application/json' };

/** A response with a JSON body (objects are serialised; strings are sent as they are). */
export function respond(
  status: number,
  body: unknown,
  headers: Record<string, string> = jsonType,
): ObservedResponse {
  return { status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

/** `check@location` for each finding, the compact form the tables compare. */
export function summarise(findings: Finding[]): string[] {
  return findings.map((finding) => `${finding.check}@${finding.location}`);
}

/** Only the findings of one check. */
export function only(findings: Finding[], check: Finding['check']): Finding[] {
  return findings.filter((finding) => finding.check === check);
}

/**
 * A small OAS 3.0 document for what the project spec does not have: `2XX` and `default`
 * responses, a declared header, a nullable `$ref`, extensions and formats.
 */
export function sampleSpec(openapi = '3.0.3') {
  return indexSpec(
    {
      openapi,
      info: { title: 'sample', version: '1' },
      paths: {
        '/ranged': {
          post: {
            operationId: 'ranged',
            responses: {
              '2XX': {
                description: 'any success',
                content: { 'application/json': { schema: { type: 'object' } } },
              },
              '404': { description: 'gone' },
            },
          },
        },
        '/fallback': {
          post: {
            operationId: 'fallback',
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/problem+json': { schema: { type: 'object' } } },
              },
              default: {
                description: 'anything else',
                content: { 'application/json': { schema: { type: 'object' } } },
              },
            },
          },
        },
        '/limited': {
          post: {
            operationId: 'limited',
            responses: {
              '200': {
                description: 'ok',
                headers: {
                  'X-Rate-Limit-Remaining': {
                    required: true,
                    schema: { type: 'integer', minimum: 0 },
                  },
                  'X-Region': { $ref: '#/components/headers/Region' },
                },
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      'x-go-name': 'Limited',
                      example: { owner: null },
                      properties: {
                        owner: { $ref: '#/components/schemas/Owner', nullable: true },
                        count: { type: 'integer', format: 'int32', example: 5 },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      components: {
        headers: { Region: { schema: { type: 'string', enum: ['eu', 'us'] } } },
        schemas: {
          Owner: {
            type: 'object',
            'x-go-name': 'Owner',
            properties: { name: { type: 'string', example: 'ada' } },
          },
        },
      },
    },
    'sample',
  );
}
