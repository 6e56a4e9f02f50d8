/** Compares the `content` maps of a request body or response, media type by media type. */
import { type DiffContext, isObject, type Json, record } from './collect.ts';
import { diffSchemas } from './schemas.ts';
import type { ChangeLocation } from './types.ts';

/** JSON is what every MFA operation speaks, so locations leave it unsaid. */
const defaultMediaType = 'application/json';

function contentOf(holder: Json): Json {
  return isObject(holder.content) ? holder.content : {};
}

/** The `part` of a location for one media type, e.g. `response 200` or `request body text/plain`. */
function partFor(part: string, mediaType: string): string {
  return mediaType === defaultMediaType ? part : `${part} ${mediaType}`;
}

/**
 * Compares the media types of a body or response in both documents and, for the ones both
 * have, their schemas.
 * @param where the operation and part, e.g. `{ method: 'POST', path, part: 'response 200' }`
 */
export function diffContent(
  context: DiffContext,
  side: 'request' | 'response',
  where: Omit<ChangeLocation, 'pointer'>,
  base: Json,
  other: Json,
): void {
  const before = contentOf(base);
  const after = contentOf(other);
  const part = where.part ?? '';

  for (const mediaType of Object.keys(after)) {
    if (!(mediaType in before)) {
      record(context, 'media-type-added', side, where, `media type ${mediaType} added`);
    }
  }
  for (const [mediaType, media] of Object.entries(before)) {
    if (!(mediaType in after)) {
      record(context, 'media-type-removed', side, where, `media type ${mediaType} removed`);
      continue;
    }

    const schemaBefore = isObject(media) ? media.schema : undefined;
    const mediaAfter = after[mediaType];
    const schemaAfter = isObject(mediaAfter) ? mediaAfter.schema : undefined;
    const site = { side, location: { ...where, part: partFor(part, mediaType) } };
    diffSchemas(context, site, schemaBefore, schemaAfter);
  }
}
