/**
 * JSON Schema's keywords (drafts 4 to 2020-12) by what they do, for the mapping to the plan's
 * keys: annotations say nothing about validity; the others constrain values of one type, or
 * combine schemas. A keyword in none of these lists is unknown to JSON Schema, and validators
 * ignore it (Segment's `labels`, Snowplow's `self`), so the import does too.
 */

/** Keywords that describe without constraining (or only name things for references). */
export const ANNOTATIONS: ReadonlySet<string> = new Set([
  '$schema',
  '$id',
  'id',
  '$anchor',
  '$dynamicAnchor',
  '$recursiveAnchor',
  '$vocabulary',
  '$comment',
  '$defs',
  'definitions',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  'contentEncoding',
  'contentMediaType',
  'contentSchema',
]);

export const STRING_KEYWORDS: ReadonlySet<string> = new Set(['minLength', 'maxLength', 'pattern', 'format']);

export const NUMBER_KEYWORDS: ReadonlySet<string> = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']);

export const ARRAY_KEYWORDS: ReadonlySet<string> = new Set([
  'items',
  'prefixItems',
  'additionalItems',
  'unevaluatedItems',
  'minItems',
  'maxItems',
  'uniqueItems',
  'contains',
  'minContains',
  'maxContains',
]);

export const OBJECT_KEYWORDS: ReadonlySet<string> = new Set([
  'properties',
  'required',
  'additionalProperties',
  'unevaluatedProperties',
  'patternProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
]);

/** Keywords that combine subschemas: the plan has no way to say "one of" or "if". */
export const COMBINATIONS: readonly string[] = ['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else'];

/** The value types JSON Schema names. */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export const JSON_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);

/** Keywords of a type other than `type`'s, which never apply: ignored without a note. */
export function keywordsOf(type: Exclude<JsonType, 'null' | 'boolean'>): ReadonlySet<string> {
  if (type === 'string') return STRING_KEYWORDS;
  if (type === 'object') return OBJECT_KEYWORDS;
  if (type === 'array') return ARRAY_KEYWORDS;
  return NUMBER_KEYWORDS;
}

/** Whether a keyword constrains values of some type only (and so does nothing to other values). */
export function isTypedKeyword(keyword: string): boolean {
  return STRING_KEYWORDS.has(keyword) || NUMBER_KEYWORDS.has(keyword) || ARRAY_KEYWORDS.has(keyword) || OBJECT_KEYWORDS.has(keyword);
}

/** Whether a JSON value is of a JSON Schema type (`1.0` is an integer, as JSON Schema says). */
export function hasJsonType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
