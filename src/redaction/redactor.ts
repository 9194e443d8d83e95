/**
 * Takes secrets out of text before it leaves the process: one mechanism, applied at every
 * output boundary (stdout, stderr, files, GitHub comments, the job summary, annotations).
 *
 * A server that echoes a token rarely echoes it byte for byte: DRF puts it in a JSON string
 * (escaped), a proxy in a URL (percent-encoded), an HTML error page in an attribute. So each
 * secret is looked for in the forms a server or a library is known to write it, and also as a
 * prefix cut short by "…" (a trimmed error body must not leak the first half of a token). Case
 * is ignored for forms of 10 characters or more (every real token): a proxy or an error page that
 * upper- or lower-cases what it echoes still echoes it; a short test secret such as "tok" stays
 * exact, so that "TOKEN" in a message is left alone.
 */

/** What a secret is replaced with. */
export const REDACTED = '***';

/**
 * Secrets shorter than this are not searched for: "ab" would garble every word that holds it.
 * Real tokens are far longer; a URL's short password is still caught as `user:password`.
 */
export const MIN_SECRET_LENGTH = 3;
/** A secret cut short by "…" is caught from this many of its first characters on. */
const MIN_CUT_PREFIX = 8;
/** Forms at least this long are matched without regard to case. */
const MIN_CASELESS_LENGTH = 10;

export class Redactor {
  private readonly variants = new Set<string>();
  private readonly prefixSources = new Set<string>();
  /**
   * The first characters of every form: text holding none of them holds no secret (a fast
   * `includes` check); lower-cased for the forms matched without regard to case.
   */
  private readonly anchors = new Set<string>();
  private readonly caselessAnchors = new Set<string>();
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
        if (isCaseless(variant)) this.caselessAnchors.add(variant.slice(0, MIN_CUT_PREFIX).toLowerCase());
        else this.anchors.add(variant.slice(0, MIN_CUT_PREFIX));
        // Cut short in any of its forms: a trimmed JSON body cuts the escaped form.
        if (variant.length > MIN_CUT_PREFIX) this.prefixSources.add(variant);
      }
    }
    this.pattern = undefined;
  }

  /** Whether any secret is known. */
  get empty(): boolean {
    return this.variants.size === 0;
  }

  /** `text` with every known secret, in every form, replaced by `***`. */
  redact(text: string): string {
    const pattern = this.compile();
    if (pattern === null || text.length < MIN_SECRET_LENGTH) return text;
    // The full pattern is slow on long text; most text holds no secret's first characters at all.
    let anchored = false;
    for (const anchor of this.anchors) {
      if (text.includes(anchor)) {
        anchored = true;
        break;
      }
    }
    if (!anchored && this.caselessAnchors.size > 0) {
      const lower = text.toLowerCase();
      for (const anchor of this.caselessAnchors) {
        if (lower.includes(anchor)) {
          anchored = true;
          break;
        }
      }
    }
    if (!anchored) return text;
    pattern.lastIndex = 0;
    return text.replace(pattern, REDACTED);
  }

  /**
   * A copy of a JSON-like value (a plan, a list of issues, a request body) with the secrets
   * taken out of every string — before it is rendered, since rendering (Markdown escaping,
   * cutting) would change the forms the secrets are looked for in. Returns `value` itself when
   * there is nothing to look for.
   */
  redactDeep<T>(value: T): T {
    if (this.compile() === null) return value;
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
    if (this.variants.size === 0) {
      this.pattern = null;
      return null;
    }
    // Longest first, so a JSON-escaped form is replaced whole rather than around its raw core.
    const whole = [...this.variants].sort((a, b) => b.length - a.length).map((variant) => literal(variant, isCaseless(variant)));
    const cut = [...this.prefixSources].map(cutPrefixPattern);
    this.pattern = new RegExp([...whole, ...cut].join('|'), 'g');
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

/** `abcdefgh(?:i(?:j…)?)?(?=…|\.\.\.)`: the longest prefix of `secret` (8 characters on) that a cut ended. */
function cutPrefixPattern(secret: string): string {
  const caseless = isCaseless(secret);
  const chars = [...secret];
  let tail = '';
  for (let i = chars.length - 2; i >= MIN_CUT_PREFIX; i--) tail = `(?:${literal(chars[i] ?? '', caseless)}${tail})?`;
  return `${literal(chars.slice(0, MIN_CUT_PREFIX).join(''), caseless)}${tail}(?=…|\\.\\.\\.)`;
}

function isCaseless(form: string): boolean {
  return form.length >= MIN_CASELESS_LENGTH;
}

/** `text` as a pattern; with `caseless`, each ASCII letter as `[aA]` (one pattern holds exact and caseless forms). */
function literal(text: string, caseless: boolean): string {
  const escaped = escapeRegExp(text);
  return caseless ? escaped.replace(/[a-z]/gi, (ch) => `[${ch.toLowerCase()}${ch.toUpperCase()}]`) : escaped;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
