/**
 * The rules of a property's `enum` that JSON Schema cannot say, at any depth: which types take an
 * enum, that each value is of the property's type (a typed enum: `type: integer` + `[200, 201]`),
 * and that values are unique. A property Secoda receives (written out in an event, or a shared
 * definition) is also held to what Secoda's one comma-separated string can store: no empty value,
 * no comma, no surrounding spaces. Pure.
 */
import { describe } from './plan-paths.js';
import { PROPERTY_TYPES } from './schema-check.js';
import type { PathSegment, SourceFile } from './source-file.js';

/** Reports one located issue (semantic-rules.ts makes it). */
export type Report = (path: readonly PathSegment[], code: string, message: string, hint?: string, part?: 'key' | 'value') => void;

type Obj = Record<string, unknown>;

/** The types whose values an enum may list: `enum` (text) and the typed ones. */
const ENUM_TYPES: ReadonlySet<string> = new Set(['enum', 'string', 'integer', 'number', 'boolean']);

/** Whether checkEnum has anything to look at (its path is built only then). */
export function mayHoldEnum(property: Obj): boolean {
  return property['type'] === 'enum' || property['enum'] !== undefined;
}

/**
 * The enum of the property (or array items) at `path`. `secoda`: the property reaches Secoda, so
 * its values must survive being joined with commas.
 */
export function checkEnum(source: SourceFile, path: readonly PathSegment[], property: Obj, report: Report, secoda: boolean): void {
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
  if (typeof type === 'string' && !ENUM_TYPES.has(type) && PROPERTY_TYPES.includes(type)) {
    report(
      [...path, 'enum'],
      'enum-not-allowed',
      `"enum" is not allowed with type ${JSON.stringify(type)}, which ${name()} has`,
      'an enum lists values of type `enum` (text), `string`, `integer`, `number` or `boolean`; change the type, or remove the `enum` list',
      'key',
    );
    return;
  } else if (type === undefined) {
    report(
      [...path, 'enum'],
      'enum-needs-type',
      `"enum" needs \`type: enum\` (or the type of its values), which ${name()} does not set`,
      'add `type: enum` for text values, or the type of the values (`type: integer` for `[200, 201]`)',
      'key',
    );
  }
  if (!Array.isArray(values)) return;
  const seen = new Map<string, number>();
  values.forEach((raw, index) => {
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return;
    const at: PathSegment[] = [...path, 'enum', index];
    const text = enumValueText(source, at, raw);
    const problem = typeof type === 'string' ? wrongType(type, raw, text) : undefined;
    if (problem !== undefined) {
      report(
        at,
        'enum-wrong-type',
        `enum value ${typeof raw === 'string' ? JSON.stringify(text) : text} of ${name()} ${problem.message}`,
        problem.hint,
      );
      return;
    }
    if (secoda && secodaProblem(at, text, index, name, report)) return;
    // Typed values are the same value however written (`1` and `1.0`); text values as written.
    const key = typeof raw === 'string' || type === 'enum' ? `t${text}` : `v${String(raw)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      report(
        at,
        'enum-duplicate',
        `enum value ${JSON.stringify(text)} is listed twice in ${name()} (first as value #${first + 1})`,
        'remove the repeated value',
      );
      return;
    }
    seen.set(key, index);
  });
}

/** Why `raw` is not a value of `type`, or undefined when it is (or the type is not one an enum takes). */
function wrongType(type: string, raw: string | number | boolean, text: string): { message: string; hint: string } | undefined {
  const is = typeof raw === 'string' ? 'is text' : typeof raw === 'number' ? 'is a number' : 'is true or false';
  switch (type) {
    case 'string':
      return typeof raw === 'string'
        ? undefined
        : { message: `${is}, but the property's type is "string"`, hint: `quote it ('${text}') to make it text, or change the type` };
    case 'integer':
    case 'number': {
      if (typeof raw !== 'number') {
        return {
          message: `${is}, but the property's type is ${JSON.stringify(type)}`,
          hint:
            typeof raw === 'string' && Number.isFinite(Number(raw)) && raw.trim() !== '' ? 'write it without quotes' : 'list numbers only',
        };
      }
      if (!Number.isFinite(raw)) return { message: 'is not a finite number', hint: 'JSON has no infinity or NaN; list finite numbers' };
      if (type === 'integer' && !Number.isInteger(raw))
        return {
          message: 'is not a whole number, but the property\'s type is "integer"',
          hint: 'use `type: number`, or list whole numbers',
        };
      return undefined;
    }
    case 'boolean':
      return typeof raw === 'boolean'
        ? undefined
        : { message: `${is}, but the property's type is "boolean"`, hint: 'list `true` and `false` (without quotes)' };
    default:
      return undefined;
  }
}

/** What Secoda's comma-separated enum string cannot hold; reports it and says whether it did. */
function secodaProblem(at: PathSegment[], text: string, index: number, name: () => string, report: Report): boolean {
  if (text.trim() === '') {
    report(at, 'enum-empty-value', `enum value #${index + 1} of ${name()} is empty`, 'remove it, or write the value');
    return true;
  }
  if (text.includes(',')) {
    report(
      at,
      'enum-comma',
      `enum value ${JSON.stringify(text)} of ${name()} contains a comma`,
      'Secoda stores enum values as one comma-separated string, so a value cannot hold a comma; rephrase it (e.g. use "/" or ";")',
    );
    return true;
  }
  if (text !== text.trim()) {
    report(
      at,
      'enum-spaces',
      `enum value ${JSON.stringify(text)} of ${name()} has leading or trailing spaces`,
      'Secoda trims enum values; remove the spaces',
    );
    return true;
  }
  return false;
}

/** Enum values are strings in Secoda; a number keeps the text it was written as (`1.50`, not 1.5). */
export function enumValueText(source: SourceFile, path: readonly PathSegment[], raw: string | number | boolean): string {
  if (typeof raw === 'string') return raw;
  return source.sourceText(path) ?? String(raw);
}
