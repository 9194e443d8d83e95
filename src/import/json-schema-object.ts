/**
 * An object schema's properties as the plan's properties: each key a titled property (its value
 * mapped by json-schema-value.ts), `required` per property — a required key the schema does not
 * describe is a property of any value — and whether other properties are accepted. JSON Schema
 * accepts them unless `additionalProperties` (or `unevaluatedProperties`) is `false`, so an
 * object that does not say so is open.
 */
import { titleKey } from '../tracking-plan/semantic-rules.js';
import type { ImportedProperty, ImportedValue } from './imported-plan.js';
import { isRecord } from './json-schema-keywords.js';
import { leaveOutKeyword, note, type MapContext } from './map-context.js';
import { titleProblem } from './plan-text.js';
import type { SourcePlace } from './schema-places.js';

/** json-schema-value.ts's mapping, passed in (the two call each other). */
export type ValueMapper = (schema: unknown, place: SourcePlace, ctx: MapContext) => ImportedValue;

export interface ObjectShape {
  /** In code-unit order of their titles. */
  readonly properties: ImportedProperty[];
  /** Whether properties it does not name are accepted. */
  readonly additional: boolean;
}

/** Keywords about an object's properties as a whole that the plan cannot say. */
const UNSAID = [
  'patternProperties',
  'propertyNames',
  'minProperties',
  'maxProperties',
  'dependencies',
  'dependentRequired',
  'dependentSchemas',
];

/** `type: object`: its properties and openness when it describes them, else any object. */
export function objectValue(schema: Record<string, unknown>, ctx: MapContext, mapValue: ValueMapper): ImportedValue {
  const shape = objectShape(schema, { ...ctx, secoda: false }, mapValue);
  if (shape.properties.length === 0 && shape.additional) return { type: 'object' };
  return { type: 'object', properties: shape.properties, additional_properties: shape.additional };
}

/** The properties an object schema describes (an event's, or a nested object's) and whether it is open. */
export function objectShape(schema: Record<string, unknown>, ctx: MapContext, mapValue: ValueMapper): ObjectShape {
  for (const keyword of UNSAID) {
    if (!Object.hasOwn(schema, keyword) || (keyword === 'minProperties' && schema[keyword] === 0)) continue;
    leaveOutKeyword(ctx, schema, keyword, 'constrains the properties as a whole, which the plan cannot: left out');
  }
  const additional = openness(schema, ctx);
  const described = isRecord(schema['properties']) ? schema['properties'] : {};
  if (schema['properties'] !== undefined && !isRecord(schema['properties']))
    leaveOutKeyword(ctx, schema, 'properties', 'is not an object of schemas: left out');
  const required = new Set<string>();
  const requiredList = schema['required'];
  if (Array.isArray(requiredList)) {
    for (const key of requiredList) if (typeof key === 'string') required.add(key);
  } else if (requiredList !== undefined && typeof requiredList !== 'boolean') {
    // Draft 3's `required: true` on a property is no keyword of drafts 4 and later: ignored, as validators do.
    leaveOutKeyword(ctx, schema, 'required', 'is not a list of names: left out');
  }

  const titles = [...new Set([...Object.keys(described), ...required])].sort(order);
  const kept = new Map<string, string>();
  const properties: ImportedProperty[] = [];
  for (const title of titles) {
    const isDescribed = Object.hasOwn(described, title);
    const place = isDescribed ? ctx.places.child(schema, described[title], 'properties', title) : ctx.places.keyword(schema, 'required');
    const problem = titleProblem(title);
    if (problem !== undefined) {
      note(ctx, place, `property ${JSON.stringify(title)} cannot be a plan title (it ${problem}): left out`);
      continue;
    }
    const rival = kept.get(titleKey(title));
    if (rival !== undefined) {
      note(
        ctx,
        place,
        `property ${JSON.stringify(title)} differs from ${JSON.stringify(rival)} only by case or spacing, and titles in one event or object must not: left out`,
      );
      continue;
    }
    kept.set(titleKey(title), title);
    const value = isDescribed ? mapValue(described[title], place, ctx) : {};
    properties.push({ title, ...value, ...(required.has(title) ? { required: true as const } : {}) });
  }
  return { properties, additional };
}

/** Whether an object accepts properties it does not name (JSON Schema's default: yes). */
function openness(schema: Record<string, unknown>, ctx: MapContext): boolean {
  const keyword = Object.hasOwn(schema, 'additionalProperties') ? 'additionalProperties' : 'unevaluatedProperties';
  const value = schema[keyword];
  if (value === false) return false;
  if (value === undefined || value === true || (isRecord(value) && Object.keys(value).length === 0)) return true;
  leaveOutKeyword(
    ctx,
    schema,
    keyword,
    'is a schema for the properties not named, which the plan cannot say: they are accepted whatever their value',
  );
  return true;
}

function order(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
