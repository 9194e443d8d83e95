/**
 * Code-unit order for sorting: unlike localeCompare it does not depend on the machine's
 * locale or ICU version, so the same inputs sort the same everywhere.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders ISO 8601 timestamps by the instant they name, so that "…:00Z" and "…:00.123456Z"
 * (mixed precision) or different offsets compare right; microseconds count. Unparsable or
 * missing values sort last, by their text.
 */
export function compareTimestamps(a: string | null, b: string | null): number {
  return compareKeyed(timestampKey(a), timestampKey(b), a, b);
}

/**
 * `[...items].sort((a, b) => compareTimestamps(a.created_at, b.created_at) || compareText(a.id, b.id))`,
 * with each timestamp read once rather than once per comparison. Stable.
 */
export function sortOldestFirst<T extends { readonly created_at: string | null; readonly id: string }>(items: readonly T[]): T[] {
  const keyed = items.map((item) => ({ item, key: timestampKey(item.created_at) }));
  keyed.sort((a, b) => compareKeyed(a.key, b.key, a.item.created_at, b.item.created_at) || compareText(a.item.id, b.item.id));
  return keyed.map(({ item }) => item);
}

/** compareTimestamps, given the timestamps' keys. */
function compareKeyed(ka: number | undefined, kb: number | undefined, a: string | null, b: string | null): number {
  if (ka !== undefined && kb !== undefined) return ka - kb;
  if (ka !== undefined) return -1;
  if (kb !== undefined) return 1;
  return compareText(a ?? '', b ?? '');
}

/**
 * ISO 8601 as Secoda's API writes it (DRF: `2024-01-15T10:00:00.123456Z`) and kin: seconds
 * optional, a fraction of any length, `Z` or an offset (`+01:00`, `+0100`), none meaning UTC.
 */
const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Microseconds since the epoch (a double holds them exactly for centuries to come); undefined
 * when the value is not a timestamp. Date.parse reads the instant to the second (it decides what
 * is in range); the fraction adds its first six digits, which Date.parse would cut to three.
 */
export function timestampKey(value: string | null): number | undefined {
  if (value === null) return undefined;
  const match = ISO.exec(value.trim());
  if (!match) return undefined;
  const [, base = '', fraction = '', zone = 'Z'] = match;
  const seconds = Date.parse(`${base}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`);
  if (Number.isNaN(seconds)) return undefined;
  return seconds * 1000 + Number(fraction.padEnd(6, '0').slice(0, 6));
}

/**
 * The form of a title that identity compares: Unicode NFC, so that "é" written as one code point
 * and as "e" plus a combining accent are the same title (Secoda, or an editor on the way, may
 * store either). Titles are otherwise compared exactly.
 */
export function titleIdentity(title: string): string {
  // ASCII text is in NFC already; most titles are ASCII, and normalize() goes through ICU.
  for (let i = 0; i < title.length; i++) if (title.charCodeAt(i) > 0x7f) return title.normalize('NFC');
  return title;
}

/**
 * The form of `description` and `definition` that comparisons use: \n line endings, without
 * surrounding whitespace, in Unicode NFC. Secoda may trim what it stores (DRF's CharField does by
 * default) or normalise it (an editor on the way may compose accents), and a YAML
 * `definition: |` block ends in a newline; no Markdown reader sees those differences, so a plan
 * must not show them either (it would never converge).
 */
export function textIdentity(text: string | null): string {
  if (text === null) return '';
  return trimSpace(text.replace(/\r\n?/g, '\n')).normalize('NFC');
}

/**
 * `text` without white space at either end, as JavaScript's trim() or Python's str.strip() sees
 * it (DRF's CharField trims with the latter, which also strips U+001C–U+001F and U+0085). A loop,
 * not a regular expression: a long run of spaces inside the text costs no backtracking.
 */
function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

function isSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f);
  if (code < 0x85) return false;
  return (
    code === 0x85 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}
