/**
 * Values that Secoda would not give back as they were written, so that a plan would show the
 * same change on every run:
 *
 * - The text "None" where Secoda's API writes "None" for "no value" (the reference's envelope:
 *   `"previous": "None"`; tpsync reads "None" as absent). A `description: None` (the Python
 *   spelling of null) would read back as empty, an owner ID "None" as no owner.
 * - Invisible format characters (Unicode category Cf: zero-width space, byte-order mark,
 *   directional marks, soft hyphen…) in a title. Titles identify resources: one that looks the
 *   same as another but is not, or that a system on the way strips, never matches again.
 *
 * Walks every mapping of a file, so it covers whatever holds these keys.
 */
import type { Issue } from './issue.js';
import { describe } from './plan-paths.js';
import type { PathSegment, SourceFile } from './yaml-source.js';

const NONE = 'None';
const TEXT_FIELDS = ['description', 'definition'] as const;
const ID_LIST_FIELDS = ['teams', 'owners', 'owners_groups', 'collections', 'tags', 'subscribers'] as const;
/** The schema's title pattern: a title it accepts has no surrounding white space (U+FEFF included). */
const TITLE_SHAPE = /^\S(.*\S)?$/;
/**
 * Invisible characters: format characters (Cf), and control characters (Cc), some of which
 * Secoda's Python strips as white space where JavaScript does not (U+001C–U+001F, U+0085).
 */
const FORMAT_CHARACTER = /[\p{Cf}\p{Cc}]/u;

const FORMAT_NAMES: Readonly<Record<number, string>> = {
  0x0009: 'CHARACTER TABULATION',
  0x001c: 'INFORMATION SEPARATOR FOUR',
  0x001d: 'INFORMATION SEPARATOR THREE',
  0x001e: 'INFORMATION SEPARATOR TWO',
  0x001f: 'INFORMATION SEPARATOR ONE',
  0x0085: 'NEXT LINE (NEL)',
  0x00ad: 'SOFT HYPHEN',
  0x061c: 'ARABIC LETTER MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0xfeff: 'BYTE ORDER MARK (ZERO WIDTH NO-BREAK SPACE)',
};

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

  // One path, extended and cut back as the walk goes (a copy only for a report): a plan of
  // 10,000 properties has some 100,000 values, and a new array for each was most of this walk.
  const path: PathSegment[] = [];
  const at = (...rest: PathSegment[]): PathSegment[] => [...path, ...rest];
  const visitChild = (value: unknown, segment: PathSegment): void => {
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
    // A title with white space at either end gets the schema's error, which names invisible characters too.
    if (typeof title === 'string' && TITLE_SHAPE.test(title) && FORMAT_CHARACTER.test(title)) {
      report(at('title'), 'invisible-character', `title ${visible(title)} ${invisibleCharacters(title)}`, INVISIBLE_HINT);
    }
    for (const key in node) if (key !== 'title' && Object.hasOwn(node, key)) visitChild(node[key], key);
  };
  visit(source.data);
  return issues;
}

/** Whether a title holds a character the loader refuses as invisible (see FORMAT_CHARACTER). */
export function hasInvisibleCharacter(title: string): boolean {
  return FORMAT_CHARACTER.test(title);
}

export const INVISIBLE_HINT =
  'retype the title without it: an invisible character makes a title that looks like another but is not, so it would not match in Secoda';

/** The text quoted, with invisible characters written as \uXXXX so a reader can see them. */
export function visible(text: string): string {
  return JSON.stringify(text).replace(
    /[\p{Cf}\p{Cc}]/gu,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`,
  );
}

/** "contains an invisible character: U+200B ZERO WIDTH SPACE at position 9". */
export function invisibleCharacters(text: string): string {
  const found: string[] = [];
  let position = 0;
  for (const char of text) {
    position++;
    if (!FORMAT_CHARACTER.test(char)) continue;
    const code = char.codePointAt(0) ?? 0;
    const name = FORMAT_NAMES[code] ?? (/\p{Cc}/u.test(char) ? 'a control character' : 'an invisible format character');
    found.push(`U+${code.toString(16).toUpperCase().padStart(4, '0')} ${name} at position ${position}`);
  }
  if (found.length === 0) return 'contains no invisible character';
  return `contains ${found.length === 1 ? 'an invisible character' : `${found.length} invisible characters`}: ${found.slice(0, 3).join(', ')}${found.length > 3 ? ', …' : ''}`;
}
