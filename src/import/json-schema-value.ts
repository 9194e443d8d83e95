/**
 * The one mapping from a JSON Schema (drafts 4 to 2020-12, as Segment, RudderStack and Snowplow
 * write them) to the plan's description of a value. Exact where the plan can say what the schema
 * says; where it cannot, the keyword is noted by file and JSON pointer and left out, so the plan
 * accepts at least what the schema accepts — never a guess at what the author meant.
 *
 * - `type`: one type; `integer` and `number` together are `number`; `"null"` beside one type is
 *   `nullable: true` (as is an `anyOf` / `oneOf` of a schema and `null`); several other types
 *   cannot be said.
 * - `enum` / `const`: json-schema-enum.ts. Strings, numbers: json-schema-scalars.ts.
 * - arrays: `items` (one schema), recursively. Objects: json-schema-object.ts, recursively.
 * - `$ref` within the document: followed (json-schema-refs.ts).
 * - keywords that constrain only some types, without a `type`, and combinations (`allOf`,
 *   `anyOf`, `oneOf`, `not`, `if`): noted.
 */
import { enumValue } from './json-schema-enum.js';
import { ARRAY_KEYWORDS, COMBINATIONS, isRecord, isTypedKeyword, JSON_TYPES, type JsonType } from './json-schema-keywords.js';
import { objectValue } from './json-schema-object.js';
import { followReference, singleBranch } from './json-schema-refs.js';
import { numberValue, stringValue } from './json-schema-scalars.js';
import type { ImportedValue } from './imported-plan.js';
import { leaveOutKeyword, note, type MapContext } from './map-context.js';
import { planText } from './plan-text.js';
import type { SourcePlace } from './schema-places.js';

/** The plan's description of the values `schema`, written at `place`, accepts (no `type`: any value). */
export function mapValue(schema: unknown, place: SourcePlace, ctx: MapContext): ImportedValue {
  if (schema === true) return {};
  if (!isRecord(schema)) {
    note(
      ctx,
      place,
      schema === false ? 'a schema of `false` accepts no value: left out, any value is accepted' : 'is not a schema: left out',
    );
    return {};
  }
  ctx.places.set(schema, place);
  const described = describe(schema, ctx);
  const text = planText(schema['description'], ctx.places.keyword(schema, 'description'), ctx);
  return text === undefined ? described : { ...described, description: text };
}

function describe(schema: Record<string, unknown>, ctx: MapContext): ImportedValue {
  if (Object.hasOwn(schema, '$ref')) {
    const followed = followReference(schema, ctx);
    return followed === undefined ? {} : mapValue(followed.schema, followed.place, followed.ctx);
  }
  const single = singleBranch(schema);
  if (single !== undefined) {
    const inner = mapValue(single.branch, ctx.places.child(schema, single.branch, single.keyword, single.index), ctx);
    if (!single.nullable || inner.type === undefined) return inner;
    return { ...inner, nullable: true };
  }
  for (const keyword of COMBINATIONS) {
    if (Object.hasOwn(schema, keyword))
      leaveOutKeyword(ctx, schema, keyword, 'combines schemas, which the plan cannot: left out (the plan checks the rest of this schema)');
  }
  const types = declaredTypes(schema, ctx);
  if (Object.hasOwn(schema, 'enum') || Object.hasOwn(schema, 'const')) {
    const value = enumValue(schema, types, ctx);
    if (value.type === 'enum' && typeof schema['format'] === 'string')
      leaveOutKeyword(ctx, schema, 'format', 'beside an enum: left out (the enum values are taken as they are)');
    return value;
  }
  if (types === undefined) return untyped(schema, ctx);
  const nullable = types.has('null');
  const others = [...types].filter((type) => type !== 'null');
  const single1 =
    others.length === 2 && others.includes('integer') && others.includes('number') ? 'number' : others.length === 1 ? others[0] : undefined;
  if (single1 === undefined) {
    leaveOutKeyword(
      ctx,
      schema,
      'type',
      others.length === 0
        ? 'allows only null, which the plan cannot say alone: left out, any value is accepted'
        : `allows several types (${others.join(', ')}), which the plan cannot say: left out with what constrains them, any value is accepted`,
    );
    return {};
  }
  const value = typedValue(schema, single1, ctx);
  return nullable ? { ...value, nullable: true } : value;
}

function typedValue(schema: Record<string, unknown>, type: Exclude<JsonType, 'null'>, ctx: MapContext): ImportedValue {
  switch (type) {
    case 'string':
      return stringValue(schema, ctx);
    case 'integer':
    case 'number':
      return numberValue(schema, type, ctx);
    case 'boolean':
      return { type: 'boolean' };
    case 'array':
      return arrayValue(schema, ctx);
    case 'object':
      return objectValue(schema, ctx, mapValue);
  }
}

/** `type: array` and its `items`; what constrains the array as a whole is noted. */
function arrayValue(schema: Record<string, unknown>, ctx: MapContext): ImportedValue {
  const value: ImportedValue = { type: 'array' };
  for (const keyword of ARRAY_KEYWORDS) {
    if (keyword === 'items' || !Object.hasOwn(schema, keyword)) continue;
    if (keyword === 'uniqueItems' && schema[keyword] === false) continue;
    if (keyword === 'additionalItems' && !Array.isArray(schema['items'])) continue;
    leaveOutKeyword(ctx, schema, keyword, 'constrains the array as a whole, which the plan cannot: left out');
  }
  const items = schema['items'];
  if (Array.isArray(items)) {
    leaveOutKeyword(
      ctx,
      schema,
      'items',
      'is a list (one schema per position), which the plan cannot say: left out, any elements are accepted',
    );
  } else if (items !== undefined) {
    const mapped = mapValue(items, ctx.places.child(schema, items, 'items'), { ...ctx, secoda: false });
    if (Object.keys(mapped).some((key) => key !== 'description')) value.items = mapped;
  }
  return value;
}

/** A schema without `type`: any value, unless it constrains some types only, which the plan cannot say without a type. */
function untyped(schema: Record<string, unknown>, ctx: MapContext): ImportedValue {
  const typed = Object.keys(schema).filter(isTypedKeyword);
  if (typed.length > 0) {
    note(
      ctx,
      ctx.places.keyword(schema, typed[0] ?? ''),
      `${typed.join(', ')} without a type (they constrain values of one type and let any other value through), which the plan cannot say: left out, any value is accepted`,
    );
  }
  return {};
}

/** The types `type` allows, or undefined when it says nothing (or nothing the plan can read: noted). */
function declaredTypes(schema: Record<string, unknown>, ctx: MapContext): ReadonlySet<JsonType> | undefined {
  const type = schema['type'];
  if (type === undefined) return undefined;
  const list = Array.isArray(type) ? type : [type];
  if (list.length === 0 || !list.every((t): t is JsonType => typeof t === 'string' && JSON_TYPES.has(t))) {
    leaveOutKeyword(ctx, schema, 'type', `${JSON.stringify(type)} is not a JSON Schema type: left out, any value is accepted`);
    return undefined;
  }
  return new Set(list);
}
