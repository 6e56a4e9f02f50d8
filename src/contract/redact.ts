/**
 * Masking secrets before anything is shown, logged, reported or attached. Two kinds of
 * secret are caught: values the run knows (a client secret, a token it was issued, an MFA code
 * it sent), registered with `addSecret`, and values recognised by key or by shape (bearer
 * tokens, JWTs, `client_secret=...`, Duo Web `AUTH|...:APP|...` pairs).
 */

/** What every masked value is replaced with. */
export const MASK = '<redacted>';

/** Headers whose whole value is a credential. */
const secretHeaders = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'x-auth-token',
]);

/** Body and query keys whose value is a credential, compared in lower case. */
const secretKeys = new Set([
  'client_secret',
  'clientsecret',
  'access_token',
  'accesstoken',
  'refresh_token',
  'refreshtoken',
  'id_token',
  'token',
  'answer',
  'signedresponse',
  'password',
  'secret',
  'code',
]);

const keyAlternation =
  'client_secret|clientSecret|access_token|accessToken|refresh_token|refreshToken|id_token|token|answer|signedResponse|password|secret|code';

/** Shapes masked wherever they appear, with the part to keep in group 1 when there is one. */
const patterns: Array<[RegExp, string]> = [
  // Duo Web signed response: AUTH|<b64>|<sig>:APP|<b64>|<sig>.
  [/AUTH\|[^|\s"'&]+\|[^:\s"'&]+:APP\|[^|\s"'&]+\|[^\s"'&,}]+/g, MASK],
  // A JWT anywhere (header.payload.signature, base64url; the signature may be empty).
  [/\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g, MASK],
  // Bearer and Basic credentials in prose or headers.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${MASK}`],
  // key=value in forms, query strings and log lines.
  [new RegExp(`(?<![A-Za-z0-9_])((?:${keyAlternation})=)[^&\\s"']+`, 'gi'), `$1${MASK}`],
  // "key": "value" in JSON text that could not be parsed (truncated, embedded in HTML).
  [
    new RegExp(`("(?:${keyAlternation})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"?|[^,}\\s]+)`, 'gi'),
    `$1"${MASK}"`,
  ],
  // multipart/form-data parts named after a secret key.
  [new RegExp(`(name="(?:${keyAlternation})"\\r?\\n\\r?\\n)[^\\r\\n]*`, 'gi'), `$1${MASK}`],
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Masks secrets in text, headers, URLs and bodies. Use `defaultRedactor` unless isolated. */
export class Redactor {
  readonly #secrets = new Set<string>();

  /**
   * Registers a runtime secret (client secret, issued token, MFA code, KBA answer) so that
   * it is masked wherever it shows up. Values shorter than 4 characters are ignored: masking
   * them would corrupt status codes and counts.
   */
  addSecret(value: string | undefined | null): void {
    if (typeof value !== 'string' || value.trim().length < 4) return;
    this.#secrets.add(value);
    // A form or URL carries the secret percent-encoded.
    const encoded = encodeURIComponent(value);
    if (encoded !== value) this.#secrets.add(encoded);
  }

  /** True when `key` names a credential in a body or query string. */
  isSecretKey(key: string): boolean {
    return secretKeys.has(key.toLowerCase());
  }

  /** Masks known secrets and secret-shaped values in free text. */
  maskText(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is masked whole.
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) {
      out = out.split(secret).join(MASK);
    }
    for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);

    return out;
  }

  /** A copy of `headers` with credential headers masked (keeping an auth scheme word). */
  maskHeaders(headers: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (secretHeaders.has(name.toLowerCase())) {
        const scheme = /^(Bearer|Basic|Digest)\s/i.exec(value)?.[1];
        out[name] = scheme ? `${scheme} ${MASK}` : MASK;
      } else {
        out[name] = this.maskText(value);
      }
    }

    return out;
  }

  /** A deep copy of a JSON value with credential keys masked and strings scanned. */
  maskJson(value: unknown): unknown {
    if (typeof value === 'string') return this.maskText(value);
    if (Array.isArray(value)) return value.map((item) => this.maskJson(item));
    if (!isObject(value)) return value;

    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = this.isSecretKey(key) && item !== null ? MASK : this.maskJson(item);
    }

    return out;
  }

  /** A URL with credential query parameters masked. Unparsable URLs are masked as text. */
  maskUrl(url: string): string {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return this.maskText(url);
    }

    if (parsed.username || parsed.password) {
      parsed.username = MASK;
      parsed.password = '';
    }
    for (const key of [...parsed.searchParams.keys()]) {
      if (this.isSecretKey(key)) parsed.searchParams.set(key, MASK);
    }

    return this.maskText(parsed.toString().replaceAll(encodeURIComponent(MASK), MASK));
  }

  /**
   * Masks a body given as text: JSON by key, `application/x-www-form-urlencoded` by key,
   * anything else (multipart, HTML, truncated JSON) by pattern and known secret.
   */
  maskBody(body: string, contentType?: string): string {
    const type = contentType?.toLowerCase() ?? '';
    const trimmed = body.trim();
    if (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
      try {
        return this.maskText(JSON.stringify(this.maskJson(JSON.parse(body))));
      } catch {
        return this.maskText(body);
      }
    }

    if (type.includes('x-www-form-urlencoded')) {
      const params = new URLSearchParams(body);
      for (const key of [...params.keys()]) {
        if (this.isSecretKey(key)) params.set(key, MASK);
      }

      return this.maskText(params.toString().replaceAll(encodeURIComponent(MASK), MASK));
    }

    return this.maskText(body);
  }
}

/** The process-wide redactor: register runtime secrets here so every output masks them. */
export const defaultRedactor = new Redactor();
