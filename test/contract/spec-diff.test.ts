/**
 * spec:diff rules, one case per rule: a minimal pair of in-memory documents where the rule
 * fires, and a look-alike pair where it must stay quiet.
 */
import { expect, test } from '@playwright/test';
import { indexSpec, type LoadedSpec } from '../../src/contract/spec.ts';
import {
  diffSpecs,
  formatLocation,
  hasBreaking,
  knownRules,
  renderMarkdown,
  renderText,
} from '../../src/contract/spec-diff/index.ts';

type Json = Record<string, unknown>;

interface Case {
  id: string;
  given: { base: LoadedSpec; other: LoadedSpec };
  /** `class rule @ location` of every change, in report order. */
  want: string[];
}

/** A document served under `/beta`, like SailPoint's, with the given paths and components. */
function documentWith(paths: Json, components: Json = {}, extra: Json = {}): LoadedSpec {
  return indexSpec({
    openapi: '3.0.3',
    info: { title: 'Things', version: '1.0.0' },
    servers: [
      { url: 'https://{tenant}.example.com/beta', variables: { tenant: { default: 't' } } },
    ],
    paths,
    components,
    ...extra,
  });
}

/** `POST /things` with a JSON request body and a JSON 200 response of the given schemas. */
function exchange(
  request: Json,
  response: Json,
  options: { components?: Json; operation?: Json; extra?: Json } = {},
): LoadedSpec {
  const operation = {
    operationId: 'createThing',
    requestBody: { required: true, content: { 'application/json': { schema: request } } },
    responses: {
      '200': { description: 'ok', content: { 'application/json': { schema: response } } },
    },
    ...options.operation,
  };

  return documentWith({ '/things': { post: operation } }, options.components, options.extra);
}

/** The same request schema and a bare response: for request-side cases. */
const requestOf = (schema: Json, options?: Parameters<typeof exchange>[2]) =>
  exchange(schema, { type: 'object' }, options);
/** The same bare request and the given response schema: for response-side cases. */
const responseOf = (schema: Json, options?: Parameters<typeof exchange>[2]) =>
  exchange({ type: 'object' }, schema, options);

const object = (properties: Json, required?: string[]): Json => ({
  type: 'object',
  properties,
  ...(required ? { required } : {}),
});
const status = (values: unknown[], extra: Json = {}) =>
  object({ status: { type: 'string', enum: values, ...extra } });

/** `POST /things` with the given parameters and an empty 200. */
function withParameters(parameters: Json[], pathItem: Json = {}, components: Json = {}) {
  return documentWith(
    {
      '/things': { ...pathItem, post: { parameters, responses: { '200': { description: 'ok' } } } },
    },
    components,
  );
}
const query = (name: string, extra: Json = {}): Json => ({
  in: 'query',
  name,
  schema: { type: 'string' },
  ...extra,
});

function withBody(requestBody: Json | undefined): LoadedSpec {
  const post = {
    responses: { '200': { description: 'ok' } },
    ...(requestBody ? { requestBody } : {}),
  };

  return documentWith({ '/things': { post } });
}
const body = (required: boolean): Json => ({
  required,
  content: { 'application/json': { schema: { type: 'object' } } },
});

const emptyOk = { responses: { '200': { description: 'ok' } } };

const cases: Case[] = [
  // Operations and scope
  {
    id: 'an operation the other lacks is removed, breaking clients',
    given: {
      base: documentWith({ '/things': { post: emptyOk, delete: emptyOk } }),
      other: documentWith({ '/things': { post: emptyOk } }),
    },
    want: ['breaking-client operation-removed @ DELETE /things'],
  },
  {
    id: 'an operation only the other has is added, compatible',
    given: {
      base: documentWith({ '/things': { post: emptyOk } }),
      other: documentWith({ '/things': { post: emptyOk }, '/others': { get: emptyOk } }),
    },
    want: ['compatible operation-added @ GET /others'],
  },
  {
    id: 'a renamed operation id or path parameter name is the same operation',
    given: {
      base: documentWith({ '/things/{id}/x': { post: { ...emptyOk, operationId: 'a' } } }),
      other: documentWith({ '/things/{thing}/x': { post: { ...emptyOk, operationId: 'b' } } }),
    },
    want: [],
  },
  {
    id: 'an operation on the host root (the token endpoint) is not reported as removed',
    given: {
      base: documentWith({
        '/things': { post: emptyOk },
        '/oauth/token': { servers: [{ url: 'https://t.example.com' }], post: emptyOk },
      }),
      other: documentWith({ '/things': { post: emptyOk } }),
    },
    want: [],
  },
  {
    id: 'an operation on the host root only the other has is not reported as added',
    given: {
      base: documentWith({ '/things': { post: emptyOk } }),
      other: documentWith({
        '/things': { post: emptyOk },
        '/oauth/token': { post: { ...emptyOk, servers: [{ url: 'https://t.example.com/' }] } },
      }),
    },
    want: [],
  },
  {
    id: 'a path both documents describe is compared even outside the API base',
    given: {
      base: documentWith({ '/oauth/token': { servers: [{ url: '/' }], post: emptyOk } }),
      other: documentWith({
        '/oauth/token': { servers: [{ url: '/' }], post: { responses: {} } },
      }),
    },
    want: ['breaking-tenant response-removed @ POST /oauth/token response 200'],
  },
  // Document
  {
    id: 'servers and info changes are compatible',
    given: {
      base: documentWith({}),
      other: documentWith(
        {},
        {},
        { info: { title: 'Things v3', version: '3.0.0' }, servers: [{ url: '/v3' }] },
      ),
    },
    want: [
      'compatible info-changed @ info.title',
      'compatible info-changed @ info.version',
      'compatible server-changed @ servers[0]',
    ],
  },
  {
    id: 'a server added or removed is compatible',
    given: {
      base: documentWith({}, {}, { servers: [{ url: '/beta' }, { url: '/b2' }] }),
      other: documentWith({}, {}, { servers: [{ url: '/beta' }] }),
    },
    want: ['compatible server-removed @ servers[1]'],
  },
  {
    id: 'the same servers in the same order are not reported',
    given: {
      base: documentWith({}, {}, { servers: [{ url: '/beta' }, { url: '/b2' }] }),
      other: documentWith(
        {},
        {},
        { servers: [{ url: '/beta', description: 'x' }, { url: '/b2' }] },
      ),
    },
    want: [],
  },
  {
    id: 'a server added is compatible',
    given: {
      base: documentWith({}, {}, { servers: [{ url: '/beta' }] }),
      other: documentWith({}, {}, { servers: [{ url: '/beta' }, { url: '/b2' }] }),
    },
    want: ['compatible server-added @ servers[1]'],
  },
  {
    id: 'a description, summary or tag change is not reported',
    given: {
      base: documentWith({ '/things': { post: { ...emptyOk, summary: 'a', tags: ['x'] } } }),
      other: documentWith(
        { '/things': { post: { responses: { '200': { description: 'fine' } }, summary: 'b' } } },
        {},
        { info: { title: 'Things', version: '1.0.0', description: 'new words' } },
      ),
    },
    want: [],
  },
  // Response codes and media types
  {
    id: 'a new success code breaks clients, a new error code the tenant',
    given: {
      base: documentWith({ '/things': { post: emptyOk } }),
      other: documentWith({
        '/things': {
          post: {
            responses: {
              '200': { description: 'ok' },
              '201': { description: 'made' },
              '404': { description: 'gone' },
            },
          },
        },
      }),
    },
    want: [
      'breaking-client success-response-added @ POST /things response 201',
      'breaking-tenant error-response-added @ POST /things response 404',
    ],
  },
  {
    id: 'a removed response code breaks the tenant (the suites provoke it)',
    given: {
      base: documentWith({
        '/things': {
          post: { responses: { '200': { description: 'ok' }, '429': { description: 'slow' } } },
        },
      }),
      other: documentWith({ '/things': { post: emptyOk } }),
    },
    want: ['breaking-tenant response-removed @ POST /things response 429'],
  },
  {
    id: 'a shared response by $ref equals the same response inline',
    given: {
      base: responseOf(status(['A']), {
        operation: { responses: { '200': { $ref: '#/components/responses/Ok' } } },
        components: {
          responses: {
            Ok: { description: 'ok', content: { 'application/json': { schema: status(['A']) } } },
          },
        },
      }),
      other: responseOf(status(['A'])),
    },
    want: [],
  },
  {
    id: 'a new response media type breaks clients, a removed request one too',
    given: {
      base: responseOf({ type: 'object' }),
      other: exchange(
        { type: 'object' },
        { type: 'object' },
        {
          operation: {
            requestBody: {
              required: true,
              content: { 'application/xml': { schema: { type: 'object' } } },
            },
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/json': { schema: { type: 'object' } },
                  'text/plain': { schema: { type: 'string' } },
                },
              },
            },
          },
        },
      ),
    },
    want: [
      'breaking-client media-type-removed @ POST /things request body',
      'breaking-client media-type-added @ POST /things response 200',
      'compatible media-type-added @ POST /things request body',
    ],
  },
  // Parameters
  {
    id: 'a new required parameter breaks clients',
    given: {
      base: withParameters([]),
      other: withParameters([query('q', { required: true })]),
    },
    want: ['breaking-client required-parameter-added @ POST /things parameter query q'],
  },
  {
    id: 'a new optional parameter is compatible',
    given: { base: withParameters([]), other: withParameters([query('q')]) },
    want: ['compatible optional-parameter-added @ POST /things parameter query q'],
  },
  {
    id: 'a removed parameter breaks the tenant',
    given: { base: withParameters([query('q')]), other: withParameters([]) },
    want: ['breaking-tenant parameter-removed @ POST /things parameter query q'],
  },
  {
    id: 'a parameter that becomes required breaks clients',
    given: {
      base: withParameters([query('q')]),
      other: withParameters([query('q', { required: true })]),
    },
    want: ['breaking-client parameter-now-required @ POST /things parameter query q'],
  },
  {
    id: 'a parameter no longer required breaks the tenant',
    given: {
      base: withParameters([query('q', { required: true })]),
      other: withParameters([query('q', { required: false })]),
    },
    want: ['breaking-tenant parameter-now-optional @ POST /things parameter query q'],
  },
  {
    id: 'a parameter moved from query to header breaks clients',
    given: {
      base: withParameters([query('q')]),
      other: withParameters([query('q', { in: 'header' })]),
    },
    want: ['breaking-client parameter-location-changed @ POST /things parameter query q'],
  },
  {
    id: 'a parameter enum value removed breaks the tenant',
    given: {
      base: withParameters([query('q', { schema: { type: 'string', enum: ['a', 'b'] } })]),
      other: withParameters([query('q', { schema: { type: 'string', enum: ['a'] } })]),
    },
    want: ['breaking-tenant enum-value-removed @ POST /things parameter query q /'],
  },
  {
    id: 'a path-level parameter by $ref equals the same parameter on the operation',
    given: {
      base: withParameters(
        [],
        { parameters: [{ $ref: '#/components/parameters/Q' }] },
        {
          parameters: { Q: query('q', { required: true }) },
        },
      ),
      other: withParameters([query('q', { required: true })]),
    },
    want: [],
  },
  {
    id: 'header parameter names ignore case',
    given: {
      base: withParameters([{ in: 'header', name: 'X-Trace', schema: { type: 'string' } }]),
      other: withParameters([{ in: 'header', name: 'x-trace', schema: { type: 'string' } }]),
    },
    want: [],
  },
  {
    id: 'a path parameter counts as required whether or not it says so',
    given: {
      base: documentWith({
        '/things/{id}': {
          post: { ...emptyOk, parameters: [{ in: 'path', name: 'id', schema: {} }] },
        },
      }),
      other: documentWith({
        '/things/{id}': {
          post: {
            ...emptyOk,
            parameters: [{ in: 'path', name: 'id', required: true, schema: {} }],
          },
        },
      }),
    },
    want: [],
  },
  // Request body
  {
    id: 'a request body that becomes required breaks clients',
    given: { base: withBody(body(false)), other: withBody(body(true)) },
    want: ['breaking-client body-now-required @ POST /things request body'],
  },
  {
    id: 'a request body no longer required breaks the tenant',
    given: { base: withBody(body(true)), other: withBody(body(false)) },
    want: ['breaking-tenant body-now-optional @ POST /things request body'],
  },
  {
    id: 'a new required body breaks clients, a new optional one is compatible',
    given: { base: withBody(undefined), other: withBody(body(true)) },
    want: ['breaking-client body-added @ POST /things request body'],
  },
  {
    id: 'a new optional body is compatible',
    given: { base: withBody(undefined), other: withBody(body(false)) },
    want: ['compatible body-added @ POST /things request body'],
  },
  {
    id: 'a removed body breaks the tenant',
    given: { base: withBody(body(true)), other: withBody(undefined) },
    want: ['breaking-tenant body-removed @ POST /things request body'],
  },
  {
    id: '`required: false` on a body equals no `required`',
    given: {
      base: withBody({ content: body(false).content }),
      other: withBody(body(false)),
    },
    want: [],
  },
  // Required properties
  {
    id: 'a request property that becomes required breaks clients',
    given: {
      base: requestOf(object({ a: { type: 'string' } })),
      other: requestOf(object({ a: { type: 'string' } }, ['a'])),
    },
    want: ['breaking-client required-property-added @ POST /things request body /a'],
  },
  {
    id: 'a response property that becomes required breaks the tenant',
    given: {
      base: responseOf(object({ a: { type: 'string' } })),
      other: responseOf(object({ a: { type: 'string' } }, ['a'])),
    },
    want: ['breaking-tenant required-property-added @ POST /things response 200 /a'],
  },
  {
    id: 'a request property no longer required breaks the tenant',
    given: {
      base: requestOf(object({ a: { type: 'string' } }, ['a'])),
      other: requestOf(object({ a: { type: 'string' } }, [])),
    },
    want: ['breaking-tenant required-property-removed @ POST /things request body /a'],
  },
  {
    id: 'a response property no longer required breaks clients',
    given: {
      base: responseOf(object({ a: { type: 'string' } }, ['a'])),
      other: responseOf(object({ a: { type: 'string' } })),
    },
    want: ['breaking-client required-property-removed @ POST /things response 200 /a'],
  },
  {
    id: 'a new required request property breaks clients',
    given: {
      base: requestOf(object({})),
      other: requestOf(object({ b: { type: 'string' } }, ['b'])),
    },
    want: ['breaking-client required-property-added @ POST /things request body /b'],
  },
  {
    id: 'reordered required lists are the same',
    given: {
      base: requestOf(object({ a: {}, b: {} }, ['a', 'b'])),
      other: requestOf(object({ b: {}, a: {} }, ['b', 'a'])),
    },
    want: [],
  },
  // Properties
  {
    id: 'an optional property added is compatible on either side',
    given: {
      base: exchange(object({}), object({})),
      other: exchange(object({ a: { type: 'string' } }), object({ b: { type: 'string' } })),
    },
    want: [
      'compatible property-added @ POST /things request body /a',
      'compatible property-added @ POST /things response 200 /b',
    ],
  },
  {
    id: 'a response property removed breaks clients, a request one the tenant',
    given: {
      base: exchange(object({ a: { type: 'string' } }), object({ b: { type: 'string' } })),
      other: exchange(object({}), object({})),
    },
    want: [
      'breaking-client property-removed @ POST /things response 200 /b',
      'breaking-tenant property-removed @ POST /things request body /a',
    ],
  },
  // Types
  {
    id: 'a response type that changes breaks clients',
    given: {
      base: responseOf(object({ a: { type: 'string' } })),
      other: responseOf(object({ a: { type: 'integer' } })),
    },
    want: ['breaking-client type-changed @ POST /things response 200 /a'],
  },
  {
    id: 'a response type narrowed (number to integer) breaks the tenant',
    given: {
      base: responseOf(object({ a: { type: 'number' } })),
      other: responseOf(object({ a: { type: 'integer' } })),
    },
    want: ['breaking-tenant type-narrowed @ POST /things response 200 /a'],
  },
  {
    id: 'a response type widened breaks clients, a request one is compatible',
    given: {
      base: exchange(object({ a: { type: 'integer' } }), object({ b: { type: 'integer' } })),
      other: exchange(object({ a: { type: 'number' } }), object({ b: {} })),
    },
    want: [
      'breaking-client type-widened @ POST /things response 200 /b',
      'compatible type-widened @ POST /things request body /a',
    ],
  },
  {
    id: 'a request type narrowed breaks clients',
    given: {
      base: requestOf(object({ a: { type: ['string', 'integer'] } })),
      other: requestOf(object({ a: { type: 'string' } })),
    },
    want: ['breaking-client type-narrowed @ POST /things request body /a'],
  },
  // Formats
  {
    id: 'a request format added breaks clients, a response one the tenant',
    given: {
      base: exchange(object({ a: { type: 'string' } }), object({ b: { type: 'string' } })),
      other: exchange(
        object({ a: { type: 'string', format: 'uuid' } }),
        object({ b: { type: 'string', format: 'uuid' } }),
      ),
    },
    want: [
      'breaking-client format-added @ POST /things request body /a',
      'breaking-tenant format-added @ POST /things response 200 /b',
    ],
  },
  {
    id: 'a response format removed or changed breaks clients',
    given: {
      base: responseOf(
        object({ a: { type: 'string', format: 'uuid' }, b: { type: 'string', format: 'date' } }),
      ),
      other: responseOf(
        object({ a: { type: 'string' }, b: { type: 'string', format: 'date-time' } }),
      ),
    },
    want: [
      'breaking-client format-removed @ POST /things response 200 /a',
      'breaking-client format-changed @ POST /things response 200 /b',
    ],
  },
  // Nullability
  {
    id: 'a response that becomes nullable breaks clients',
    given: {
      base: responseOf(object({ a: { type: 'string' } })),
      other: responseOf(object({ a: { type: 'string', nullable: true } })),
    },
    want: ['breaking-client nullable-added @ POST /things response 200 /a'],
  },
  {
    id: 'a request no longer nullable breaks the tenant',
    given: {
      base: requestOf(object({ a: { type: 'string', nullable: true } })),
      other: requestOf(object({ a: { type: 'string' } })),
    },
    want: ['breaking-tenant nullable-removed @ POST /things request body /a'],
  },
  {
    id: '`nullable: false` equals no `nullable`',
    given: {
      base: exchange(
        object({ a: { type: 'string', nullable: false } }),
        object({ b: { type: 'string' } }),
      ),
      other: exchange(
        object({ a: { type: 'string' } }),
        object({ b: { type: 'string', nullable: false } }),
      ),
    },
    want: [],
  },
  {
    id: 'OpenAPI 3.1 `type: [string, "null"]` equals 3.0 `nullable: true`',
    given: {
      base: responseOf(object({ a: { type: 'string', nullable: true } })),
      other: responseOf(object({ a: { type: ['string', 'null'] } }), {
        extra: { openapi: '3.1.0' },
      }),
    },
    want: ['compatible dialect-changed @ openapi'],
  },
  // Enums
  {
    id: 'a response enum value added breaks clients',
    given: { base: responseOf(status(['A', 'B'])), other: responseOf(status(['A', 'B', 'C'])) },
    want: ['breaking-client enum-value-added @ POST /things response 200 /status'],
  },
  {
    id: 'a request enum value removed breaks the tenant (the mock accepts it)',
    given: { base: requestOf(status(['A', 'B'])), other: requestOf(status(['A'])) },
    want: ['breaking-tenant enum-value-removed @ POST /things request body /status'],
  },
  {
    id: 'a request enum value added is compatible',
    given: { base: requestOf(status(['A'])), other: requestOf(status(['A', 'B'])) },
    want: ['compatible enum-value-added @ POST /things request body /status'],
  },
  {
    id: 'a response enum value removed breaks the tenant',
    given: { base: responseOf(status(['A', 'B'])), other: responseOf(status(['A'])) },
    want: ['breaking-tenant enum-value-removed @ POST /things response 200 /status'],
  },
  {
    id: 'a response enum dropped altogether breaks clients, one added the tenant',
    given: {
      base: responseOf(object({ a: { type: 'string', enum: ['A'] }, b: { type: 'string' } })),
      other: responseOf(object({ a: { type: 'string' }, b: { type: 'string', enum: ['B'] } })),
    },
    want: [
      'breaking-client enum-removed @ POST /things response 200 /a',
      'breaking-tenant enum-added @ POST /things response 200 /b',
    ],
  },
  {
    id: 'reordered enum values are the same enum',
    given: {
      base: exchange(status(['A', 'B', null]), status(['X', 'Y'])),
      other: exchange(status([null, 'B', 'A']), status(['Y', 'X'])),
    },
    want: [],
  },
  // Walking the schema
  {
    id: 'a $ref to an identical schema equals the inline schema',
    given: {
      base: responseOf(object({ s: { $ref: '#/components/schemas/S' } }), {
        components: { schemas: { S: { type: 'string', enum: ['A'], title: 'S' } } },
      }),
      other: responseOf(object({ s: { type: 'string', enum: ['A'] } })),
    },
    want: [],
  },
  {
    id: 'descriptions, examples and titles are not compared',
    given: {
      base: responseOf(object({ a: { type: 'string', description: 'x', example: 'a' } })),
      other: responseOf({
        ...object({ a: { type: 'string', description: 'y', example: 'b' } }),
        title: 'T',
      }),
    },
    want: [],
  },
  {
    id: 'changes inside array items are found',
    given: {
      base: responseOf(object({ items: { type: 'array', items: status(['A']) } })),
      other: responseOf(object({ items: { type: 'array', items: status(['A', 'B']) } })),
    },
    want: ['breaking-client enum-value-added @ POST /things response 200 /items/[]/status'],
  },
  {
    id: 'changes inside allOf members are found',
    given: {
      base: responseOf({ allOf: [status(['A'])] }),
      other: responseOf({ allOf: [status(['A']), object({ x: {} }, ['x'])] }),
    },
    want: ['breaking-tenant all-of-added @ POST /things response 200 /allOf[1]'],
  },
  {
    id: 'a new oneOf variant in a response breaks clients',
    given: {
      base: responseOf({ oneOf: [status(['A'])] }),
      other: responseOf({ oneOf: [status(['A']), { type: 'string' }] }),
    },
    want: ['breaking-client variant-added @ POST /things response 200 /oneOf[1]'],
  },
  {
    id: 'a oneOf variant removed from a response breaks the tenant, an allOf member removed clients',
    given: {
      base: exchange(object({}), {
        ...object({ a: { oneOf: [{ type: 'string' }, { type: 'integer' }] } }),
        allOf: [object({ b: {} }), object({ c: {} }, ['c'])],
      }),
      other: exchange(object({}), {
        ...object({ a: { oneOf: [{ type: 'string' }] } }),
        allOf: [object({ b: {} })],
      }),
    },
    want: [
      'breaking-client all-of-removed @ POST /things response 200 /allOf[1]',
      'breaking-tenant variant-removed @ POST /things response 200 /a/oneOf[1]',
    ],
  },
  {
    id: 'a response media type removed breaks the tenant',
    given: {
      base: responseOf(object({}), {
        operation: {
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: {} }, 'text/csv': { schema: {} } },
            },
          },
        },
      }),
      other: responseOf({}),
    },
    want: ['breaking-tenant media-type-removed @ POST /things response 200'],
  },
  {
    id: 'a parameter described by content is compared through its media type',
    given: {
      base: withParameters([
        { in: 'query', name: 'f', content: { 'application/json': { schema: status(['A']) } } },
      ]),
      other: withParameters([
        { in: 'query', name: 'f', content: { 'application/json': { schema: status(['A', 'B']) } } },
      ]),
    },
    want: ['compatible enum-value-added @ POST /things parameter query f /status'],
  },
  {
    id: 'a change inside an anyOf variant is found in place',
    given: {
      base: requestOf({ anyOf: [status(['A', 'B'])] }),
      other: requestOf({ anyOf: [status(['A'])] }),
    },
    want: ['breaking-tenant enum-value-removed @ POST /things request body /anyOf[0]/status'],
  },
  {
    id: 'a recursive schema is walked once per level, without looping',
    given: {
      base: responseOf(
        { $ref: '#/components/schemas/Node' },
        {
          components: {
            schemas: {
              Node: object({
                name: { type: 'string' },
                children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
              }),
            },
          },
        },
      ),
      other: responseOf(
        { $ref: '#/components/schemas/Node' },
        {
          components: {
            schemas: {
              Node: object({
                name: { type: 'integer' },
                children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
              }),
            },
          },
        },
      ),
    },
    want: ['breaking-client type-changed @ POST /things response 200 /name'],
  },
  {
    id: 'a recursive schema against a finite unrolling differs only where the unrolling ends',
    given: {
      base: responseOf(
        { $ref: '#/components/schemas/Node' },
        {
          components: {
            schemas: { Node: object({ next: { $ref: '#/components/schemas/Node' } }) },
          },
        },
      ),
      other: responseOf(object({ next: object({ next: object({}) }) })),
    },
    want: ['breaking-client property-removed @ POST /things response 200 /next/next/next'],
  },
];

function summarise(base: LoadedSpec, other: LoadedSpec): string[] {
  return diffSpecs(base, other).changes.map(
    (change) => `${change.class} ${change.rule} @ ${formatLocation(change.location)}`,
  );
}

test.describe('spec:diff rules', () => {
  for (const { id, given, want } of cases) {
    test(id, () => {
      expect(summarise(given.base, given.other)).toEqual(want);
    });
  }
});

test('every rule has a case where it fires', () => {
  const fired = new Set(cases.flatMap((c) => c.want.map((line) => line.split(' ')[1])));

  expect(knownRules.filter((rule) => !fired.has(rule))).toEqual([]);
});

test.describe('spec:diff reports', () => {
  const base = responseOf(status(['A', 'B']));
  const other = responseOf(status(['B', 'C']), {
    extra: { info: { title: 'Things', version: '2.0.0' } },
  });

  test('the terminal report groups changes by class, breaking first, with locations', () => {
    const diff = diffSpecs(base, other);
    const text = renderText(diff);

    expect(hasBreaking(diff)).toBe(true);
    expect(text).toContain('breaking for clients: 1, breaking for the tenant: 1, compatible: 1');
    const order = [
      'breaking for clients (1)',
      '  POST /things response 200 /status: enum value "C" added [enum-value-added]',
      'breaking for the tenant (1)',
      '  POST /things response 200 /status: enum value "A" removed [enum-value-removed]',
      'compatible (1)',
      '  info.version: 1.0.0 -> 2.0.0 [info-changed]',
    ].map((line) => text.indexOf(`${line}\n`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('the Markdown report has a table per class and escapes pipes', () => {
    const markdown = renderMarkdown(diffSpecs(base, responseOf(status(['A', 'B', 'x|y']))));

    expect(markdown).toContain('| breaking for clients | 1 |');
    expect(markdown).toContain('## Breaking for clients (1)');
    expect(markdown).toContain(
      '| `POST /things response 200 /status` | enum value "x\\|y" added | `enum-value-added` |',
    );
    expect(markdown).toContain('## Breaking for the tenant (0)\n\nNone.');
  });

  test('a diff with only compatible changes is not breaking', () => {
    const diff = diffSpecs(
      base,
      responseOf(status(['A', 'B']), { extra: { servers: [{ url: '/v3' }] } }),
    );

    expect(diff.changes.map((change) => change.class)).toEqual(['compatible']);
    expect(hasBreaking(diff)).toBe(false);
  });
});
