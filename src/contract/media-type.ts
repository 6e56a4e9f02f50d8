/**
 * Reading a `Content-Type` header the way RFC 9110 §8.3 does: `type/subtype` compared
 * case-insensitively, parameters such as `charset` kept aside and ignored for lookup.
 */

/** A parsed media type. `essence` is `type/subtype` in lower case. */
export interface MediaType {
  essence: string;
  type: string;
  subtype: string;
  /** Parameter names in lower case; values as sent, quotes removed. */
  parameters: Record<string, string>;
}

const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Parses a `Content-Type` value; undefined when it is missing or not `type/subtype`. */
export function parseMediaType(value: string | undefined): MediaType | undefined {
  if (value === undefined) return undefined;

  const [head = '', ...rest] = value.split(';');
  const [type = '', subtype = '', extra] = head.trim().toLowerCase().split('/');
  if (extra !== undefined || !token.test(type) || !token.test(subtype)) return undefined;

  const parameters: Record<string, string> = {};
  for (const part of rest) {
    const equals = part.indexOf('=');
    if (equals < 1) continue;

    const name = part.slice(0, equals).trim().toLowerCase();
    parameters[name] = part
      .slice(equals + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }

  return { essence: `${type}/${subtype}`, type, subtype, parameters };
}

/** True for `application/json` and every `+json` structured suffix (`application/problem+json`). */
export function isJsonMediaType(media: MediaType): boolean {
  return media.essence === 'application/json' || media.subtype.endsWith('+json');
}

/**
 * Picks the documented media-type key that serves `media`: an exact match first, then
 * `type/*`, then `*\/*`, as OAS 3 says the most specific key wins. Undefined when none does.
 */
export function matchMediaType(documented: string[], media: MediaType): string | undefined {
  const byEssence = indexByEssence(documented);

  return byEssence.get(media.essence) ?? byEssence.get(`${media.type}/*`) ?? byEssence.get('*/*');
}

// The documented keys of a response are the same list each time it is checked.
const essenceIndex = new Map<string, Map<string, string>>();

function indexByEssence(documented: string[]): Map<string, string> {
  const cacheKey = documented.join('\n');
  const cached = essenceIndex.get(cacheKey);
  if (cached) return cached;

  const byEssence = new Map<string, string>();
  for (const key of documented) {
    const parsed = parseMediaType(key);
    if (parsed && !byEssence.has(parsed.essence)) byEssence.set(parsed.essence, key);
  }
  essenceIndex.set(cacheKey, byEssence);

  return byEssence;
}
