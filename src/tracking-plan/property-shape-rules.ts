/**
 * The rules of what a value is that JSON Schema cannot say, at every depth of a property (written
 * out in an event, a shared definition, a nested property, an array's items): a key on a type it
 * does not apply to (`minimum` on a string, `items` on a non-array), bounds the wrong way round,
 * a pattern RE2 cannot run (or JSON Schema cannot read), nested titles given twice, a title `check`
 * cannot judge, and the enum rules of enum-rules.ts. Events: `any_name` on a kind it does not fit.
 * Written defensively, like semantic-rules.ts: the data may also have schema errors. Pure.
 */
import { checkEnum, mayHoldEnum, type Report } from './enum-rules.js';
import { describe } from './plan-paths.js';
import { PROPERTY_TYPES } from './schema-check.js';
import type { PathSegment, SourceFile } from './source-file.js';
import { compileUserPattern } from './user-pattern.js';

type Obj = Record<string, unknown>;

const isObj = (value: unknown): value is Obj => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Property titles a JSON Schema validator skips for safety (ajv ignores `__proto__` in `properties`). */
export const UNCHECKABLE_TITLES: ReadonlySet<string> = new Set(['__proto__']);

/** Which types each type-bound key applies to, and how to say so. */
const KEY_TYPES: readonly { readonly keys: readonly string[]; readonly types: readonly string[]; readonly words: string }[] = [
  { keys: ['pattern', 'min_length', 'max_length', 'format'], types: ['string'], words: 'strings (`type: string`)' },
  { keys: ['minimum', 'maximum'], types: ['integer', 'number'], words: 'integers and numbers (`type: integer` or `type: number`)' },
  { keys: ['items'], types: ['array'], words: 'arrays (`type: array`)' },
  { keys: ['properties', 'additional_properties'], types: ['object'], words: 'objects (`type: object`)' },
];

/** Checks one property (and everything nested in it). `secoda`: Secoda receives it (a top-level property or a definition). */
export function checkProperty(source: SourceFile, path: readonly PathSegment[], property: Obj, report: Report, secoda: boolean): void {
  const title = property['title'];
  if (typeof title === 'string' && UNCHECKABLE_TITLES.has(title)) {
    report(
      [...path, 'title'],
      'uncheckable-title',
      `a property may not be titled ${JSON.stringify(title)} (${describe(source.data, path)}): JSON Schema validators skip that key for safety, so \`tpsync check\` could not judge it`,
      'rename the property',
    );
  }
  checkShape(source, path, property, report, secoda);
}

/** The type-bound keys, bounds, pattern and enum of a property or items mapping, then its items and nested properties. */
function checkShape(source: SourceFile, path: readonly PathSegment[], node: Obj, report: Report, secoda: boolean): void {
  const type = typeof node['type'] === 'string' ? node['type'] : undefined;
  const name = () => describe(source.data, path);
  if (mayHoldEnum(node)) checkEnum(source, path, node, report, secoda);
  for (const { keys, types, words } of KEY_TYPES) {
    for (const key of keys) {
      if (!Object.hasOwn(node, key) || node[key] === undefined) continue;
      // An unknown type is the schema check's to report.
      if (type !== undefined && !PROPERTY_TYPES.includes(type)) continue;
      if (type !== undefined && types.includes(type)) continue;
      const fixed = key === 'format' && (type === 'date' || type === 'datetime');
      report(
        [...path, key],
        fixed ? 'format-fixed' : 'key-not-for-type',
        fixed
          ? `${name()} has type ${JSON.stringify(type)}, whose format is fixed: it takes no "format"`
          : `"${key}" applies to ${words}, but ${name()} ${type === undefined ? 'has no type' : `has type ${JSON.stringify(type)}`}`,
        fixed
          ? 'remove `format`, or use `type: string` with the format you want'
          : type === undefined
            ? `add \`type: ${types[0] ?? 'string'}\`, or remove "${key}"`
            : `remove "${key}", or change the type`,
        'key',
      );
    }
  }
  checkBounds(path, node, 'min_length', 'max_length', name, report);
  checkBounds(path, node, 'minimum', 'maximum', name, report);
  const pattern = node['pattern'];
  if (typeof pattern === 'string' && pattern !== '') checkPattern(path, pattern, name, report);
  const items = node['items'];
  // `items: { use: … }` takes a definition's shape, checked there; an unknown title is the definition index's to report.
  if (isObj(items) && !Object.hasOwn(items, 'use')) checkShape(source, [...path, 'items'], items, report, false);
  const nested = node['properties'];
  if (Array.isArray(nested)) {
    checkNestedTitles(source, [...path, 'properties'], nested, name, report);
    nested.forEach((child, index) => {
      if (isObj(child)) checkProperty(source, [...path, 'properties', index], child, report, false);
    });
  }
}

function checkBounds(path: readonly PathSegment[], node: Obj, low: string, high: string, name: () => string, report: Report): void {
  const min = node[low];
  const max = node[high];
  if (typeof min !== 'number' || typeof max !== 'number' || min <= max) return;
  report(
    [...path, low],
    'empty-range',
    `"${low}" (${min}) is above "${high}" (${max}) in ${name()}: no value fits`,
    `lower "${low}" or raise "${high}"`,
  );
}

function checkPattern(path: readonly PathSegment[], pattern: string, name: () => string, report: Report): void {
  const compiled = compileUserPattern(pattern);
  if (!compiled.ok) {
    report([...path, 'pattern'], 'bad-pattern', `the pattern of ${name()} ${compiled.problem}`, compiled.hint);
    return;
  }
  // The schema files carry the pattern as written, and JSON Schema reads it as ECMA-262 (with the `u` flag).
  try {
    new RegExp(pattern, 'u');
  } catch {
    report(
      [...path, 'pattern'],
      'bad-pattern',
      `the pattern of ${name()} is not an ECMA-262 regular expression, which JSON Schema validators read patterns as`,
      'write it in the syntax RE2 and JavaScript share: no inline flags such as `(?i)` (write `[Aa]`), `\\x{E9}` as the character itself',
    );
  }
}

/** Nested titles are unique within their object, ignoring case and surrounding space. */
function checkNestedTitles(
  source: SourceFile,
  listPath: readonly PathSegment[],
  items: readonly unknown[],
  parent: () => string,
  report: Report,
): void {
  const seen = new Map<string, { title: string; index: number }>();
  items.forEach((item, index) => {
    if (!isObj(item) || typeof item['title'] !== 'string') return;
    const title = item['title'];
    const key = title.normalize('NFC').trim().toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, { title, index });
      return;
    }
    const firstLine = source.locate([...listPath, first.index, 'title']).line;
    report(
      [...listPath, index, 'title'],
      'duplicate-title',
      first.title === title
        ? `nested property ${JSON.stringify(title)} is listed twice in ${parent()} (first at line ${firstLine})`
        : `nested property ${JSON.stringify(title)} differs only by case or spacing from ${JSON.stringify(first.title)} (line ${firstLine}) in ${parent()}`,
      'a key is listed once in its object; rename one or merge the two',
    );
  });
}

/** `any_name` belongs on page and screen events. */
export function checkEventKind(source: SourceFile, path: readonly PathSegment[], event: Obj, report: Report): void {
  if (event['any_name'] === undefined) return;
  // A kind that is not a string is the schema check's to report.
  const kind = typeof event['kind'] === 'string' ? event['kind'] : 'track';
  if (kind === 'page' || kind === 'screen') return;
  report(
    [...path, 'any_name'],
    'any-name-not-allowed',
    `"any_name" is for page and screen events, but ${describe(source.data, path)} is a ${kind} event`,
    kind === 'track'
      ? 'a track event is matched by its title; remove `any_name`, or set `kind: page` or `kind: screen`'
      : `${kind} events match every call of their type already; remove \`any_name\``,
    'key',
  );
}
