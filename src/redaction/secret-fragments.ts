/**
 * Finds pieces of secrets in text: every run of MIN_FRAGMENT or more consecutive characters of a
 * secret, in any of the forms it is known in, wherever the text has it — also when a server has
 * cut it short (no "…" needed), changed its case, or put line breaks, spaces, ANSI escape codes
 * or zero-width characters between its characters (a wrapped or coloured error page).
 *
 * How: the text is read through a "view" that drops those gaps (raw and JSON-escaped: `\n`,
 * `\u001b[31m`), decodes `\uXXXX` escapes and folds ASCII case; every MIN_FRAGMENT-long window of
 * the view is looked up in the set of the secrets' windows, seen through the same view. A window
 * that matches marks its characters, and the gaps between them, for redaction. Linear in the
 * text's length: one pass, a two-character pre-filter, one set lookup per surviving window.
 */

/**
 * The fewest consecutive characters of a secret that are taken out wherever they appear. Eight
 * characters of a random token (log2(62^8) ≈ 48 bits) never turn up in ordinary text by chance,
 * and fewer than eight tell an attacker little; a secret shorter than this is matched only whole.
 */
export const MIN_FRAGMENT = 8;

/** How far back from a matched piece word-like windows of a secret are taken with it. */
const MAX_WORD_REACH = 64;

/** The secret's characters as they are read, and where each came from in the text. */
interface View {
  readonly codes: number[];
  /** codes[i] came from text[starts[i], ends[i]). */
  readonly starts: number[];
  readonly ends: number[];
}

/** Every window of MIN_FRAGMENT characters of the given forms, and a two-character pre-filter. */
export class FragmentIndex {
  private readonly windows = new Set<string>();
  /** Windows that are one word of one case (isWordLike): matched only beside a matched piece. */
  private readonly wordWindows = new Set<string>();
  private readonly pairs = new Uint8Array(1 << 16);

  /** Adds every window of `form` (as the view reads it); a form shorter than MIN_FRAGMENT adds nothing. */
  add(form: string): void {
    const { codes } = readView(form, false);
    for (let i = 0; i + MIN_FRAGMENT <= codes.length; i++) {
      const folded = codes.slice(i, i + MIN_FRAGMENT).map(foldCase);
      if (isWordLike(codes, i)) {
        this.wordWindows.add(windowAt(folded, 0));
        continue;
      }
      this.windows.add(windowAt(folded, 0));
      this.pairs[pairKey(folded[0] ?? 0, folded[1] ?? 0)] = 1;
    }
  }

  /** Whether any window is known. */
  get empty(): boolean {
    return this.windows.size === 0;
  }

  /** `text` with each stretch that holds a secret's fragment (gaps inside it included) replaced by `replacement`. */
  replace(text: string, replacement: string): string {
    if (this.windows.size === 0 || text.length < MIN_FRAGMENT) return text;
    const view = readView(text, true);
    const { codes, starts, ends } = view;
    const ranges: [number, number][] = [];
    let previous = -1;
    for (let i = 0; i + MIN_FRAGMENT <= codes.length; i++) {
      const strong = this.pairs[pairKey(codes[i] ?? 0, codes[i + 1] ?? 0)] === 1 && this.windows.has(windowAt(codes, i));
      // A word-like window of a secret counts right beside a matched piece: before it, or after.
      const matched = strong || (previous === i - 1 && this.wordWindows.has(windowAt(codes, i)));
      if (!matched) continue;
      let first = i;
      if (strong)
        while (first > 0 && first > previous + 1 && i - first < MAX_WORD_REACH && this.wordWindows.has(windowAt(codes, first - 1))) first--;
      previous = i;
      const start = starts[first] ?? 0;
      const end = ends[i + MIN_FRAGMENT - 1] ?? text.length;
      const last = ranges[ranges.length - 1];
      if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
      else ranges.push([start, end]);
    }
    if (ranges.length === 0) return text;
    let out = '';
    let at = 0;
    for (const [start, end] of ranges) {
      out += text.slice(at, start) + replacement;
      at = end;
    }
    return out + text.slice(at);
  }
}

/**
 * The forms of a secret a server may echo beyond the ones that are escaped as a whole: hex (as
 * bytes are dumped), the secret reversed, and base64 at the two other alignments (the secret
 * encoded after other bytes, such as `Bearer ` in an echoed Basic header), whose first group,
 * which holds bits of the bytes before it, is left out.
 */
export function fragmentForms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [bytes.toString('hex'), [...secret].reverse().join('')];
  for (const pad of [1, 2]) {
    const shifted = Buffer.concat([Buffer.alloc(pad), bytes]);
    forms.push(shifted.toString('base64').slice(4), shifted.toString('base64url').slice(4));
  }
  return forms;
}

/** The MIN_FRAGMENT characters of the view from `at`, as text. */
function windowAt(codes: readonly number[], at: number): string {
  let text = '';
  for (let i = at; i < at + MIN_FRAGMENT; i++) text += String.fromCharCode(codes[i] ?? 0);
  return text;
}

function pairKey(first: number, second: number): number {
  return ((first << 7) ^ second) & 0xffff;
}

/** ASCII letters lower-cased: a proxy or an error page that changes case still echoes the secret. */
function foldCase(code: number): number {
  return code >= 65 && code <= 90 ? code + 32 : code;
}

/** Characters that a server may put between a secret's characters without anyone seeing them. */
function isGapCode(code: number): boolean {
  return (
    code <= 0x20 ||
    (code >= 0x7f && code <= 0xa0) ||
    code === 0xad ||
    (code >= 0x2000 && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202f) ||
    (code >= 0x205f && code <= 0x2064) ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

const HEX4 = /^[0-9a-fA-F]{4}$/;

/**
 * A window of lower-case letters only, or upper-case letters only ("workflow", "SECRETKEY"): a
 * word, more likely to be ordinary text than a piece of a token (a random token has such a
 * window with a chance of about 1 in 500 per window). Such a window still counts inside a longer
 * matched piece, and the secret's whole forms are matched anyway.
 */
function isWordLike(codes: readonly number[], at: number): boolean {
  let lower = true;
  let upper = true;
  for (let i = at; i < at + MIN_FRAGMENT; i++) {
    const code = codes[i] ?? 0;
    lower &&= code >= 97 && code <= 122;
    upper &&= code >= 65 && code <= 90;
  }
  return lower || upper;
}

/** The view of `text`: gaps dropped, `\uXXXX` and `\\` decoded, ASCII case folded when `caseless`. */
function readView(text: string, caseless: boolean): View {
  const fold = caseless ? foldCase : (code: number) => code;
  const codes: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x1b) {
      i = afterEscapeSequence(text, i + 1);
      continue;
    }
    if (isGapCode(code)) {
      i++;
      continue;
    }
    if (code === 0x5c) {
      const next = text[i + 1];
      if (next === 'n' || next === 'r' || next === 't') {
        i += 2;
        continue;
      }
      if (next === 'u' && HEX4.test(text.slice(i + 2, i + 6))) {
        const decoded = Number.parseInt(text.slice(i + 2, i + 6), 16);
        if (decoded === 0x1b) i = afterEscapeSequence(text, i + 6);
        else if (isGapCode(decoded)) i += 6;
        else {
          codes.push(fold(decoded));
          starts.push(i);
          ends.push(i + 6);
          i += 6;
        }
        continue;
      }
      if (next === '\\') {
        codes.push(0x5c);
        starts.push(i);
        ends.push(i + 2);
        i += 2;
        continue;
      }
    }
    codes.push(fold(code));
    starts.push(i);
    ends.push(i + 1);
    i++;
  }
  return { codes, starts, ends };
}

/**
 * Where the ANSI escape sequence whose ESC ended just before `at` ends: a CSI (`[…m`, colours and
 * cursor moves) or one character. The text of an OSC (a window title) is left in the view: a log
 * file shows it.
 */
function afterEscapeSequence(text: string, at: number): number {
  if (text[at] === '[') {
    let i = at + 1;
    while (i < text.length && /[0-?]/.test(text[i] ?? '')) i++;
    while (i < text.length && /[ -/]/.test(text[i] ?? '')) i++;
    return /[@-~]/.test(text[i] ?? '') ? i + 1 : i;
  }
  return at < text.length ? at + 1 : at;
}
