/**
 * Values that Secoda would not give back as they were written, so that a plan would show the
 * same change on every run:
 *
 * - The text "None" where Secoda's API writes "None" for "no value" (the reference's envelope:
 *   `"previous": "None"`; tpsync reads "None" as absent). A `description: None` (the Python
 *   spelling of null) would read back as empty, an owner ID "None" as no owner.
 * - Characters a title may not hold (text-characters.ts): invisible format and control
 *   characters, line separators, spaces other than the plain one. Titles identify resources: one
 *   that looks the same as another but is not, or that a system on the way strips, never
 *   matches again.
 * - Lone surrogates, in any text: not characters, and UTF-8 (Secoda's storage) cannot hold them.
 *
 * Walks every mapping of a file, so it covers whatever holds these keys.
 */
import type { Issue } from '../errors.js';
import { describe } from './plan-paths.js';
import { forbiddenTitleCharacters, LONE_SURROGATE_HINT, loneSurrogateText, visible } from './text-characters.js';
import type { PathSegment, SourceFile } from './source-file.js';

const NONE = 'None';
const TEXT_FIELDS = ['description', 'definition'] as const;
const ID_LIST_FIELDS = ['teams', 'owners', 'owners_groups', 'collections', 'tags', 'subscribers'] as const;
/** The schema's title pattern: a title it accepts has no surrounding white space (U+FEFF included). */
const TITLE_SHAPE = /^\S(.*\S)?$/;

const isObj = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

export function checkTextValues(source: SourceFile): Issue[] {
  const issues: Issue[] = [];
  const report = (path: readonly PathSegment[], code: string, message: string, hint: string): void => {
    const pos = source.locate(path);
    issues.push({ file: source.file, line: pos.line, column: pos.column, code, message, hint });
  };
  const where = (path: readonly PathSegment[]) => {
    const owner = describe(source.data, path);
    return owner === '' ? '' : ` of ${owner}`;
  };

  // One path, extended and cut back as the walk goes (a copy only for a report), not a new
  // array for each of the plan's values.
  const path: PathSegment[] = [];
  const at = (...rest: PathSegment[]): PathSegment[] => [...path, ...rest];
  const visitChild = (value: unknown, segment: PathSegment): void => {
    if (typeof value === 'string') {
      const lone = loneSurrogateText(value);
      if (lone !== undefined)
        report(at(segment), 'lone-surrogate', loneSurrogateMessage(source.data, at(segment), lone), LONE_SURROGATE_HINT);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    path.push(segment);
    visit(value);
    path.pop();
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) visitChild(node[index], index);
      return;
    }
    if (!isObj(node)) return;
    for (const field of TEXT_FIELDS) {
      // Secoda trims what it stores: a `definition: |` block of "None" comes back as "None" too.
      const text = Object.hasOwn(node, field) ? node[field] : undefined;
      if (typeof text === 'string' && text.trim() === NONE) {
        report(
          at(field),
          'none-text',
          `"${field}"${where(path)} is the text "None", which Secoda's API uses for "no value": it would read back as empty`,
          `to clear it write \`${field}: ""\`; to leave it unmanaged, remove the line; if you mean the word, write it another way (e.g. "none")`,
        );
      }
    }
    if (Object.hasOwn(node, 'integration') && node['integration'] === NONE && path.length === 0) {
      report(
        ['integration'],
        'none-id',
        '"integration" is the text "None", not a Secoda integration ID',
        'use the ID of the Secoda integration that owns these events',
      );
    }
    for (const field of ID_LIST_FIELDS) {
      const list = Object.hasOwn(node, field) ? node[field] : undefined;
      if (!Array.isArray(list)) continue;
      list.forEach((item, index) => {
        if (item !== NONE) return;
        report(
          at(field, index),
          'none-id',
          `"${field}"${where(path)} lists "None", which Secoda's API uses for "no value", not an ID`,
          `remove it; an empty list is written \`${field}: []\``,
        );
      });
    }
    const values = Object.hasOwn(node, 'enum') ? node['enum'] : undefined;
    if (Array.isArray(values) && values.length === 1 && values[0] === NONE) {
      report(
        at('enum', 0),
        'none-enum',
        `the only enum value${where(path)} is "None": Secoda stores enum values as one string, and the string "None" reads back as no values`,
        'add the other values, or name this one differently (e.g. "none")',
      );
    }
    const title = Object.hasOwn(node, 'title') ? node['title'] : undefined;
    // A title with white space at either end (or a line break) gets the schema's error, which names these characters too.
    const forbidden = typeof title === 'string' && TITLE_SHAPE.test(title) ? forbiddenTitleCharacters(title) : undefined;
    if (forbidden !== undefined) report(at('title'), forbidden.code, `title ${visible(String(title))} ${forbidden.text}`, forbidden.hint);
    for (const key in node) if (key !== 'title' && Object.hasOwn(node, key)) visitChild(node[key], key);
  };
  visit(source.data);
  return issues;
}

/**
 * `"enum[1]" of property "plan" of event "Bought" holds a lone surrogate …`: the same words from
 * this walk and from the schema check (an ID's pattern fails too), so the two give one issue.
 */
export function loneSurrogateMessage(data: unknown, path: readonly PathSegment[], lone: string): string {
  const last = path[path.length - 1];
  const label = typeof last === 'number' ? `"${String(path[path.length - 2])}[${last}]"` : `"${String(last)}"`;
  const owner = describe(data, path);
  return `${label}${owner === '' ? '' : ` of ${owner}`} ${lone}`;
}
