/** Header lookups that ignore case, whatever case the recorder kept names in. */

/** The value of header `name` in `headers`, compared case-insensitively; undefined if absent. */
export function getHeader(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return value;
  }

  return undefined;
}
