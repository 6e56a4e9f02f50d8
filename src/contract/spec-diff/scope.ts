/**
 * Which operations a diff reports when only one document has them: those served under the API
 * base (issue 6, "Spec diff scope"). SailPoint serves the API under a versioned base
 * (`https://{tenant}.api.identitynow.com/beta`, `/v3`); the token endpoint and the login pages
 * sit on the host root, outside it. Operations both documents describe are always compared.
 */
import { isObject, type Json } from './collect.ts';

/** The path part of a server URL, e.g. `/beta`; `` for the host root. */
export function basePathOf(server: Json): string {
  const url = typeof server.url === 'string' ? server.url : '';
  const variables = isObject(server.variables) ? server.variables : {};
  const withoutHost = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  const path = withoutHost.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable.default === 'string' ? variable.default : '';
  });

  return `/${path}`.replace(/\/+/g, '/').replace(/\/$/, '');
}

function serversOf(holder: Json): Json[] | undefined {
  if (!Array.isArray(holder.servers) || holder.servers.length === 0) return undefined;

  return holder.servers.filter(isObject);
}

/** The servers an operation is served from: its own, else its path item's, else the document's. */
export function effectiveServers(document: Json, pathItem: Json, operation: Json): Json[] {
  return serversOf(operation) ?? serversOf(pathItem) ?? serversOf(document) ?? [];
}

/**
 * Whether an operation is served under the API base: one of its servers has a base path (not
 * the host root). A document that names no server at all says nothing about where it is
 * served, so its operations count as under the API base.
 */
export function isUnderApiBase(document: Json, pathItem: Json, operation: Json): boolean {
  const servers = effectiveServers(document, pathItem, operation);
  if (servers.length === 0) return true;

  return servers.some((server) => basePathOf(server) !== '');
}
