/**
 * Takes secrets out of text before it leaves the process: one mechanism, applied at every
 * output boundary (stdout, stderr, files, GitHub comments, the job summary, annotations).
 *
 * A server that echoes a token rarely echoes it byte for byte: DRF puts it in a JSON string
 * (escaped), a proxy in a URL (percent-encoded), an HTML error page in an attribute, a debug page
 * in hex; a trimmed body keeps only its first half, a wrapped or coloured one puts line breaks or
 * ANSI codes inside it. So each secret is looked for in the forms a server or a library is known
 * to write it, and every piece of MIN_FRAGMENT (8) or more consecutive characters of any of those
 * forms is taken out, whatever its case and whatever gaps were put between its characters (see
 * secret-fragments.ts; a piece that is one word of one case, such as "workflow", is too likely
 * to be ordinary text and is taken out only as part of a longer piece). Each form is also
 * matched whole: caselessly from 10 characters, exactly below (a test's "tok", so that "TOKEN"
 * in a message is left alone).
 */
import { FragmentIndex, fragmentForms, MIN_FRAGMENT } from './secret-fragments.js';

/** What a secret is replaced with. */
export const REDACTED = '***';

/**
 * Secrets shorter than this are not searched for: "ab" would garble every word that holds it.
 * Real tokens are far longer; a URL's short password is still caught as `user:password`.
 */
export const MIN_SECRET_LENGTH = 3;
/** Whole forms at least this long are matched without regard to case (a short test secret such as "tok" stays exact). */
const MIN_CASELESS_LENGTH = 10;

/**
 * The secrets of one process and the text without them: `redact` for text, `redactDeep` for
 * JSON-like values. Add secrets with the constructor or `add`; matching is case-insensitive for
 * pieces of MIN_FRAGMENT characters or more, exact for shorter secrets.
 */
export class Redactor {
  /** Every form, matched whole (also when none of its pieces is distinctive enough to be matched alone). */
  private readonly variants = new Set<string>();
  private readonly fragments = new FragmentIndex();
  private pattern: RegExp | null | undefined;

  /** `secrets`: the raw values (tokens, passwords); undefined and empty ones are ignored. */
  constructor(secrets: Iterable<string | undefined> = []) {
    for (const secret of secrets) this.add(secret);
  }

  /** Adds a secret (and its encoded forms). */
  add(secret: string | undefined): void {
    if (secret === undefined) return;
    for (const value of new Set([secret, secret.trim()])) {
      if (value.length < MIN_SECRET_LENGTH) continue;
      for (const variant of encodedForms(value)) {
        if (variant.length < MIN_SECRET_LENGTH) continue;
        this.variants.add(variant);
        this.fragments.add(variant);
      }
      // Hex, reversed and shifted base64 only for a secret long enough to be matched by pieces.
      if (value.length >= MIN_FRAGMENT) for (const form of fragmentForms(value)) this.fragments.add(form);
    }
    this.pattern = undefined;
  }

  /** Whether any secret is known. */
  get empty(): boolean {
    return this.variants.size === 0 && this.fragments.empty;
  }

  /** `text` with every known secret, in every form, replaced by `***`. */
  redact(text: string): string {
    if (text.length < MIN_SECRET_LENGTH) return text;
    const withoutFragments = this.fragments.replace(text, REDACTED);
    const pattern = this.compile();
    if (pattern === null) return withoutFragments;
    pattern.lastIndex = 0;
    return withoutFragments.replace(pattern, REDACTED);
  }

  /**
   * A copy of a JSON-like value (a plan, a list of issues, a request body) with the secrets
   * taken out of every string — before it is rendered, since rendering (Markdown escaping,
   * cutting) would change the forms the secrets are looked for in. Returns `value` itself when
   * there is nothing to look for.
   */
  redactDeep<T>(value: T): T {
    if (this.empty) return value;
    if (typeof value === 'string') return this.redact(value) as T;
    if (value === null || typeof value !== 'object') return value;
    // One pass over the JSON text: inside it every string appears in its JSON-escaped form, and a
    // message that quotes a secret in JSON holds it escaped twice; both forms are looked for.
    try {
      const text = JSON.stringify(value);
      const redacted = this.redact(text);
      return redacted === text ? value : (JSON.parse(redacted) as T);
    } catch {
      return this.redactEach(value);
    }
  }

  private redactEach<T>(value: T): T {
    if (typeof value === 'string') return this.redact(value) as T;
    if (Array.isArray(value)) return value.map((item: unknown) => this.redactEach(item)) as T;
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.redactEach(item)])) as T;
    }
    return value;
  }

  private compile(): RegExp | null {
    if (this.pattern !== undefined) return this.pattern;
    // Longest first, so a JSON-escaped form is replaced whole rather than around its raw core.
    const whole = [...this.variants]
      .sort((a, b) => b.length - a.length)
      .map((variant) => literal(variant, variant.length >= MIN_CASELESS_LENGTH));
    this.pattern = whole.length === 0 ? null : new RegExp(whole.join('|'), 'g');
    return this.pattern;
  }
}

/**
 * The forms a secret takes when a server or a library writes it back: as is, inside a JSON
 * string (with `/` escaped or not, with non-ASCII as `\uXXXX`, or quoted twice), percent-encoded
 * (either hex case, `+` for spaces), HTML-escaped, and base64 (a Basic header echoed).
 */
export function encodedForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  const forms = [
    secret,
    json,
    // A message quoting the secret as JSON, itself inside JSON (a JSON report, a request body).
    JSON.stringify(json).slice(1, -1),
    json.replace(/\//g, '\\/'),
    asciiJson(secret),
    asciiJson(secret).replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    encodeURIComponent(secret).replace(/%20/g, '+'),
    encodeURI(secret),
    htmlEscape(secret),
    htmlEscape(secret).replace(/&#39;/g, '&#x27;'),
    Buffer.from(secret, 'utf8').toString('base64'),
    Buffer.from(secret, 'utf8').toString('base64url'),
  ];
  return [...new Set(forms)];
}

/** JSON with every character outside printable ASCII, and `<>&'`, written as `\uXXXX` (Python's and Go's encoders). */
function asciiJson(secret: string): string {
  return JSON.stringify(secret)
    .slice(1, -1)
    .replace(/[^\x20-\x7e]|[<>&']/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function htmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** `text` as a pattern; with `caseless`, each ASCII letter as `[aA]` (one pattern holds exact and caseless forms). */
function literal(text: string, caseless: boolean): string {
  const escaped = escapeRegExp(text);
  return caseless ? escaped.replace(/[a-z]/gi, (ch) => `[${ch.toLowerCase()}${ch.toUpperCase()}]`) : escaped;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
