/** Document-level changes: the OpenAPI dialect, `info` title and version, and `servers`. */
import { type DiffContext, isObject, record } from './collect.ts';

function serverUrls(document: Record<string, unknown>): string[] {
  const servers = Array.isArray(document.servers) ? document.servers : [];

  return servers.map((server) => (isObject(server) ? String(server.url ?? '') : ''));
}

/** Compares what the two documents say about themselves and where they are served. */
export function diffDocument(context: DiffContext): void {
  const { base, other } = context;
  if (base.dialect !== other.dialect) {
    const detail = `OpenAPI ${base.dialect} -> ${other.dialect}`;
    record(context, 'dialect-changed', 'document', { part: 'openapi' }, detail);
  }
  if (base.title !== other.title) {
    const detail = `"${base.title}" -> "${other.title}"`;
    record(context, 'info-changed', 'document', { part: 'info.title' }, detail);
  }
  if (base.version !== other.version) {
    const detail = `${base.version} -> ${other.version}`;
    record(context, 'info-changed', 'document', { part: 'info.version' }, detail);
  }

  const before = serverUrls(base.document);
  const after = serverUrls(other.document);
  for (let index = 0; index < Math.max(before.length, after.length); index++) {
    const [was, now] = [before[index], after[index]];
    const part = `servers[${index}]`;
    if (was === now) continue;

    if (was === undefined) record(context, 'server-added', 'document', { part }, `${now} added`);
    else if (now === undefined)
      record(context, 'server-removed', 'document', { part }, `${was} removed`);
    else record(context, 'server-changed', 'document', { part }, `${was} -> ${now}`);
  }
}
