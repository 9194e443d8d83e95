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
 * with each timestamp parsed once instead of once per comparison: the planner sorts every remote
 * list this way, and at 10,000 properties the parsing inside the comparator was most of the sort.
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

const ISO = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Microseconds since the epoch (fits a double exactly for centuries to come). */
function timestampKey(value: string | null): number | undefined {
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
  return title.normalize('NFC');
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
  return text.replace(/\r\n?/g, '\n').replace(PYTHON_SPACE_AT_ENDS, '').normalize('NFC');
}

/**
 * White space at either end as Python's str.strip() sees it (DRF's CharField trims with it):
 * JavaScript's own, plus U+001C–U+001F and U+0085, which JavaScript's trim() keeps.
 */
const PYTHON_SPACE = '\\s\\u001c-\\u001f\\u0085';
const PYTHON_SPACE_AT_ENDS = new RegExp(`^[${PYTHON_SPACE}]+|[${PYTHON_SPACE}]+$`, 'g');
