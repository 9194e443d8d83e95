/**
 * The usual route of loading: js-yaml 5 (which passes the whole YAML test suite, and is several
 * times faster than `yaml` on tracking plans: bench/results.md) reads a file's text into events
 * with source offsets, and the data is built from them here. `yaml` stays the reference
 * (yaml-route.ts): it reports every syntax error, resolves anchors, aliases and merge keys under
 * their bounds, and gives any position this route does not record.
 *
 * The contract (test/tracking-plan/parse-yaml-agreement-*.test.ts, on the YAML test suite and on
 * generated documents): whenever `readWithJsYaml` returns data, `yaml` with the loader's options
 * accepts the same text and gives deeply equal data. So anything where the two could differ is
 * a doubt, and the caller asks `yaml`: a text js-yaml refuses, more than one document, anchors,
 * aliases and tags, merge (`<<`) and `__proto__` keys, keys that are not text, a key written
 * twice (`yaml` says where), an implicit key over `yaml`'s limit of 1024 characters, a
 * double-quoted text with an escaped line break (`\` at the end of a line), which the two fold
 * differently before an empty line, a document that is a flow collection (`{…}` over lines:
 * `yaml` has rules of its own there), and a comment line less indented than the content after it
 * (`yaml` lets it end the block it stands in; js-yaml, as the YAML spec, does not), and a file past
 * the bounds of yaml-bounds.ts (too many keys in a mapping, too deep) is refused here, located,
 * before `yaml` spends its time on it.
 * Plain scalars resolve as `yaml` resolves them (core-scalars.ts).
 *
 * Pure: text in, data (or a doubt) out.
 */
import { COLLECTION_STYLE, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event } from 'js-yaml';
import { PLAIN_TEXT, resolveCorePlain } from './core-scalars.js';
import { MAX_KEYS_PER_MAPPING, MAX_NESTING, NESTED_TOO_DEEPLY, tooManyKeys, type BoundProblem } from './yaml-bounds.js';

/** A file read by js-yaml: its data, where its mappings and lists start, and how its numbers and booleans were written. */
export interface JsYamlRead {
  readonly data: Record<string, unknown>;
  /** Where each mapping and list starts (its first key, its first `-`, or its bracket), as `yaml` gives `range[0]`. */
  readonly starts: ReadonlyMap<object, number>;
  /**
   * For each number or boolean value in the file: the text it was written as, or null when the
   * same value is written in more than one way (then ask `yaml`).
   */
  readonly scalarTexts: ReadonlyMap<unknown, string | null>;
}

/** Why this route gave up on a file (the file then goes to `yaml`); for tests and the benchmark's notes. */
export interface Doubt {
  readonly doubt: string;
}

/** `yaml` refuses an implicit key longer than 1024 characters; a key this long goes to it. */
const LONGEST_KEY = 1000;

const ESCAPED_LINE_BREAK = /\\\r?\n/;

/** A mapping or list being filled; for a mapping, the key read and waiting for its value. */
interface Open {
  readonly container: Record<string, unknown> | unknown[];
  key: string | undefined;
  /** Keys read into a mapping so far. */
  keys: number;
}

/** A file past the bounds of yaml-bounds.ts, refused here, before `yaml` would spend its time on it. */
export interface Refused {
  readonly refused: BoundProblem;
}

/** Data when `yaml` would give the same; a refusal when the file is past a bound; otherwise why not. */
export function readWithJsYaml(text: string): JsYamlRead | Doubt | Refused {
  if (hasCommentBeforeDeeperLine(text)) return { doubt: 'a comment less indented than what follows' };
  let events: Event[];
  try {
    events = parseEvents(text, {});
  } catch {
    return { doubt: 'js-yaml refuses the text' };
  }
  const starts = new Map<object, number>();
  const scalarTexts = new Map<unknown, string | null>();
  const open: Open[] = [];
  let root: unknown;
  let documents = 0;

  /** Puts a value where the events say it goes; returns a doubt when it is a key `yaml` could read otherwise. */
  const place = (value: unknown, start: number, length: number): string | BoundProblem | undefined => {
    const into = open[open.length - 1];
    if (into === undefined) root = value;
    else if (Array.isArray(into.container)) into.container.push(value);
    else if (into.key !== undefined) {
      into.container[into.key] = value;
      into.key = undefined;
    } else {
      if (typeof value !== 'string') return 'a key that is not text';
      if (value === '<<' || value === '__proto__') return 'a merge or prototype key';
      if (Object.hasOwn(into.container, value)) return 'a key written twice';
      if (length > LONGEST_KEY) return 'a very long key';
      if (++into.keys > MAX_KEYS_PER_MAPPING) return tooManyKeys(start);
      into.key = value;
    }
    return undefined;
  };

  for (const event of events) {
    let doubt: string | BoundProblem | undefined;
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        documents++;
        if (documents > 1) return { doubt: 'more than one document' };
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        if (event.anchorStart !== -1 || event.tagStart !== -1) return { doubt: 'an anchor or a tag' };
        if (open.length === 0 && event.style === COLLECTION_STYLE.FLOW) return { doubt: 'a flow collection as the document' };
        const container = event.type === EVENT_ID.MAPPING ? {} : [];
        doubt = place(container, event.start, 0);
        starts.set(container, event.start);
        open.push({ container, key: undefined, keys: 0 });
        if (open.length > MAX_NESTING) return { refused: { ...NESTED_TOO_DEEPLY, offset: event.start } };
        break;
      }
      case EVENT_ID.SCALAR: {
        if (event.anchorStart !== -1 || event.tagStart !== -1) return { doubt: 'an anchor or a tag' };
        if (event.style === SCALAR_STYLE.DOUBLE_QUOTED && ESCAPED_LINE_BREAK.test(text.slice(event.valueStart, event.valueEnd)))
          return { doubt: 'an escaped line break' };
        const written = getScalarValue(text, event);
        const resolved = event.style === SCALAR_STYLE.PLAIN ? resolveCorePlain(written) : PLAIN_TEXT;
        if (resolved !== PLAIN_TEXT && resolved !== null) {
          const known = scalarTexts.get(resolved);
          if (known === undefined) scalarTexts.set(resolved, written);
          else if (known !== written) scalarTexts.set(resolved, null);
        }
        // A quoted scalar's value starts after its quote; `yaml` places the scalar at the quote.
        const quoted = event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED;
        doubt = place(resolved === PLAIN_TEXT ? written : resolved, event.valueStart - (quoted ? 1 : 0), event.valueEnd - event.valueStart);
        break;
      }
      case EVENT_ID.ALIAS:
        return { doubt: 'an alias' };
      case EVENT_ID.POP:
        // Closes a mapping or a list, or (with none open) the document.
        open.pop();
        break;
    }
    if (doubt !== undefined) return typeof doubt === 'string' ? { doubt } : { refused: doubt };
  }
  // Only a mapping can be a plan file; anything else goes to `yaml` for its exact message.
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return { doubt: 'not a mapping' };
  return { data: root as Record<string, unknown>, starts, scalarTexts };
}

const SPACE = 0x20;
const HASH = 0x23;
const CARRIAGE_RETURN = 0x0d;

/** Whether a comment line (or a run of them) is less indented than the next line of content. */
function hasCommentBeforeDeeperLine(text: string): boolean {
  if (!text.includes('#')) return false;
  let commentIndent = -1; // the least indentation of the comment lines since the last content line
  for (let lineStart = 0; lineStart < text.length;) {
    let end = text.indexOf('\n', lineStart);
    if (end === -1) end = text.length;
    let i = lineStart;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    if (i < end && text.charCodeAt(i) !== CARRIAGE_RETURN) {
      const indent = i - lineStart;
      if (text.charCodeAt(i) === HASH) commentIndent = commentIndent === -1 ? indent : Math.min(commentIndent, indent);
      else if (commentIndent !== -1 && commentIndent < indent) return true;
      else commentIndent = -1;
    }
    lineStart = end + 1;
  }
  return false;
}
