/**
 * Turns one file's bytes into plain data plus a way to point back at the YAML that
 * produced any part of it. Pure: bytes in, data or located issues out.
 *
 * Two routes, one result. A file the fast parser is sure of (fast-yaml.ts: js-yaml under
 * guards) gives its data at once, and the positions of its mappings and lists; any other
 * position, and the text of a scalar written in more than one way, come from parsing the file
 * again with `yaml`, once, and only when something asks (an issue to report). Every other file
 * goes through `yaml` from the start, which reports syntax errors and holds every position;
 * there, aliases and merge keys are measured, bounded and resolved once (yaml-aliases.ts) before
 * `yaml` expands them, and positions found through an alias use what that pass resolved.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Alias, Document, Node, YAMLMap } from 'yaml';
import { fastParse, type FastParse } from './fast-yaml.js';
import type { Issue } from './issue.js';
import { decodeUtf8 } from './utf8-text.js';
import { describeAliasProblem, indexAliases, isMergeKey, type AliasIndex, type AliasProblem } from './yaml-aliases.js';

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

  // Only a file with an alias or a merge key can expand: the others skip the pass over their nodes.
  const aliases = text.includes('*') || text.includes('<<') ? indexAliases(doc) : NO_ALIASES;
  if (aliases.problem !== undefined) return aliasProblem(file, aliases.problem, lineCounter);

  let data: unknown;
  try {
    // Bounded above, by what the aliases produce; `yaml`'s own bound counts aliases, at a cost.
    data = doc.toJS({ maxAliasCount: -1 });
  } catch (error) {
    const at = firstAliasPosition(doc, lineCounter) ?? { line: 1, column: 1 };
    const message = error instanceof Error ? error.message : String(error);
    return fail(file, at.line, at.column, 'yaml-syntax', `YAML error: ${firstLine(message)}`);
  }

  const positions = documentPositions(doc, lineCounter, aliases.targets);
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

const NO_ALIASES: AliasIndex = { targets: new Map() };

/** The located refusal of a file whose aliases or merge keys would expand too far, or for ever. */
function aliasProblem(file: string, problem: AliasProblem, lineCounter: LineCounter): { ok: false; issues: Issue[] } {
  const pos = lineCounter.linePos(problem.at.range?.[0] ?? 0);
  const { code, message, hint } = describeAliasProblem(problem);
  return fail(file, pos.line, pos.col, code, message, hint);
}

interface DocumentPositions {
  locate(path: readonly PathSegment[], part: 'key' | 'value'): Position;
  sourceText(path: readonly PathSegment[]): string | undefined;
}

function documentPositions(doc: Document, lineCounter: LineCounter, targets: ReadonlyMap<Alias, Node>): DocumentPositions {
  return {
    locate: (path, part) => {
      const found = walk(targets, doc, path);
      // Reached through an alias (`*p`): the alias is where this part of the document is written.
      const node = found.alias ?? (part === 'key' && found.complete && found.key ? found.key : found.node);
      const offset = node?.range?.[0] ?? 0;
      const pos = lineCounter.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
    sourceText: (path) => {
      const found = walk(targets, doc, path);
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

/** The fast path takes no alias, so the file it read has none to resolve. */
function yamlDocumentOf(text: string): [Document, LineCounter, ReadonlyMap<Alias, Node>] {
  const { doc, lineCounter } = parseYamlDocument(text);
  return [doc, lineCounter, NO_ALIASES.targets];
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

/** `targets`: what each alias stands for (yaml-aliases.ts), found once rather than by a search of the document per alias. */
function walk(targets: ReadonlyMap<Alias, Node>, doc: Document, path: readonly PathSegment[]): WalkResult {
  let alias: Node | null = isAlias(doc.contents) ? doc.contents : null;
  let node = resolve(targets, doc.contents);
  let key: Node | null = null;
  for (const segment of path) {
    const next = step(targets, node, segment);
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

function step(targets: ReadonlyMap<Alias, Node>, node: Node | null, segment: PathSegment): Step | undefined {
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return isNodeLike(item) ? { key: null, value: resolve(targets, item), alias: isAlias(item) ? item : null } : undefined;
  }
  if (isMap(node)) return findInMap(targets, node, String(segment), 0);
  return undefined;
}

function findInMap(targets: ReadonlyMap<Alias, Node>, map: YAMLMap, key: string, depth: number): Step | undefined {
  if (depth > 20) return undefined;
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    const pairKey = pair.key;
    if (isScalar(pairKey) && String(pairKey.value) === key) {
      return {
        key: pairKey,
        value: isNodeLike(pair.value) ? resolve(targets, pair.value) : null,
        alias: isAlias(pair.value) ? pair.value : null,
      };
    }
  }
  // Keys that arrive through a `<<` merge key live in the merged mapping(s).
  for (const pair of map.items) {
    if (!isPair(pair) || !isMergeKey(pair.key)) continue;
    const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const source of sources) {
      const merged = isNodeLike(source) ? resolve(targets, source) : null;
      if (isMap(merged)) {
        const found = findInMap(targets, merged, key, depth + 1);
        // Brought in by `<<: *name`: that line is where this mapping says it.
        if (found) return { ...found, alias: isAlias(source) ? source : found.alias };
      }
    }
  }
  return undefined;
}

/** The node itself, or what an alias stands for (an anchor is never on an alias, so one step is enough). */
function resolve(targets: ReadonlyMap<Alias, Node>, node: unknown): Node | null {
  const current: unknown = isAlias(node) ? targets.get(node) : node;
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
