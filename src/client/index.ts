/**
 * The typed MFA Controller client: openapi-fetch over the generated `paths`, with the `fetch`
 * it sends through passed in. Fixtures pass a fetch that goes through Playwright's request
 * context (so requests show in traces and obey the harness' timeout); tools may pass any fetch.
 */
import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../../generated/mfa-controller.ts';

/** The typed client: `client.POST('/mfa/token/send', { body })` and so on. */
export type MfaClient = Client<paths>;

/** What the client sends through: a WHATWG `fetch` taking one `Request`. */
export type RequestSender = (request: Request) => Promise<Response>;

/** Options of `createMfaClient`. */
export interface MfaClientOptions {
  /** The host URL without version, e.g. `https://acme.api.identitynow.com`. */
  hostUrl: string;
  /** Sends each request; it owns auth, timeouts and recording. */
  fetch: RequestSender;
}

/** The API version every operation of this client lives under. */
export const apiVersion = 'beta';

/** The API base URL: the host with `/beta` appended, never doubled. */
export function apiBaseUrl(hostUrl: string): string {
  return `${hostUrl.replace(/\/+$/, '')}/${apiVersion}`;
}

/** The OAuth token endpoint, on the host root rather than under the API version. */
export function tokenUrl(hostUrl: string): string {
  return `${hostUrl.replace(/\/+$/, '')}/oauth/token`;
}

/** Builds the typed client for one host. */
export function createMfaClient(options: MfaClientOptions): MfaClient {
  return createClient<paths>({ baseUrl: apiBaseUrl(options.hostUrl), fetch: options.fetch });
}
