/**
 * The fast path of loading: js-yaml 4 (about eight times faster than the `yaml` package on
 * tracking plans, see the README's Performance section) turns a file's text into plain data,
 * under guards that make it give up ("doubt") on anything where the two libraries could
 * differ. On a doubt the caller parses the file with `yaml`, which stays the reference: it
 * reports every syntax error and gives every source position.
 *
 * The contract, tested against the YAML test suite and the loader's property tests
 * (test/tracking-plan/fast-yaml-agreement.test.ts): whenever `fastParse` returns data, `yaml`
 * (with the loader's options) accepts the same text and `toJS()` gives deeply equal data.
 * js-yaml 4 alone breaks it in known ways (it accepts `key: "value"# comment`, under-indented
 * continuation lines of flow collections and quoted scalars, content after `---`, tabs in
 * some places; it reads `null` keys as "null" and expands `[a, b]: x` keys), so each of those
 * shapes is a doubt, as are anchors, aliases, tags, directives, merge keys and anything unusual.
 * Scalars resolve exactly as `yaml`'s YAML 1.2 core schema resolves them (the same patterns
 * and conversions): `NO`, `yes`, `on`, `2024-01-01` stay strings, `1.10` is the number 1.1 whose
 * written text (`scalarTexts`) an enum value keeps.
 *
 * Pure: text in, data (or a doubt) out.
 */
import { FAILSAFE_SCHEMA, load, Type, type State } from 'js-yaml';

/** Plain data, and the text each non-string scalar was written as (`1.50`, `True`), by value. */
export interface FastParse {
  readonly data: Record<string, unknown>;
  /** Where each mapping and list starts (its first key, its first `-`, or its bracket), as `yaml` gives `range[0]`. */
  readonly starts: ReadonlyMap<object, number>;
  /**
   * For each number or boolean value in the file: the text it was written as, or null when the
   * same value is written in more than one way (then ask `yaml`).
   */
  readonly scalarTexts: ReadonlyMap<unknown, string | null>;
}

/** Why the fast path gave up on a file; for tests and the benchmark's notes. */
export type Doubt = { readonly doubt: string };

const DIGIT_OR_SIGN = /^[-+.0-9]/;
const INT = /^[-+]?[0-9]+$/;
const INT_OCT = /^0o[0-7]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;

/** No value: a plain scalar that stays a string. */
const UNRESOLVED = Symbol('unresolved');

/**
 * `yaml`'s core schema, in its order (null, bool, int 0o, int, int 0x, .inf/.nan, float with
 * exponent, float), with its conversions (node_modules/yaml/dist/schema/core/*.js).
 */
export function resolveCorePlain(text: string): unknown {
  if (text === '' || text === '~') return null;
  const first = text.charCodeAt(0);
  // n N t T f F: null and booleans; digits, signs and dots: numbers.
  if (first === 0x6e || first === 0x4e) return NULL.test(text) ? null : UNRESOLVED;
  if (first === 0x74 || first === 0x54 || first === 0x66 || first === 0x46)
    return BOOL.test(text) ? first === 0x74 || first === 0x54 : UNRESOLVED;
  if (!DIGIT_OR_SIGN.test(text)) return UNRESOLVED;
  if (INT_OCT.test(text)) return parseInt(text.substring(2), 8);
  if (INT.test(text)) return parseInt(text, 10);
  if (INT_HEX.test(text)) return parseInt(text.substring(2), 16);
  if (FLOAT_NAN.test(text))
    return text.slice(-3).toLowerCase() === 'nan' ? NaN : text[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(text) || FLOAT.test(text)) return parseFloat(text);
  return UNRESOLVED;
}

// One parse at a time (loading is synchronous): the resolver hands its value and the raw text
// to the parse in progress through these.
let resolved: unknown = UNRESOLVED;
let texts: Map<unknown, string | null> = new Map();

const coreScalar = new Type('tag:tpsync,2026:core-scalar', {
  kind: 'scalar',
  resolve: (text: string) => {
    resolved = resolveCorePlain(text);
    return resolved !== UNRESOLVED;
  },
  construct: (text: string) => {
    const value = resolved;
    if (value !== null) {
      const known = texts.get(value);
      if (known === undefined) texts.set(value, text);
      else if (known !== text) texts.set(value, null);
    }
    return value;
  },
});

/** Failsafe (strings, lists, mappings) plus the core scalars above, and nothing else: no merge keys, no timestamps. */
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [coreScalar] });

const QUOTE_DOUBLE = 0x22;
const QUOTE_SINGLE = 0x27;
const BRACKET = 0x5b;
const BRACE = 0x7b;
const NEWLINE = 0x0a;

class Doubted extends Error {}

/** What js-yaml's listener sees; `anchor` is there at run time though its types leave it out. */
type ParserState = State & { readonly anchor?: string | null };

/** Data when the fast path is sure `yaml` would give the same; otherwise why not. */
export function fastParse(text: string): FastParse | Doubt {
  const suspect = suspectText(text);
  if (suspect !== undefined) return { doubt: suspect };

  // Where each open node's text may start (before separating space and comments), innermost last.
  const opened: number[] = [];
  const starts = new Map<object, number>();
  const listener = (event: 'open' | 'close', state: ParserState): void => {
    if (event === 'open') {
      opened.push(state.position);
      return;
    }
    const from = opened.pop() ?? 0;
    if (state.anchor !== null && state.anchor !== undefined) throw new Doubted('anchor');
    const start = nodeStart(text, from, state.position);
    const first = text.charCodeAt(start);
    // Tags (`!x`), anchors (`&a`) and aliases (`*a`).
    if (first === 0x21 || first === 0x26 || first === 0x2a) throw new Doubted('tag, anchor or alias');
    const result: unknown = state.result;
    // Nulls and empty nodes: no field of a plan holds one, and js-yaml 4 misplaces the items that
    // follow an empty list item (`- # comment`). Merge keys and `__proto__` are `yaml`'s to handle.
    if (result === null || result === undefined) throw new Doubted('null or empty node');
    if (result === '<<' || result === '__proto__') throw new Doubted('merge or prototype key');
    if (typeof result === 'object') starts.set(result, start);
    // Quoted scalars and flow collections over several lines: js-yaml 4 does not check their
    // indentation, so check it here: every line must be indented more than the block collection
    // that holds the node (as `yaml` requires; prettier writes long lists this way).
    if (first === QUOTE_DOUBLE || first === QUOTE_SINGLE || first === BRACKET || first === BRACE) {
      const end = state.position;
      const newline = text.indexOf('\n', start);
      if (newline !== -1 && newline < end) {
        if (text.charCodeAt(skipSpaces(text, end)) === 0x3a) throw new Doubted('multi-line key');
        // The two fold escaped line breaks (`\` at the end of a line) before empty lines differently.
        if (first === QUOTE_DOUBLE && text.lastIndexOf('\\', end) > start) throw new Doubted('multi-line escapes');
        // `yaml` gives a document that is one flow collection rules of its own.
        if (opened.length === 0) throw new Doubted('multi-line flow document');
        if (!indentedWithin(text, start, end, blockIndent(text, opened))) throw new Doubted('under-indented multi-line node');
      }
    }
  };

  resolved = UNRESOLVED;
  texts = new Map();
  let data: unknown;
  try {
    data = load(text, { schema: SCHEMA, json: false, listener: listener });
  } catch (error) {
    return { doubt: error instanceof Doubted ? error.message : 'js-yaml error' };
  } finally {
    resolved = UNRESOLVED;
  }
  const scalarTexts = texts;
  texts = new Map();
  // Only a mapping can be a plan file; anything else goes to `yaml` for its exact message.
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { doubt: 'not a mapping' };
  return { data: data as Record<string, unknown>, starts, scalarTexts };
}

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;

/**
 * Text shapes that send a file to `yaml` before js-yaml sees it, found in one pass over the
 * text (a set of regular expressions took a second on 19 MB). Each is rare in a tracking plan;
 * a false alarm only costs time.
 */
function suspectText(text: string): string | undefined {
  const length = text.length;
  let lineStart = 0;
  let content = false; // a line with content was seen (for the one `---` allowed before it)
  let commentIndent = -1; // the least indentation of the comment lines since the last content line
  while (lineStart < length) {
    let eol = text.indexOf('\n', lineStart);
    if (eol === -1) eol = length;
    if (eol - lineStart >= 1000) return 'very long line'; // `yaml` limits implicit keys to 1024 characters
    let i = lineStart;
    while (i < eol && text.charCodeAt(i) === SPACE) i++;
    const indent = i - lineStart;
    if (i === eol) {
      // Lines of spaces only: js-yaml 4 accepts some that `yaml` rejects inside block scalars.
      if (indent > 0) return 'line of spaces';
    } else {
      const first = text.charCodeAt(i);
      if (indent === 0 && first === 0x25) return 'directive';
      if (indent === 0 && (text.startsWith('---', i) || text.startsWith('...', i))) {
        // One `---` line before any content is the common way to start a file.
        if (content || !/^---[ ]*(?:#.*)?$/.test(text.slice(i, eol))) return 'document marker';
      } else if (first === HASH) {
        commentIndent = commentIndent === -1 ? indent : Math.min(commentIndent, indent);
      } else {
        // js-yaml 4 ignores where a comment stands; `yaml` lets a less indented one end a block.
        if (commentIndent !== -1 && commentIndent < indent) return 'comment less indented than what follows';
        commentIndent = -1;
        content = true;
      }
      const why = suspectLine(text, i, eol, lineStart);
      if (why !== undefined) return why;
    }
    lineStart = eol + 1;
  }
  return undefined;
}

/** The checks within one line, from its first non-space character `from` to its end. */
function suspectLine(text: string, from: number, eol: number, lineStart: number): string | undefined {
  for (let i = from; i < eol; i++) {
    const c = text.charCodeAt(i);
    // Letters and most punctuation need no look (the loop runs over every character of the plan).
    if (c > 0x3f && c < 0x7f) continue;
    if (c < SPACE || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff) {
      // Tabs, carriage returns, control characters, BOMs, line separators: each library has its own rules.
      return 'unusual character';
    }
    if (c !== HASH && c !== 0x3f && c !== COLON && c !== DASH) continue;
    const before = i > lineStart ? text.charCodeAt(i - 1) : -1;
    const after = i + 1 < eol ? text.charCodeAt(i + 1) : NEWLINE;
    if (c === HASH) {
      // A comment must follow white space; js-yaml 4 also takes `"value"# x`, `[# x` and `[a]# x` as comments.
      if (before === QUOTE_DOUBLE || before === QUOTE_SINGLE || isFlowIndicator(before)) {
        return 'comment without a space';
      }
      // Whether it starts a comment or sits in a quoted text is not known here: the checks go on.
    } else if (c === 0x3f && (after === SPACE || after === NEWLINE) && isIndicatorStart(before)) {
      return 'explicit key';
    } else if (c === COLON && (after === SPACE || after === NEWLINE)) {
      // Empty keys (`: value`, `- : value`) and collections as keys (`[a, b]: value`).
      let j = i - 1;
      while (j >= lineStart && text.charCodeAt(j) === SPACE) j--;
      const key = j >= lineStart ? text.charCodeAt(j) : -1;
      if (key === -1 || key === DASH || key === 0x3f || isFlowIndicator(key)) return 'empty or complex key';
    } else if (c === DASH && (before === SPACE || before === -1)) {
      // Empty list items (`-` alone or before a comment): js-yaml 4 misplaces the items after them.
      let j = i + 1;
      while (j < eol && text.charCodeAt(j) === SPACE) j++;
      if (j === eol || (text.charCodeAt(j) === HASH && j > i + 1)) return 'empty list item';
    }
  }
  return undefined;
}

function isFlowIndicator(c: number): boolean {
  return c === 0x2c || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d;
}

function isIndicatorStart(before: number): boolean {
  return before === -1 || before === SPACE || before === 0x2c || before === 0x5b || before === 0x7b;
}

/** The first character of a node's own text at or after `from`: past spaces, line breaks and comments. */
function nodeStart(text: string, from: number, limit: number): number {
  let i = from;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === NEWLINE) i++;
    else if (c === 0x23) {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? limit : eol;
    } else break;
  }
  return i;
}

/** The column of the innermost enclosing block collection (-1 at the top), from the open nodes' positions. */
function blockIndent(text: string, opened: readonly number[]): number {
  for (let k = opened.length - 1; k >= 0; k--) {
    const start = nodeStart(text, opened[k] ?? 0, text.length);
    const c = text.charCodeAt(start);
    if (c === BRACKET || c === BRACE) continue;
    return start - (text.lastIndexOf('\n', start - 1) + 1);
  }
  return -1;
}

/** Whether the node's first line (when it starts one) and each later non-empty line are indented more than `indent`. */
function indentedWithin(text: string, start: number, end: number, indent: number): boolean {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (text.slice(lineStart, start).trim() === '' && start - lineStart <= indent) return false;
  for (let nl = text.indexOf('\n', start); nl !== -1 && nl < end; nl = text.indexOf('\n', nl + 1)) {
    let i = nl + 1;
    while (text.charCodeAt(i) === 0x20) i++;
    if (text.charCodeAt(i) === NEWLINE || i >= text.length) continue;
    if (i - (nl + 1) <= indent) return false;
  }
  return true;
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) === 0x20) i++;
  return i;
}
