/**
 * Masking secrets inside Playwright trace archives. A trace zip holds JSON-lines event files
 * (`*.trace`, `*.network`, `*.stacks`), network bodies under `resources/<sha1>` referenced from
 * `trace.network`, copies of the sources under `src/`, and the test's attachments. Playwright
 * records raw request parameters there: headers (`Authorization`), form fields (`client_secret`),
 * JSON bodies (codes, answers, signed responses) and token responses.
 *
 * Two passes: `harvest` learns the run's literal secrets from every archive (values under secret
 * keys, credential headers), so that a code or token is masked even where it shows up without
 * its key; `redact` then masks by key, by header name, by shape and by literal. Entry names and
 * the references between entries (`_file`, `sha1`) are kept, so the trace still opens.
 */
import { isUtf8 } from 'node:buffer';
import { type Unzipped, unzipSync, type Zippable, zipSync } from 'fflate';
import { MASK, type Redactor } from '../contract/redact.ts';

/** Keys whose string value names another zip entry: never masked, or the trace breaks. */
const referenceKeys = new Set(['_file', '_sha1', 'sha1', 'file']);

/** Event files: one JSON value per line. */
const jsonLinesEntry = /\.(trace|network|stacks|jsonl)$/;

/** A header line as Playwright logs it (`  authorization: Bearer ...`). */
const headerLine = /^(\s*)([!#$%&'*+.^_`|~0-9A-Za-z-]+): (.*)$/s;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function looksLikeJson(text: string): boolean {
  const trimmed = text.trimStart();
  return trimmed.startsWith('{') || trimmed.startsWith('[');
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** Whether `name` is a header whose whole value is a credential. */
function isSecretHeader(redactor: Redactor, name: string): boolean {
  return redactor.maskHeaders({ [name]: 'x' })[name] !== 'x';
}

/** The secret part of a credential header value (the token after `Bearer`). */
function headerCredential(value: string): string {
  return value.replace(/^(Bearer|Basic|Digest)\s+/i, '');
}

/** Learns literal secrets from traces, then masks archives with them. */
export class TraceRedaction {
  readonly #redactor: Redactor;

  /** `redactor` holds the secrets known up front (the configured client secrets). */
  constructor(redactor: Redactor) {
    this.#redactor = redactor;
  }

  /** Registers every secret value found in `archive` (nested archives included). */
  harvest(archive: Uint8Array): void {
    for (const [name, data] of Object.entries(unzipSync(archive))) {
      if (name.endsWith('.zip')) {
        this.harvest(data);
        continue;
      }
      if (!isUtf8(data)) continue;
      const text = decoder.decode(data);
      const lines = jsonLinesEntry.test(name) ? text.split('\n') : [text];
      for (const line of lines) this.#harvestText(line);
    }
  }

  /**
   * A copy of `archive` with every secret masked, or undefined when nothing needed masking (so
   * clean files are left byte for byte, and the HTML report's content-named copies stay valid).
   */
  redact(archive: Uint8Array): Uint8Array | undefined {
    const entries = unzipSync(archive);
    const mimeTypes = this.#resourceMimeTypes(entries);
    const out: Zippable = {};
    let changed = false;
    for (const [name, data] of Object.entries(entries)) {
      const masked = this.#redactEntry(name, data, mimeTypes.get(name));
      out[name] = masked ?? data;
      changed ||= masked !== undefined;
    }

    return changed ? zipSync(out) : undefined;
  }

  #redactEntry(name: string, data: Uint8Array, mimeType?: string): Uint8Array | undefined {
    if (name.endsWith('.zip')) return this.redact(data);
    // Screenshots and other binary resources carry no text to mask.
    if (!isUtf8(data)) return undefined;
    const text = decoder.decode(data);
    const masked = jsonLinesEntry.test(name)
      ? text
          .split('\n')
          .map((line) => this.#maskLine(line))
          .join('\n')
      : this.#redactor.maskBody(text, mimeType);

    return masked === text ? undefined : encoder.encode(masked);
  }

  /** Content types of the bodies `trace.network` points to, for masking them by type. */
  #resourceMimeTypes(entries: Unzipped): Map<string, string> {
    const types = new Map<string, string>();
    const visit = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(visit);
      if (!isRecord(value)) return;
      if (typeof value._file === 'string' && typeof value.mimeType === 'string') {
        types.set(value._file, value.mimeType);
      }
      Object.values(value).forEach(visit);
    };
    for (const [name, data] of Object.entries(entries)) {
      if (!name.endsWith('.network')) continue;
      for (const line of decoder.decode(data).split('\n')) visit(parseJson(line)?.value);
    }

    return types;
  }

  #maskLine(line: string): string {
    if (line.trim() === '') return line;
    const parsed = parseJson(line);
    if (!parsed) return this.#redactor.maskText(line);

    return JSON.stringify(this.#maskValue(parsed.value, undefined));
  }

  /** Masks one value of a trace event, knowing the key it sits under. */
  #maskValue(value: unknown, key: string | undefined): unknown {
    const redactor = this.#redactor;
    if (key !== undefined && referenceKeys.has(key)) return value;
    if (key !== undefined && redactor.isSecretKey(key)) {
      if (typeof value === 'string' || typeof value === 'number') return MASK;
    }
    if (typeof value === 'string') return this.#maskString(value, key);
    if (Array.isArray(value)) {
      // Cookies are credentials whatever their name.
      if (key === 'cookies') return value.map((cookie) => this.#maskPair(cookie, true));
      return value.map((item) => this.#maskValue(item, undefined));
    }
    if (!isRecord(value)) return value;

    return this.#maskPair(value, false);
  }

  /** An object, with `{name, value}` pairs (headers, form fields, query) masked by name. */
  #maskPair(value: unknown, alwaysSecret: boolean): unknown {
    if (!isRecord(value)) return this.#maskValue(value, undefined);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = this.#maskValue(item, key);
    const { name, value: pairValue } = value;
    if (typeof name === 'string' && typeof pairValue === 'string') {
      if (alwaysSecret || this.#redactor.isSecretKey(name)) out.value = MASK;
      else out.value = this.#redactor.maskHeaders({ [name]: pairValue })[name];
    }

    return out;
  }

  #maskString(text: string, key: string | undefined): string {
    const redactor = this.#redactor;
    // APIRequestContext.fetch records a string or Buffer body as base64 `postData`.
    if (key === 'postData') {
      const decoded = Buffer.from(text, 'base64');
      if (decoded.toString('base64') === text && isUtf8(decoded)) {
        const body = decoded.toString('utf8');
        const masked = redactor.maskBody(body);
        return masked === body ? text : Buffer.from(masked).toString('base64');
      }
    }
    // JSON bodies recorded as strings (`jsonData`, HAR `postData.text`).
    if (looksLikeJson(text) && parseJson(text)) return redactor.maskBody(text, 'application/json');
    const header = headerLine.exec(text);
    if (header) {
      const [, indent = '', name = '', headerValue = ''] = header;
      return `${indent}${name}: ${redactor.maskHeaders({ [name]: headerValue })[name]}`;
    }

    return redactor.maskText(text);
  }

  #harvestText(text: string): void {
    const trimmed = text.trim();
    if (trimmed === '') return;
    if (looksLikeJson(trimmed)) {
      const parsed = parseJson(trimmed);
      if (parsed) {
        this.#harvestValue(parsed.value, undefined);
        return;
      }
    }
    // A form body: `grant_type=...&client_secret=...`.
    if (/^[\w.-]+=[^&\s]*(&[\w.-]+=[^&\s]*)*$/.test(trimmed)) {
      for (const [name, value] of new URLSearchParams(trimmed)) {
        if (this.#redactor.isSecretKey(name)) this.#redactor.addSecret(value);
      }
    }
  }

  #harvestValue(value: unknown, key: string | undefined): void {
    const redactor = this.#redactor;
    if (typeof value === 'string') {
      if (key !== undefined && redactor.isSecretKey(key)) redactor.addSecret(value);
      else if (key === 'postData') this.#harvestText(Buffer.from(value, 'base64').toString());
      else if (looksLikeJson(value)) this.#harvestText(value);
      const header = headerLine.exec(value);
      if (header?.[2] && isSecretHeader(redactor, header[2])) {
        redactor.addSecret(headerCredential(header[3] ?? ''));
      }
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) this.#harvestValue(item, undefined);
      return;
    }
    if (!isRecord(value)) return;

    const { name, value: pairValue } = value;
    if (typeof name === 'string' && typeof pairValue === 'string') {
      if (redactor.isSecretKey(name)) redactor.addSecret(pairValue);
      if (isSecretHeader(redactor, name)) redactor.addSecret(headerCredential(pairValue));
    }
    for (const [itemKey, item] of Object.entries(value)) this.#harvestValue(item, itemKey);
  }
}
