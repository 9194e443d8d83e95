/**
 * One of ajv's errors on a plan file as a located, human issue: what is wrong, named the way a
 * user thinks of the place (`property "currency" of event "Order Completed"`), where it is
 * written, and how to fix it. Pure.
 */
import type { ErrorObject } from 'ajv';
import type { Issue } from '../errors.js';
import { didYouMean } from './did-you-mean.js';
import { describe, kindAt, parseInstancePath, valueAt } from './plan-paths.js';
import {
  allowedKeysAt,
  isItemsPath,
  isUseEntry,
  ITEM_KEYS,
  KEY_ADVICE,
  PROPERTY_KEYS,
  RULE_IDS,
  ruleOptions,
  USE_KEYS,
} from './schema-keys.js';
import type { PathSegment, SourceFile } from './source-file.js';
import { forbiddenTitleCharacters, LONE_SURROGATE_HINT, loneSurrogateText, visible } from './text-characters.js';
import { loneSurrogateMessage } from './text-rules.js';
import { describeValue, nullHint, typeHint, typeWord } from './value-words.js';

/** The issue ajv's `error` stands for in `source`. */
export function toIssue(error: ErrorObject, source: SourceFile): Issue {
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
      if (isItemsPath(path) && isUseEntry(valueAt(source.data, path))) return itemsUseKeyIssue(path, key, where, issue);
      const allowed = allowedKeysAt(path);
      // Inside a property (a nested property, an array's items) the advice is a property's.
      const kind = kindAt(path) ?? (allowed === PROPERTY_KEYS || allowed === ITEM_KEYS ? 'property' : 'file');
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
      const field = typeof path[path.length - 1] === 'number' ? String(path[path.length - 2]) : String(path[path.length - 1]);
      const inField = typeof path[path.length - 1] === 'number' ? ` in "${field}"` : '';
      if (field === 'owners' || field === 'subscribers') {
        return issue(
          path,
          'bad-user',
          `${JSON.stringify(value)}${inField} is not an email address or a Secoda user ID${inWhere}`,
          "write the user's email as Secoda lists it (e.g. ana@acme.com), or their user ID; `tpsync plan` checks it against Secoda",
        );
      }
      return issue(
        path,
        'bad-reference',
        `${JSON.stringify(value)}${inField} is blank${inWhere}`,
        'write the name as Secoda shows it, or its ID; `tpsync plan` checks it against Secoda',
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

/** A key beside `use` in an array's `items`: the items take the whole shape of the definition. */
function itemsUseKeyIssue(path: readonly PathSegment[], key: string, where: string, issue: MakeIssue): Issue {
  return issue(
    [...path, key],
    ITEM_KEYS.includes(key) ? 'not-overridable' : 'unknown-key',
    `"${key}" cannot be written beside "use" in ${where}: the items take the shape of the shared definition`,
    'remove it, or write the items out in full without `use`',
    'key',
  );
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
