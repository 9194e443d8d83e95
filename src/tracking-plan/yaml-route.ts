/**
 * The reference route of loading: `yaml` parses the file, reports its first syntax error
 * (located, with a hint), measures and bounds what anchors, aliases and merge keys expand to
 * (yaml-aliases.ts) before it expands them, and keeps every position. A file read by js-yaml
 * (js-yaml-route.ts) comes here too, once, for a position that route did not record. Pure.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import type { Issue } from '../errors.js';
import { refusal, type Position, type SourceResult } from './source-file.js';
import { describeAliasProblem, indexAliases, type AliasIndex, type AliasProblem } from './yaml-aliases.js';
import { checkYamlBounds, NESTED_TOO_DEEPLY } from './yaml-bounds.js';
import { documentPositions, type DocumentPositions } from './yaml-positions.js';

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

/** How the loader parses with `yaml` (one place: the positions for the js-yaml route come from the same call). */
function parseYamlDocument(text: string): { doc: Document; lineCounter: LineCounter } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    merge: true,
    // Repeated keys are found by yaml-bounds.ts, in linear time (`yaml`'s own check is quadratic).
    uniqueKeys: false,
    strict: true,
    keepSourceTokens: false,
  });
  return { doc, lineCounter };
}

/** `file`'s text parsed by `yaml`: its data and every position, or its first YAML error, located. */
export function parseWithYaml(file: string, text: string): SourceResult {
  const { doc, lineCounter } = parseYamlDocument(text);
  const at = (offset: number) => lineCounter.linePos(pastIndentation(text, offset));

  // `yaml` composes recursively: a deep enough nesting ends its stack, and it says so as an error.
  const overflow = doc.errors.find((error) => /call stack/i.test(error.message));
  if (overflow !== undefined) {
    const pos = at(overflow.pos[0]);
    return refusal(file, pos.line, pos.col, NESTED_TOO_DEEPLY.code, NESTED_TOO_DEEPLY.message, NESTED_TOO_DEEPLY.hint);
  }
  const bounds = checkYamlBounds(doc);
  if (bounds.problem !== undefined) {
    const pos = at(bounds.problem.offset);
    return refusal(file, pos.line, pos.col, bounds.problem.code, bounds.problem.message, bounds.problem.hint);
  }

  const errors = withRepeatedKeys(doc.errors, bounds.repeatedKeys);
  if (errors.length > 0) {
    // A syntax error throws the parser off for the rest of the file: the first one is the one to fix.
    const [first, ...rest] = errors;
    if (first) {
      const pos = at(first.offset);
      const hint = YAML_ERROR_HINTS[first.code];
      const more =
        rest.length > 0 ? ` (${rest.length} more YAML ${rest.length === 1 ? 'error follows' : 'errors follow'}; fix this one first)` : '';
      return refusal(file, pos.line, pos.col, 'yaml-syntax', `YAML syntax error: ${firstLine(first.message)}${more}`, hint);
    }
  }

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    return refusal(file, 1, 1, 'empty-file', 'the file holds no data (only comments)', 'add `categories:` or delete the file');
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
    return refusal(file, at.line, at.column, 'yaml-syntax', `YAML error: ${firstLine(message)}`);
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
  return refusal(file, pos.line, pos.col, code, message, hint);
}

interface SyntaxError {
  readonly offset: number;
  readonly code: string;
  readonly message: string;
}

/** `yaml`'s errors with a "Map keys must be unique" for each repeated key, where `yaml` would have put it (before the first error after it). */
function withRepeatedKeys(errors: readonly YAMLError[], repeatedKeys: readonly number[]): SyntaxError[] {
  const merged: SyntaxError[] = [];
  let next = 0;
  for (const error of errors) {
    for (; next < repeatedKeys.length && (repeatedKeys[next] ?? 0) < error.pos[0]; next++) {
      merged.push({ offset: repeatedKeys[next] ?? 0, code: 'DUPLICATE_KEY', message: 'Map keys must be unique' });
    }
    merged.push({ offset: error.pos[0], code: error.code, message: error.message });
  }
  for (; next < repeatedKeys.length; next++)
    merged.push({ offset: repeatedKeys[next] ?? 0, code: 'DUPLICATE_KEY', message: 'Map keys must be unique' });
  return merged;
}

/** The positions of a text that js-yaml read (so it holds no alias): parsed again with `yaml`. */
export function documentPositionsOf(text: string): DocumentPositions {
  const { doc, lineCounter } = parseYamlDocument(text);
  return documentPositions(doc, lineCounter, NO_ALIASES.targets);
}

/** Where the first alias is written: a place to report an error `yaml` met while expanding. */
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
