/**
 * The keys the schema (schemas/tracking-plan.schema.json) allows in each place of a plan file,
 * and what to say of a key it does not: a likely misspelling, or the key people bring from
 * Secoda's API or other tools, with what to write instead. Read from the schema, never restated.
 */
import schema from '../../schemas/tracking-plan.schema.json' with { type: 'json' };
import { kindAt, type NodeKind } from './plan-paths.js';
import type { PathSegment } from './source-file.js';

/** The keys each kind of the plan's mappings may hold. */
const ALLOWED_KEYS: Record<NodeKind, readonly string[]> = {
  file: Object.keys(schema.properties),
  category: Object.keys(schema.definitions.category.properties),
  event: Object.keys(schema.definitions.event.properties),
  property: Object.keys(schema.definitions.property.properties),
  definition: Object.keys(schema.definitions.property.properties),
};
/** What an event's `- use: <title>` entry may hold beside `use`. */
export const USE_KEYS: readonly string[] = Object.keys(schema.definitions.propertyUse.properties);
/** What a property written out may hold. */
export const PROPERTY_KEYS: readonly string[] = Object.keys(schema.definitions.property.properties);
/** What an array's `items` may hold when written out. */
export const ITEM_KEYS: readonly string[] = Object.keys(schema.definitions.itemDefinition.properties);
/** The ids of the governance rules, as `rules:` may name them. */
export const RULE_IDS: readonly string[] = Object.keys(schema.definitions.rules.properties);

/** Keys allowed in the plan's smaller mappings, by the key that holds them. */
const NESTED_KEYS: Record<string, readonly string[]> = {
  compatibility: Object.keys(schema.properties.compatibility.properties),
  deprecated: Object.keys(schema.definitions.deprecation.properties),
};

/** The keys allowed in the mapping at `path`. */
export function allowedKeysAt(path: readonly PathSegment[]): readonly string[] {
  const last = path[path.length - 1];
  const nested = typeof last === 'string' ? NESTED_KEYS[last] : undefined;
  // `compatibility` only at the top level; `deprecated` on an event or property.
  if (nested !== undefined && (last !== 'compatibility' || path.length === 1)) return nested;
  const kind = kindAt(path);
  if (kind !== undefined || path[0] === 'rules') return ALLOWED_KEYS[kind ?? 'file'];
  // Inside a property: an array's items, or a nested property.
  if (last === 'items') return ITEM_KEYS;
  if (typeof last === 'number' && path[path.length - 2] === 'properties') return PROPERTY_KEYS;
  return ALLOWED_KEYS.file;
}

/** Whether `path` is an array's `items` mapping (at any depth of a property). */
export function isItemsPath(path: readonly PathSegment[]): boolean {
  return path.length > 2 && path[path.length - 1] === 'items' && path[0] !== 'rules';
}

/** Keys people reach for from Secoda's API or other tools, with what to write instead. */
export const KEY_ADVICE: Record<string, (kind: NodeKind) => string | undefined> = {
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
  owner: () => 'did you mean "owners"? (a list of Secoda users, by email)',
  tag: () => 'did you mean "tags"? (a list of Secoda tag IDs)',
  team: () => 'did you mean "teams"? (a list of Secoda team IDs)',
  // Only shared definitions reach here with `use` (an event's entries with `use` are checked as such).
  use: (kind) =>
    kind === 'property'
      ? 'a shared definition is written out in full; it cannot `use` another one'
      : "`- use: <title>` belongs in an event's `properties` list, to take a shared property definition",
  rules: () => '`rules` is set once, at the top level of the file that holds `version` and `integration`',
};

/** The options a rule takes, read from the schema (each rule refers to its options' definition). */
export function ruleOptions(rule: string): readonly string[] {
  const ref = (schema.definitions.rules.properties as Record<string, { $ref?: string }>)[rule]?.$ref ?? '';
  const definition = (schema.definitions as Record<string, { properties?: object }>)[ref.split('/').pop() ?? ''];
  return Object.keys(definition?.properties ?? {});
}

/** Whether an event's property entry takes a shared definition (`- use: <title>`) rather than being written out. */
export function isUseEntry(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && 'use' in value;
}
