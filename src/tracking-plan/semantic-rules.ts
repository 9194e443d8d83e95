/**
 * The rules JSON Schema cannot say, run over one file's data. Written defensively (the data
 * may also have schema errors) so that one run reports every problem.
 */
import type { Issue } from '../errors.js';
import { describe } from './plan-paths.js';
import { PROPERTY_TYPES } from './schema-check.js';
import { checkTextValues } from './text-rules.js';
import type { PathSegment, SourceFile } from './source-file.js';
import { appendAll } from '../arrays.js';

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Titles compare ignoring case and surrounding space (and Unicode normalisation) within one parent. */
export function titleKey(title: string): string {
  return title.normalize('NFC').trim().toLowerCase();
}

export function checkSemantics(source: SourceFile): Issue[] {
  const issues: Issue[] = [];
  const report = (path: readonly PathSegment[], code: string, message: string, hint?: string, part: 'key' | 'value' = 'value'): void => {
    const pos = source.locate(path, part);
    issues.push({ file: source.file, line: pos.line, column: pos.column, code, message, ...(hint === undefined ? {} : { hint }) });
  };
  const data = source.data;
  if (!isObj(data)) return issues;
  appendAll(issues, checkTextValues(source));

  // Shared property definitions follow the enum rules of any property (their titles are checked across files).
  listOf(data['properties']).forEach((definition, d) => {
    if (isObj(definition) && mayHoldEnum(definition)) checkEnum(source, ['properties', d], definition, report);
  });
  const categories = listOf(data['categories']);
  checkUniqueTitles(source, ['categories'], categories, 'category', () => 'the file', report);
  categories.forEach((category, c) => {
    if (!isObj(category)) return;
    const events = listOf(category['events']);
    checkUniqueTitles(source, ['categories', c, 'events'], events, 'event', () => describe(data, ['categories', c]), report);
    events.forEach((event, e) => {
      if (!isObj(event)) return;
      const properties = listOf(event['properties']);
      const eventPath: PathSegment[] = ['categories', c, 'events', e];
      checkUniqueTitles(source, [...eventPath, 'properties'], properties, 'property', () => describe(data, eventPath), report);
      properties.forEach((property, p) => {
        // An entry that uses a shared definition takes its type and enum from there.
        if (isObj(property) && !('use' in property) && mayHoldEnum(property))
          checkEnum(source, [...eventPath, 'properties', p], property, report);
      });
    });
  });
  return issues;
}

type Report = (path: readonly PathSegment[], code: string, message: string, hint?: string, part?: 'key' | 'value') => void;

function checkUniqueTitles(
  source: SourceFile,
  listPath: PathSegment[],
  items: unknown[],
  kind: string,
  /** Named only for a message: describing every event's parent was a sizeable share of a large plan's load. */
  parent: () => string,
  report: Report,
): void {
  const seen = new Map<string, { title: string; index: number; field: string }>();
  items.forEach((item, index) => {
    // `- use: currency` adds a property titled "currency", as `- title: currency` would.
    if (!isObj(item)) return;
    const field = typeof item['title'] !== 'string' && typeof item['use'] === 'string' ? 'use' : 'title';
    const title = item[field];
    if (typeof title !== 'string') return;
    const key = titleKey(title);
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, { title, index, field });
      return;
    }
    const firstLine = source.locate([...listPath, first.index, first.field]).line;
    const message =
      first.title === title
        ? `${kind} ${JSON.stringify(title)} is listed twice in ${parent()} (first at line ${firstLine})`
        : `${kind} ${JSON.stringify(title)} differs only by case or spacing from ${kind} ${JSON.stringify(first.title)} (line ${firstLine}) in ${parent()}`;
    report(
      [...listPath, index, field],
      'duplicate-title',
      message,
      `titles identify ${kind === 'event' ? 'an' : 'a'} ${kind} within its parent; rename one or merge the two`,
    );
  });
}

/** Whether checkEnum has anything to look at (its path is built only then). */
function mayHoldEnum(property: Obj): boolean {
  return property['type'] === 'enum' || property['enum'] !== undefined;
}

function checkEnum(source: SourceFile, path: PathSegment[], property: Obj, report: Report): void {
  const type = property['type'];
  const values = property['enum'];
  if (type !== 'enum' && values === undefined) return;
  // Named only when there is something to say (describing every property cost a sizeable share of loading a large plan).
  const name = () => describe(source.data, path);
  if (type === 'enum' && values === undefined) {
    report(
      [...path, 'type'],
      'enum-missing',
      `${name()} has type "enum" but no "enum" list`,
      'add the allowed values, e.g. `enum: [red, green, yellow]`',
    );
    return;
  }
  if (values === undefined) return;
  // An unknown type is reported by the schema check; saying "enum needs type: enum" too would be noise.
  if (typeof type === 'string' && type !== 'enum' && PROPERTY_TYPES.includes(type)) {
    report(
      [...path, 'enum'],
      'enum-not-allowed',
      `"enum" is only allowed with type "enum", but ${name()} has type ${JSON.stringify(type)}`,
      'set `type: enum`, or remove the `enum` list',
      'key',
    );
  } else if (type === undefined) {
    report(
      [...path, 'enum'],
      'enum-needs-type',
      `"enum" needs \`type: enum\`, which ${name()} does not set`,
      'add `type: enum` to the property',
      'key',
    );
  }
  if (!Array.isArray(values)) return;
  const seen = new Map<string, number>();
  values.forEach((raw, index) => {
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return;
    const text = enumValueText(source, [...path, 'enum', index], raw);
    const at: PathSegment[] = [...path, 'enum', index];
    if (text.trim() === '') {
      report(at, 'enum-empty-value', `enum value #${index + 1} of ${name()} is empty`, 'remove it, or write the value');
      return;
    }
    if (text.includes(',')) {
      report(
        at,
        'enum-comma',
        `enum value ${JSON.stringify(text)} of ${name()} contains a comma`,
        'Secoda stores enum values as one comma-separated string, so a value cannot hold a comma; rephrase it (e.g. use "/" or ";")',
      );
      return;
    }
    if (text !== text.trim()) {
      report(
        at,
        'enum-spaces',
        `enum value ${JSON.stringify(text)} of ${name()} has leading or trailing spaces`,
        'Secoda trims enum values; remove the spaces',
      );
      return;
    }
    const first = seen.get(text);
    if (first !== undefined) {
      report(
        at,
        'enum-duplicate',
        `enum value ${JSON.stringify(text)} is listed twice in ${name()} (first as value #${first + 1})`,
        'remove the repeated value',
      );
      return;
    }
    seen.set(text, index);
  });
}

/** Enum values are strings in Secoda; a number keeps the text it was written as (`1.50`, not 1.5). */
export function enumValueText(source: SourceFile, path: readonly PathSegment[], raw: string | number | boolean): string {
  if (typeof raw === 'string') return raw;
  return source.sourceText(path) ?? String(raw);
}
