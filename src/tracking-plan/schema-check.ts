/**
 * Checks one file's data against schemas/tracking-plan.schema.json (the single source of
 * truth for the plan's shape) and turns ajv's errors into located, human issues.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import schema from '../../schemas/tracking-plan.schema.json' with { type: 'json' };
import * as compiled from './schema-validator.generated.js';
import { didYouMean } from './did-you-mean.js';
import { forbiddenTitleCharacters, LONE_SURROGATE_HINT, loneSurrogateText, visible } from './text-characters.js';
import { loneSurrogateMessage } from './text-rules.js';
import type { Issue } from '../errors.js';
import { describe, kindAt, parseInstancePath, valueAt, type NodeKind } from './plan-paths.js';
import type { PathSegment, SourceFile } from './source-file.js';

export const trackingPlanSchema = schema;

/** The schema compiled at build time (scripts/compile-validators.mjs) with `{ allErrors: true, strict: true, allowUnionTypes: true }`. */
const validateFile = compiled.validateFile as ValidateFunction;

export const PROPERTY_TYPES: readonly string[] = schema.definitions.property.properties.type.enum;

const ALLOWED_KEYS: Record<NodeKind, readonly string[]> = {
  file: Object.keys(schema.properties),
  category: Object.keys(schema.definitions.category.properties),
  event: Object.keys(schema.definitions.event.properties),
  property: Object.keys(schema.definitions.property.properties),
  definition: Object.keys(schema.definitions.property.properties),
};
/** What an event's `- use: <title>` entry may hold beside `use`. */
const USE_KEYS: readonly string[] = Object.keys(schema.definitions.propertyUse.properties);
const PROPERTY_KEYS: readonly string[] = Object.keys(schema.definitions.property.properties);
const RULE_IDS: readonly string[] = Object.keys(schema.definitions.rules.properties);

/** Keys allowed in the plan's smaller mappings, by the key that holds them. */
const NESTED_KEYS: Record<string, readonly string[]> = {
  compatibility: Object.keys(schema.properties.compatibility.properties),
  deprecated: Object.keys(schema.definitions.deprecation.properties),
};

function allowedKeysAt(path: readonly PathSegment[]): readonly string[] {
  const last = path[path.length - 1];
  const nested = typeof last === 'string' ? NESTED_KEYS[last] : undefined;
  // `compatibility` only at the top level; `deprecated` on an event or property.
  if (nested !== undefined && (last !== 'compatibility' || path.length === 1)) return nested;
  return ALLOWED_KEYS[kindAt(path) ?? 'file'];
}

/** Keys people reach for from Secoda's API or other tools, with what to write instead. */
const KEY_ADVICE: Record<string, (kind: NodeKind) => string | undefined> = {
  is_required: (kind) =>
    kind === 'property'
      ? "write `required: true` (tpsync's name for Secoda's `is_required`)"
      : "`required` belongs on a property (tpsync's name for Secoda's `is_required`)",
  required: (kind) => (kind === 'property' ? undefined : '`required` belongs on a property, not on an event or category'),
  type: (kind) => (kind === 'property' ? undefined : '`type` belongs on a property, not on an event or category'),
  enum: (kind) => (kind === 'property' ? undefined : '`enum` belongs on a property with `type: enum`'),
  name: (kind) => (kind === 'file' ? undefined : 'did you mean "title"?'),
  parent: (kind) =>
    kind === 'event'
      ? 'an event belongs to the category it is listed under; move it there instead of naming a parent'
      : 'a property belongs to the event it is listed under; move it there instead of naming a parent',
  category: () => 'an event belongs to the category it is listed under; move it there',
  id: () => 'tpsync matches resources by title within their parent; IDs are not written in the plan',
  values: () => 'did you mean "enum"?',
  enum_values: () => 'did you mean "enum"?',
  events: (kind) => (kind === 'file' ? 'events belong under a category: `categories: [{ title: ..., events: [...] }]`' : undefined),
  properties: (kind) => (kind === 'category' ? 'properties belong under an event, inside `events:`' : undefined),
  integration: (kind) => (kind === 'file' ? undefined : '`integration` is set once, at the top level of one file'),
  version: (kind) => (kind === 'file' ? undefined : '`version` is set once, at the top level of one file'),
  owner: () => 'did you mean "owners"? (a list of Secoda user IDs)',
  tag: () => 'did you mean "tags"? (a list of Secoda tag IDs)',
  team: () => 'did you mean "teams"? (a list of Secoda team IDs)',
  // Only shared definitions reach here with `use` (an event's entries with `use` are checked as such).
  use: (kind) =>
    kind === 'property'
      ? 'a shared definition is written out in full; it cannot `use` another one'
      : "`- use: <title>` belongs in an event's `properties` list, to take a shared property definition",
  rules: () => '`rules` is set once, at the top level of the file that holds `version` and `integration`',
};

export function checkSchema(source: SourceFile): Issue[] {
  if (validateFile(source.data)) return [];
  const errors = (validateFile.errors ?? []).filter((error) => fromTheBranchWritten(error, source.data));
  // An empty title fails `minLength` and the pattern (no surrounding spaces) at once: one mistake, one issue.
  const empty = new Set(errors.filter((error) => error.keyword === 'minLength').map((error) => error.instancePath));
  return errors.filter((error) => !(error.keyword === 'pattern' && empty.has(error.instancePath))).map((error) => toIssue(error, source));
}

/**
 * An event's property entry is either written out (`title: …`) or taken from a shared definition
 * (`use: …`): two branches of an `anyOf`, and ajv reports both. Only the branch the entry is
 * written as is kept (told from the data, not from ajv's schema paths, which are relative to a
 * shared sub-schema); what both branches say alike is removed later as a repeat.
 */
function fromTheBranchWritten(error: ErrorObject, data: unknown): boolean {
  if (error.keyword === 'anyOf') return false;
  const path = parseInstancePath(error.instancePath);
  if (
    path.length < 6 ||
    path[0] !== 'categories' ||
    path[2] !== 'events' ||
    path[4] !== 'properties' ||
    kindAt(path.slice(0, 6)) !== 'property'
  )
    return true;
  const uses = isUseEntry(valueAt(data, path.slice(0, 6)));
  const field = path[6];
  if (field !== undefined) return !uses || USE_KEYS.includes(String(field));
  if (error.keyword === 'required') return (error.params as { missingProperty: string }).missingProperty !== (uses ? 'title' : 'use');
  if (error.keyword === 'additionalProperties') {
    const key = String((error.params as { additionalProperty: string }).additionalProperty);
    return uses ? key !== 'use' : !PROPERTY_KEYS.includes(key);
  }
  return true;
}

function isUseEntry(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'use' in value;
}

function toIssue(error: ErrorObject, source: SourceFile): Issue {
  const path = parseInstancePath(error.instancePath);
  const where = describe(source.data, path);
  const inWhere = where === '' ? '' : ` in ${where}`;
  const at = (p: readonly PathSegment[], part: 'key' | 'value' = 'value') => source.locate(p, part);
  const issue = (p: readonly PathSegment[], code: string, message: string, hint?: string, part: 'key' | 'value' = 'value'): Issue => {
    const pos = at(p, part);
    return { file: source.file, line: pos.line, column: pos.column, code, message, ...(hint === undefined ? {} : { hint }) };
  };
  const name = fieldName(path);
  const value = valueAt(source.data, path);

  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      if (path[0] === 'rules') return ruleKeyIssue(path, key, ruleOptions(String(path[1] ?? '')), issue);
      if (kindAt(path) === 'property' && isUseEntry(valueAt(source.data, path))) return useKeyIssue(path, key, where, issue);
      const kind = kindAt(path) ?? 'file';
      const allowed = allowedKeysAt(path);
      // Own keys only: a key like "constructor" or "__proto__" must not find Object.prototype's.
      const advice = Object.hasOwn(KEY_ADVICE, key) ? KEY_ADVICE[key]?.(kind === 'definition' ? 'property' : kind) : undefined;
      const suggestion = didYouMean(key, allowed);
      const hint = advice ?? (suggestion !== undefined ? `did you mean "${suggestion}"?` : `allowed keys here: ${allowed.join(', ')}`);
      if (path.length === 1 && path[0] === 'compatibility') {
        return issue(
          [...path, key],
          'unknown-check',
          `unknown compatibility check "${key}"`,
          suggestion !== undefined
            ? `did you mean "${suggestion}"? docs/breaking-changes.md lists the checks`
            : `checks: ${allowed.join(', ')}`,
          'key',
        );
      }
      const place = where === '' ? ' at the top level of the file' : ` in ${where}`;
      return issue([...path, key], 'unknown-key', `unknown key "${key}"${place}`, hint, 'key');
    }
    case 'required': {
      const key = String((error.params as { missingProperty: string }).missingProperty);
      const kind = kindAt(path) ?? 'object';
      const self = where === '' ? `this ${kind}` : where;
      return issue(
        path,
        'missing-key',
        `${self} is missing "${key}"`,
        key === 'title'
          ? `add \`title: ...\`; the title identifies the ${kind} in Secoda${kind === 'property' ? ' (or take a shared definition with `use: <title>`)' : ''}`
          : undefined,
      );
    }
    case 'type': {
      const expected = String((error.params as { type: string | string[] }).type);
      const written = source.sourceText(path);
      const item = typeof path[path.length - 1] === 'number';
      return issue(
        path,
        'wrong-type',
        `${name} must be ${typeWord(expected)}, not ${describeValue(value, written)}${inWhere}`,
        value === null ? nullHint(written, item) : typeHint(expected, value, name, written),
      );
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
      const suggestion = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
      const prefix = suggestion !== undefined ? `did you mean "${suggestion}"? ` : '';
      return issue(path, 'unknown-value', `unknown ${name} ${JSON.stringify(value)}${inWhere}`, `${prefix}allowed: ${allowed.join(', ')}`);
    }
    case 'const': {
      const allowed = (error.params as { allowedValue: unknown }).allowedValue;
      const quoted = typeof value === 'string' && value === String(allowed);
      const hint = quoted
        ? `write ${JSON.stringify(allowed)} without quotes`
        : name === '"version"'
          ? 'tpsync reads tracking-plan format version 1'
          : undefined;
      return issue(path, 'unknown-value', `${name} must be ${JSON.stringify(allowed)}, not ${describeValue(value)}`, hint);
    }
    case 'pattern': {
      if (isDatePath(path)) {
        return issue(
          path,
          'bad-date',
          `${name} must be a date written YYYY-MM-DD, not ${describeValue(value)}${inWhere}`,
          'e.g. 2024-06-30',
        );
      }
      if (isTitlePath(path)) {
        const text = String(value);
        const forbidden = /[\r\n]/.test(text) ? undefined : forbiddenTitleCharacters(text);
        if (forbidden !== undefined) return issue(path, forbidden.code, `title ${visible(text)} ${forbidden.text}`, forbidden.hint);
        const problem = /[\r\n]/.test(text) ? 'contains a line break' : 'has leading or trailing spaces';
        return issue(
          path,
          'bad-title',
          `title ${visible(text)} ${problem}${inWhere}`,
          'write the title on one line, without surrounding spaces',
        );
      }
      // An ID with a lone surrogate: the text walk says so in the same words (text-rules.ts), once.
      const lone = typeof value === 'string' ? loneSurrogateText(value) : undefined;
      if (lone !== undefined) return issue(path, 'lone-surrogate', loneSurrogateMessage(source.data, path, lone), LONE_SURROGATE_HINT);
      if (path.length === 1 && path[0] === 'integration') {
        return issue(
          path,
          'bad-integration',
          `"integration" must be a Secoda integration ID, a UUID with or without dashes, not ${describeValue(value)}`,
          'copy the ID from Secoda (Integrations → the integration: the UUID in the address, e.g. ca529385-fbc9-4934-afae-e372affe795b), not its name',
        );
      }
      return issue(
        path,
        'bad-id',
        `${JSON.stringify(value)}${typeof path[path.length - 1] === 'number' ? ` in "${String(path[path.length - 2])}"` : ''} is not a Secoda ID${inWhere}`,
        String(value).includes('@')
          ? "use the Secoda user ID (e.g. 33733f42-8ff7-460b-9e20-50a2133d3bb0), not an e-mail address; it is in the user's profile URL"
          : 'Secoda IDs look like 33733f42-8ff7-460b-9e20-50a2133d3bb0 (letters, digits and dashes)',
      );
    }
    case 'minLength':
      return issue(
        path,
        'empty-value',
        `${name} is empty${inWhere}`,
        path[path.length - 1] === 'use'
          ? 'name the shared property definition to take, e.g. `use: currency`'
          : isTitlePath(path)
            ? 'every category, event and property needs a title'
            : undefined,
      );
    case 'maxLength':
      return issue(path, 'too-long', `${name} is longer than ${(error.params as { limit: number }).limit} characters${inWhere}`);
    case 'minItems':
      return issue(
        path,
        'empty-list',
        `${name} is an empty list${inWhere}`,
        name === 'enum' ? 'list the allowed values, e.g. `enum: [red, green]`, or use another type' : undefined,
      );
    case 'uniqueItems': {
      const { i, j } = error.params as { i: number; j: number };
      const items = Array.isArray(value) ? (value as unknown[]) : [];
      const repeated = items[j];
      return issue(
        [...path, Math.max(i, j)],
        'duplicate-value',
        `${name} lists ${JSON.stringify(repeated)} twice${inWhere}`,
        'remove the repeated entry',
      );
    }
    case 'dependencies': {
      const key = String((error.params as { property: string }).property);
      return issue(
        [key],
        'misplaced-key',
        `"${key}" belongs in the file that holds "version" and "integration"`,
        'move it to that file; the rules apply to every file of the plan',
        'key',
      );
    }
    default:
      return issue(path, 'schema', `${name} ${error.message ?? 'is invalid'}${inWhere}`);
  }
}

function isDatePath(path: readonly PathSegment[]): boolean {
  const last = path[path.length - 1];
  return path[path.length - 2] === 'deprecated' && (last === 'since' || last === 'sunset');
}

/** The options a rule takes, read from the schema (each rule refers to its options' definition). */
function ruleOptions(rule: string): readonly string[] {
  const ref = (schema.definitions.rules.properties as Record<string, { $ref?: string }>)[rule]?.$ref ?? '';
  const definition = (schema.definitions as Record<string, { properties?: object }>)[ref.split('/').pop() ?? ''];
  return Object.keys(definition?.properties ?? {});
}

type MakeIssue = (p: readonly PathSegment[], code: string, message: string, hint?: string, part?: 'key' | 'value') => Issue;

/** An unknown rule id under `rules:`, or an unknown option of a rule. */
function ruleKeyIssue(path: readonly PathSegment[], key: string, allowed: readonly string[], issue: MakeIssue): Issue {
  const suggestion = didYouMean(key, path.length === 1 ? RULE_IDS : allowed);
  if (path.length === 1) {
    const hint = suggestion !== undefined ? `did you mean "${suggestion}"?` : `the rules are: ${RULE_IDS.join(', ')}`;
    return issue([...path, key], 'unknown-rule', `unknown rule "${key}"`, hint, 'key');
  }
  const hint = suggestion !== undefined ? `did you mean "${suggestion}"?` : `allowed here: ${allowed.join(', ')}`;
  return issue([...path, key], 'unknown-key', `unknown option "${key}" for rule "${String(path[1])}"`, hint, 'key');
}

/** A key beside `use` that only the shared definition may set, or one that is not a property field at all. */
function useKeyIssue(path: readonly PathSegment[], key: string, where: string, issue: MakeIssue): Issue {
  if (key === 'title' || key === 'type' || key === 'enum') {
    return issue(
      [...path, key],
      'not-overridable',
      `"${key}" cannot be written beside "use" in ${where}: it comes from the shared definition`,
      key === 'title'
        ? 'remove it: the property takes the title of the definition it uses; to add a different property, write it out in full without `use`'
        : `remove it, or change "${key}" in the shared definition (for every event that uses it); a property that differs here is written out in full, without \`use\``,
      'key',
    );
  }
  const suggestion = didYouMean(key, USE_KEYS);
  const hint = suggestion !== undefined ? `did you mean "${suggestion}"?` : `allowed beside "use": ${USE_KEYS.join(', ')}`;
  return issue([...path, key], 'unknown-key', `unknown key "${key}" in ${where}`, hint, 'key');
}

/** A title, or the title a `- use:` entry names (checked as a title). */
function isTitlePath(path: readonly PathSegment[]): boolean {
  const last = path[path.length - 1];
  return last === 'title' || (last === 'use' && path.length === 7);
}

function fieldName(path: readonly PathSegment[]): string {
  const last = path[path.length - 1];
  if (last === undefined) return 'the file';
  if (typeof last === 'number') {
    const parent = path[path.length - 2];
    return `"${String(parent)}[${last}]"`;
  }
  return `"${last}"`;
}

function typeWord(expected: string): string {
  const words: Record<string, string> = {
    boolean: 'true or false',
    string: 'text',
    array: 'a list',
    object: 'a mapping (key: value pairs)',
    integer: 'a whole number',
    number: 'a number',
    'string,number,boolean': 'text, a number or true/false',
  };
  return words[expected] ?? expected;
}

/** A value as a message names it; a number or boolean as it was written (`1.10`, not 1.1), when that is known. */
function describeValue(value: unknown, written?: string): string {
  if (value === null && written !== undefined && written.trim() !== '') return `\`${written.trim()}\` (null in YAML)`;
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean')
    return written !== undefined && written.trim() !== '' ? written : String(value);
  return typeof value;
}

/** `written` is the text the value was written as (`1.10`, which parses as 1.1): a hint quotes that, never the number. */
function typeHint(expected: string, value: unknown, name: string, written?: string): string | undefined {
  if (expected === 'boolean' && typeof value === 'string') return 'write true or false, without quotes';
  if (expected === 'string' && (typeof value === 'number' || typeof value === 'boolean'))
    return `put the value in quotes: ${name.replace(/"/g, '')}: ${JSON.stringify(written ?? String(value))}`;
  if (expected === 'array' && typeof value === 'string')
    return `write a list: ${name.replace(/"/g, '')}: [${value}], or one "- item" per line`;
  if (expected === 'array' && value !== null && typeof value === 'object') return 'write a list of items, each starting with "- "';
  return undefined;
}

/** A null where a value belongs: written as nothing, or as `~` / `null`, which YAML reads as no value (`enum: [free, ~, pro]`). */
function nullHint(written: string | undefined, item: boolean): string {
  const text = written?.trim() ?? '';
  if (text === '')
    return item
      ? 'this list item is empty; write its value or remove the item'
      : 'a key with nothing after it is empty; give it a value or remove it';
  return `in YAML, \`${text}\` means null (no value), not the text "${text}": quote it ("${text}") to mean the text, or remove the ${item ? 'list item' : 'key'}`;
}
