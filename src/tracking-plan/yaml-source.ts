/**
 * Turns one file's bytes into plain data plus a way to point back at the YAML that
 * produced any part of it. Pure: bytes in, data or located issues out.
 *
 * Two routes, one result. A file the fast parser is sure of (fast-yaml.ts: js-yaml under
 * guards) gives its data at once, and the positions of its mappings and lists; any other
 * position, and the text of a scalar written in more than one way, come from parsing the file
 * again with `yaml`, once, and only when something asks (an issue to report). Every other file
 * goes through `yaml` from the start, which reports syntax errors and holds every position.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node, YAMLMap } from 'yaml';
import { fastParse, type FastParse } from './fast-yaml.js';
import type { Issue } from './issue.js';
import { decodeUtf8 } from './utf8-text.js';

export type PathSegment = string | number;

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface SourceFile {
  readonly file: string;
  /** The document as plain JavaScript data. */
  readonly data: unknown;
  /** Where `path` is written: its key (`'key'`) or its value (`'value'`). Falls back to the nearest ancestor. */
  locate(path: readonly PathSegment[], part?: 'key' | 'value'): Position;
  /** The text a scalar was written as (`1.50` stays "1.50"), when it is a scalar. */
  sourceText(path: readonly PathSegment[]): string | undefined;
}

export type SourceResult = { ok: true; source: SourceFile } | { ok: false; issues: Issue[] };

/** Aliases may be reused freely, but not multiplied into millions of nodes ("billion laughs"). */
const MAX_ALIAS_EXPANSION = 10_000;

const YAML_ERROR_HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'indent with spaces; YAML does not allow tabs for indentation',
  DUPLICATE_KEY: 'each key may appear only once in a mapping; remove or merge the repeated one',
  BAD_INDENT: 'check the indentation: items of one list or mapping must line up',
  MULTIPLE_DOCS: 'keep one YAML document per file (remove the `---` separator), or split it into two files',
  MISSING_CHAR: 'a colon, dash, quote or bracket is missing here, or the line is indented wrongly',
  BLOCK_AS_IMPLICIT_KEY: 'a value that contains ": " must be quoted (description: \'Note: like this\'); otherwise check the indentation',
  MULTILINE_IMPLICIT_KEY: 'check the indentation of this line against the lines above; a value that contains ": " must be quoted',
  UNEXPECTED_TOKEN: 'check the syntax near this position',
  BAD_ALIAS: 'an alias (`*name`) needs an anchor (`&name`) defined before it',
  BAD_SCALAR_START: 'a value starting with a special character (@, `, %, |, >) must be quoted',
};

/**
 * `route: 'yaml'` skips the fast path (tests compare the two routes; the result must not depend on the route).
 */
export function parseYamlSource(file: string, bytes: Uint8Array, route: 'auto' | 'yaml' = 'auto'): SourceResult {
  const decoded = decodeUtf8(file, bytes);
  if (!decoded.ok) return decoded;
  const text = decoded.text;

  if (text.trim() === '') {
    return fail(
      file,
      1,
      1,
      'empty-file',
      'the file is empty',
      'add `version: 1` and `integration: <id>`, or `categories:`, or delete the file',
    );
  }

  const fast = route === 'auto' ? fastParse(text) : undefined;
  if (fast !== undefined && 'data' in fast) return { ok: true, source: fastSource(file, text, fast) };
  return parseWithYaml(file, text);
}

/** How the loader parses with `yaml` (kept in one place: the fast path's positions come from the same call). */
function parseYamlDocument(text: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    merge: true,
    uniqueKeys: true,
    strict: true,
    keepSourceTokens: false,
  });
  return { doc, lineCounter };
}

/** The reference route: `yaml` parses the file, reports its syntax errors, and keeps every position. */
export function parseWithYaml(file: string, text: string): SourceResult {
  const { doc, lineCounter } = parseYamlDocument(text);

  if (doc.errors.length > 0) {
    // A syntax error throws the parser off for the rest of the file: the first one is the one to fix.
    const [first, ...rest] = doc.errors;
    if (first) {
      const pos = lineCounter.linePos(pastIndentation(text, first.pos[0]));
      const hint = YAML_ERROR_HINTS[first.code];
      const more =
        rest.length > 0 ? ` (${rest.length} more YAML ${rest.length === 1 ? 'error follows' : 'errors follow'}; fix this one first)` : '';
      return fail(file, pos.line, pos.col, 'yaml-syntax', `YAML syntax error: ${firstLine(first.message)}${more}`, hint);
    }
  }

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return fail(file, 1, 1, 'empty-file', 'the file holds no data (only comments)', 'add `categories:` or delete the file');
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSION });
  } catch (error) {
    const at = firstAliasPosition(doc, lineCounter) ?? { line: 1, column: 1 };
    const message = error instanceof Error ? error.message : String(error);
    if (/excessive alias count/i.test(message)) {
      return fail(
        file,
        at.line,
        at.column,
        'alias-bomb',
        `YAML aliases here expand to too many nodes (more than ${MAX_ALIAS_EXPANSION.toLocaleString('en-US')}); this looks like a "billion laughs" document`,
        'write the repeated parts out, or reuse anchors without nesting them inside each other',
      );
    }
    return fail(file, at.line, at.column, 'yaml-syntax', `YAML error: ${firstLine(message)}`);
  }

  // An alias inside the node its anchor names (`x: &a [ *a ]`) makes data without an end, which
  // every later check would follow until the stack ran out. Only aliases can, so only then look.
  if (text.includes('*') && holdsItself(data)) {
    const at = firstAliasPosition(doc, lineCounter) ?? { line: 1, column: 1 };
    return fail(
      file,
      at.line,
      at.column,
      'alias-cycle',
      'a YAML alias here stands inside the node its anchor names, so the data would never end',
      'point the alias (`*name`) at an anchor outside the node that holds it, or write the value out',
    );
  }

  const positions = documentPositions(doc, lineCounter);
  return {
    ok: true,
    source: {
      file,
      data,
      locate: (path, part = 'value') => positions.locate(path, part),
      sourceText: (path) => positions.sourceText(path),
    },
  };
}

/** Whether some list or mapping in `data` contains itself (yaml's toJS keeps an alias's target as one object). */
function holdsItself(data: unknown): boolean {
  const open = new Set<object>();
  const done = new Set<object>();
  const visit = (value: unknown): boolean => {
    if (value === null || typeof value !== 'object' || done.has(value)) return false;
    if (open.has(value)) return true;
    open.add(value);
    for (const child of Array.isArray(value) ? value : Object.values(value)) if (visit(child)) return true;
    open.delete(value);
    done.add(value);
    return false;
  };
  return visit(data);
}

interface DocumentPositions {
  locate(path: readonly PathSegment[], part: 'key' | 'value'): Position;
  sourceText(path: readonly PathSegment[]): string | undefined;
}

function documentPositions(doc: Document, lineCounter: LineCounter): DocumentPositions {
  return {
    locate: (path, part) => {
      const found = walk(doc, path);
      // Reached through an alias (`*p`): the alias is where this part of the document is written.
      const node = found.alias ?? (part === 'key' && found.complete && found.key ? found.key : found.node);
      const offset = node?.range?.[0] ?? 0;
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
    sourceText: (path) => {
      const found = walk(doc, path);
      if (!found.complete || !isScalar(found.node)) return undefined;
      return typeof found.node.source === 'string' ? found.node.source : undefined;
    },
  };
}

/**
 * A file read by the fast parser. Mappings and lists are located from the offsets it recorded
 * (where `yaml` puts them too: the first key, the first `-`, the bracket); strings are their own
 * text, and numbers and booleans the text they were written as when it is the only one. Anything
 * else parses the text with `yaml`, once.
 */
function fastSource(file: string, text: string, fast: FastParse): SourceFile {
  const { data, starts, scalarTexts } = fast;
  let exact: DocumentPositions | undefined;
  const slow = (): DocumentPositions => (exact ??= documentPositions(...yamlDocumentOf(text)));
  let lines: LineStarts | undefined;
  return {
    file,
    data,
    locate: (path, part = 'value') => {
      if (part === 'value') {
        const found = valueAt(data, path);
        if (found.complete && typeof found.value === 'object' && found.value !== null) {
          const offset = starts.get(found.value);
          if (offset !== undefined) return (lines ??= new LineStarts(text)).position(offset);
        }
      }
      return slow().locate(path, part);
    },
    sourceText: (path) => {
      const found = valueAt(data, path);
      if (!found.complete) return undefined;
      const value = found.value;
      if (typeof value === 'string') return value;
      if (typeof value === 'object' && value !== null) return undefined;
      const written = scalarTexts.get(value);
      return typeof written === 'string' ? written : slow().sourceText(path);
    },
  };
}

function yamlDocumentOf(text: string): [Document, LineCounter] {
  const { doc, lineCounter } = parseYamlDocument(text);
  return [doc, lineCounter];
}

/** Where `path` leads in plain data, stepping as `walk` does in the document (list items by number, keys by text). */
function valueAt(data: unknown, path: readonly PathSegment[]): { complete: boolean; value: unknown } {
  let value = data;
  for (const segment of path) {
    if (Array.isArray(value)) {
      if (typeof segment !== 'number' || segment < 0 || segment >= value.length) return { complete: false, value };
      value = value[segment];
    } else if (typeof value === 'object' && value !== null && Object.hasOwn(value, String(segment))) {
      value = (value as Record<string, unknown>)[String(segment)];
    } else {
      return { complete: false, value };
    }
  }
  return { complete: true, value };
}

/** Line and column (1-based, UTF-16 units, as `yaml`'s LineCounter counts them) of offsets in one text. */
class LineStarts {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) this.starts.push(at + 1);
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (this.starts[low] ?? 0) + 1 };
  }
}

interface WalkResult {
  /** The deepest node reached. */
  node: Node | null;
  /** The key node of the last step, when the last step was a mapping key. */
  key: Node | null;
  /** Whether the whole path was found. */
  complete: boolean;
  /**
   * The first alias (`*name`) the path went through, when it went through one: what lies beyond it
   * is written at the anchor, elsewhere, but it is this place of the document that holds it.
   */
  alias: Node | null;
}

function walk(doc: Document, path: readonly PathSegment[]): WalkResult {
  let alias: Node | null = isAlias(doc.contents) ? doc.contents : null;
  let node = resolve(doc, doc.contents);
  let key: Node | null = null;
  for (const segment of path) {
    const next = step(doc, node, segment);
    if (!next) return { node, key: null, complete: false, alias };
    alias ??= next.alias;
    node = next.value ?? next.key;
    key = next.key;
  }
  return { node, key, complete: true, alias };
}

interface Step {
  key: Node | null;
  value: Node | null;
  /** The alias the step went through, if the value was written as one. */
  alias: Node | null;
}

function step(doc: Document, node: Node | null, segment: PathSegment): Step | undefined {
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return isNodeLike(item) ? { key: null, value: resolve(doc, item), alias: isAlias(item) ? item : null } : undefined;
  }
  if (isMap(node)) return findInMap(doc, node, String(segment), 0);
  return undefined;
}

function findInMap(doc: Document, map: YAMLMap, key: string, depth: number): Step | undefined {
  if (depth > 20) return undefined;
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    const pairKey = pair.key;
    if (isScalar(pairKey) && String(pairKey.value) === key) {
      return {
        key: pairKey,
        value: isNodeLike(pair.value) ? resolve(doc, pair.value) : null,
        alias: isAlias(pair.value) ? pair.value : null,
      };
    }
  }
  // Keys that arrive through a `<<` merge key live in the merged mapping(s).
  for (const pair of map.items) {
    if (!isPair(pair) || !isMergeKey(pair.key)) continue;
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const merged = isNodeLike(source) ? resolve(doc, source) : null;
      if (isMap(merged)) {
        const found = findInMap(doc, merged, key, depth + 1);
        // Brought in by `<<: *name`: that line is where this mapping says it.
        if (found) return { ...found, alias: isAlias(source) ? source : found.alias };
      }
    }
  }
  return undefined;
}

/** `<<` resolves to a Symbol when merge keys are on, to the string otherwise. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value: unknown = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

function resolve(doc: Document, node: unknown): Node | null {
  let current: unknown = node;
  for (let hops = 0; hops < 20 && isAlias(current); hops++) {
    current = current.resolve(doc);
  }
  return isNodeLike(current) ? current : null;
}

function isNodeLike(value: unknown): value is Node {
  return isScalar(value) || isMap(value) || isSeq(value) || isAlias(value);
}

function firstAliasPosition(doc: Document, lineCounter: LineCounter): Position | undefined {
  let found: Position | undefined;
  const visitNode = (node: unknown): void => {
    if (found) return;
    if (isAlias(node)) {
      const pos = lineCounter.linePos(node.range?.[0] ?? 0);
      found = { line: pos.line, column: pos.col };
    } else if (isMap(node) || isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) {
          visitNode(item.key);
          visitNode(item.value);
        } else {
          visitNode(item);
        }
      }
    }
  };
  visitNode(doc.contents);
  return found;
}

function fail(file: string, line: number, column: number, code: string, message: string, hint?: string): { ok: false; issues: Issue[] } {
  return { ok: false, issues: [{ file, line, column, code, message, ...(hint === undefined ? {} : { hint }) }] };
}

/**
 * `yaml` places some indentation errors at the start of the line (a dedented key: "Sequence item
 * without - indicator", "All mapping items must start at the same column"); the key itself, where
 * the eye goes and the fix is made, starts after the spaces. An offset in a line's leading spaces
 * moves to the line's first other character; any other offset stays.
 */
function pastIndentation(text: string, offset: number): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (!/^ *$/.test(text.slice(lineStart, offset))) return offset;
  let at = offset;
  while (text[at] === ' ') at++;
  return text[at] === undefined || text[at] === '\n' || text[at] === '\r' ? offset : at;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}
